// Template filter: turn a heading or a title into a URL slug.
// Pure: the result depends only on the arguments.
import type { Filter } from "jsr:@floe/floe";

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_SLUG = /[^a-z0-9]+/g;
const EDGE_DASHES = /^-+|-+$/g;

const REPLACEMENTS = [
  ["&", " and "],
  ["@", " at "],
  ["+", " plus "],
] as const;

export interface SlugOptions {
  readonly maxLength?: number;
  readonly separator?: string;
}

export function slugify(input: string, options: SlugOptions = {}): string {
  const separator = options.separator ?? "-";
  let text = input.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase();
  for (const [from, to] of REPLACEMENTS) {
    text = text.replaceAll(from, to);
  }
  let slug = text.replace(NOT_SLUG, "-").replace(EDGE_DASHES, "");
  if (options.maxLength && slug.length > options.maxLength) {
    slug = slug.slice(0, options.maxLength).replace(EDGE_DASHES, "");
  }
  return separator === "-" ? slug : slug.replaceAll("-", separator);
}

export const slugFilter: Filter = (value: unknown, maxLength?: number) =>
  slugify(String(value ?? ""), { maxLength });
