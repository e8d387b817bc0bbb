// floe.config.ts of a small blog: filters are pure functions.
import { defineConfig } from "jsr:@floe/floe";
import { slugify } from "./filter_slugify.ts";
import { formatDate } from "./filter_date_format.ts";

const CURRENCY = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export default defineConfig({
  title: "Field notes",
  baseURL: "https://notes.example.org/",
  filters: {
    slug: (value: unknown) => slugify(String(value)),
    date: (value: unknown, style?: "short" | "long") => formatDate(value, style),
    price: (value: unknown) => CURRENCY.format(Number(value)),
    initials: (value: unknown) =>
      String(value).split(/\s+/).map((w) => w.charAt(0).toUpperCase()).join(""),
    plural: (count: unknown, one: string, many: string) => (Number(count) === 1 ? one : many),
  },
});


export const contentDir = "content";
export const layoutsDir = "layouts";
