/**
 * floe's built-in Vento filters. Pure functions of their arguments and the site's
 * settings: the same input renders the same output in any worker. None mutates its
 * input (templates get deep-frozen data): lists come back as new arrays.
 *
 * @module
 */
import type MarkdownIt from "npm:markdown-it@14.3.3";
import { DEFAULT_CONFIG, type Filter, type MarkdownOptions } from "../config/config.ts";
import { blaming, type PluginRegistry } from "../config/plugin.ts";
import { slugify } from "../parse/slugify.ts";
import { htmlToText } from "../base/html_scan.ts";
import { siteLinks } from "../snapshot/urls.ts";
import { queryFilters } from "./query_filters.ts";

/**
 * Settings the built-in filters depend on.
 *
 * @example
 * ```ts
 * import type { FilterSettings } from "./filters.ts";
 * const s: FilterSettings = { baseURL: "https://example.org/docs/", language: "en" };
 * ```
 */
export interface FilterSettings {
  /** The site's base URL: its path is the base path `url` prepends. */
  readonly baseURL: string;
  /** BCP 47 language code, for dates and for sorting strings. */
  readonly language: string;
  /** Options for the `markdown` filter; floe's defaults when absent. */
  readonly markdown?: MarkdownOptions;
  /** The site's markdown-it plugins, so the filter renders as page bodies do. */
  readonly markdownPlugins?: PluginRegistry["markdown"];
}

/**
 * What Vento binds `this` to when it calls a filter. `safeString` marks HTML as
 * already escaped (a `SafeString`) when the environment autoescapes.
 */
type FilterThis = { readonly env?: { readonly utils?: { safeString?(html: string): unknown } } };

/**
 * Creates the built-in filters:
 * - `url` — a root-relative URL with the base path prepended (`/a/` → `/docs/a/`);
 * - `absURL` — the full URL (`/a/` → `https://example.org/docs/a/`);
 * - `relURL(target, from)` — the relative path from the page at URL `from` to the
 *   site URL `target` (`"/a/c/" |> relURL("/a/b/")` → `../c/`), for output that
 *   works under any base path or from the file system;
 * - `date` — formats a date: `"long"` (default, e.g. "January 5, 2024" for `en`, in the site's
 *   language), `"short"` (`2024-01-05`), `"iso"`, or any `Intl.DateTimeFormat`
 *   options object. Always in UTC, so output does not depend on the machine;
 * - `markdown` — renders a string as Markdown (`markdown(true)`: inline, no `<p>`),
 *   as trusted HTML like the page body; async (Vento awaits it), so markdown-it is
 *   loaded only by workers that use the filter;
 * - `slugify` — the slug floe uses for heading ids (`"Hello, World!"` → `hello-world`);
 * - `plainify` — HTML to plain text (`"<p>A &amp; B</p>"` → `A & B`), e.g. for an
 *   excerpt shown on another page, where its links and footnotes would not work;
 * - the page queries `where`, `sortBy`, `limit`, `reverse`, `readingTime`,
 *   `wordCount` (see {@link queryFilters}).
 *
 * @example
 * ```ts
 * import { builtinFilters } from "./filters.ts";
 * const f = builtinFilters({ baseURL: "https://example.org/docs/", language: "en" });
 * f.url("/a/"); // "/docs/a/"
 * f.relURL("/a/c/", "/a/b/"); // "../c/"
 * f.date("2024-01-05", "short"); // "2024-01-05"
 * await f.markdown("*hi*", true); // "<em>hi</em>"
 * ```
 */
export function builtinFilters(
  settings: FilterSettings,
): Record<string, Filter> {
  const links = siteLinks(settings.baseURL);
  const isAbsolute = (s: string) => /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(s);
  const formatted = new Map<string, string>();
  // Made on first use: a locale's date formats cost ~10 ms to load, and a site
  // whose templates show no long dates should not pay for them on every build.
  let longDate: Intl.DateTimeFormat | undefined;
  // Created on first use and kept for this set of filters (one per worker and build):
  // the promise is stored synchronously, so concurrent first calls share one import.
  let markdownIt: Promise<(text: string, inline: boolean) => Promise<string>> | undefined;
  const loadMarkdown = () =>
    markdownIt ??= import("../parse/markdown.ts").then((m) => {
      const md: MarkdownIt = m.createMarkdown(settings.markdown ?? DEFAULT_CONFIG.markdown);
      for (const { plugin, value } of settings.markdownPlugins ?? []) {
        blaming(plugin, "register", () => md.use(value.plugin, ...value.params))();
      }
      return async (text: string, inline: boolean) => {
        if (inline) return md.renderInline(text);
        await m.loadLanguages(md, text); // fence grammars load on first use
        return md.render(text);
      };
    });
  return {
    ...queryFilters(settings.language),
    url: (value: unknown) => {
      const s = String(value ?? "");
      return isAbsolute(s) ? s : links.local(s);
    },
    absURL: (value: unknown) => {
      const s = String(value ?? "");
      // Without a host in baseURL there is no absolute URL to give: stay root-relative.
      return isAbsolute(s) ? s : links.absolute(s);
    },
    relURL: (target: unknown, from: unknown = "/") => {
      // Nothing is the home page, as with `url`.
      const s = String(target ?? "") || "/";
      return isAbsolute(s) ? s : relativeURL(s, String(from ?? "/"));
    },
    slugify: (value: unknown) => slugify(String(value ?? "")),
    plainify: (value: unknown) => htmlToText(String(value ?? "")),
    markdown: async function (this: FilterThis | undefined, value: unknown, inline = false) {
      if (value === null || value === undefined || value === "") return "";
      const html = await (await loadMarkdown())(String(value), inline);
      // Under Vento's autoescape the HTML must not be escaped again.
      return this?.env?.utils?.safeString?.(html) ?? html;
    },
    date: (value: unknown, format: unknown = "long") => {
      if (value === null || value === undefined || value === "") return "";
      // Listings show the same pages' dates on page after page, and formatting a
      // date for people is slow: each text and named format is made once.
      if (typeof format !== "string") return formatDate(value, format);
      // A day alone is shown the same for every time on it: one entry a day, not one
      // a page (page dates are normalized to these forms, each showing its own day).
      const day = format === "long" || format === "short" ? dayOf(value) : undefined;
      const key = `${format}\u0000${day ?? value}`;
      let text = formatted.get(key);
      if (text === undefined) {
        text = formatDate(value, format);
        // Not a date after all (2024-13-45): kept as it was, and not for the day.
        if (day === undefined || text !== String(value)) formatted.set(key, text);
      }
      return text;
    },
  };
  function formatDate(value: unknown, format: unknown): string {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) return String(value);
    // The instant, for machines (feeds, `datetime` attributes).
    if (format === "iso") return date.toISOString();
    // For people, the calendar day and time the author wrote, in their offset.
    const shown = wallClock(String(value)) ?? date;
    if (format === "short") return shown.toISOString().slice(0, 10);
    if (typeof format === "object" && format !== null) {
      return new Intl.DateTimeFormat(settings.language, {
        timeZone: "UTC",
        ...(format as Intl.DateTimeFormatOptions),
      }).format(shown);
    }
    if (ENGLISH.has(settings.language)) {
      const english = englishLongDate(shown);
      if (english !== undefined) return english;
    }
    longDate ??= new Intl.DateTimeFormat(settings.language, { dateStyle: "long", timeZone: "UTC" });
    return longDate.format(shown);
  }
}

/** Languages whose long dates read "January 5, 2024" (CLDR's `MMMM d, y`). */
const ENGLISH: ReadonlySet<string> = new Set(["en", "en-US"]);
const MONTHS: readonly string[] = Object.freeze([
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
]);

/**
 * A long English date of a UTC-based Date, as `Intl.DateTimeFormat` gives it,
 * without loading the locale's formats: ~20 ms in each thread that renders a
 * long date, a tenth of a small site's build. Years outside 1000–9999 (written
 * differently, or as BC) are left to Intl.
 */
function englishLongDate(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return undefined;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${year}`;
}

/**
 * The calendar day a date or date-time names (`2024-01-01T23:30:00-05:00` → its
 * author's `2024-01-01`), for values written as YYYY-MM-DD, or as a date-time in
 * UTC or with an offset; `undefined` for anything else (a date-time without an
 * offset is read in the machine's time zone).
 */
function dayOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return DAY_FIRST.exec(value)?.[1];
}

const DAY_FIRST =
  /^(\d{4}-\d{2}-\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A date-time written with an offset (`2024-01-01T23:30:00-05:00`) as the wall
 * clock it names, on a UTC-based Date: formatted in UTC it shows the author's
 * day and time (January 1, 23:30), not the UTC ones (January 2, 04:30).
 * `undefined` for days and UTC date-times, which need nothing.
 */
function wallClock(value: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)[+-]\d{2}:?\d{2}$/.exec(
    value.trim(),
  );
  if (!m) return undefined;
  const wall = new Date(`${m[1].replace(" ", "T")}Z`);
  return Number.isNaN(wall.getTime()) ? undefined : wall;
}

/**
 * The relative URL from the page at `from` to `target`, both site URLs (`/a/b/`,
 * `/a/b/file.html`). Query and fragment of `target` are kept. A result that is empty
 * (the page itself) is `./`; one whose first segment holds a `:` gets `./` in front,
 * so it is not read as a scheme.
 */
export function relativeURL(target: string, from: string): string {
  const cut = target.search(/[?#]/);
  const path = cut < 0 ? target : target.slice(0, cut);
  const suffix = cut < 0 ? "" : target.slice(cut);
  if (path === "") return suffix || "./"; // "#top", "?q": relative already
  const fromPath = from.replace(/[?#].*$/, "");
  // The folder of `from`: "/a/b/" → [a, b]; "/a/b.html" → [a].
  const fromDir = fromPath.split("/").filter(Boolean);
  if (!fromPath.endsWith("/")) fromDir.pop();
  const segments = path.split("/").filter(Boolean);
  const file = path.endsWith("/") ? "" : segments.pop() ?? "";
  let common = 0;
  while (
    common < fromDir.length && common < segments.length && fromDir[common] === segments[common]
  ) common++;
  let rel = "../".repeat(fromDir.length - common);
  for (let i = common; i < segments.length; i++) rel += `${segments[i]}/`;
  rel += file;
  if (rel === "") return `./${suffix}`;
  const firstSegment = rel.split("/", 1)[0];
  return (firstSegment.includes(":") ? `./${rel}` : rel) + suffix;
}
