/**
 * The front matter keys floe understands: each checked for its type and
 * normalized (dates, numeric titles, `build`, `aliases`). Used where pages are
 * parsed and where cascaded front matter reaches them, so it loads no Markdown.
 *
 * @module
 */
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { preview } from "./value_shape.ts";

/** Front matter keys floe understands, with the type each must have. */
const KNOWN_KEYS: Readonly<Record<string, "string" | "number" | "boolean" | "date">> = {
  title: "string",
  description: "string",
  date: "date",
  lastmod: "date",
  publishDate: "date",
  expiryDate: "date",
  weight: "number",
  draft: "boolean",
  slug: "string",
  url: "string",
  layout: "string",
};

/**
 * Checks the types of the keys floe understands and normalizes them (dates to
 * `YYYY-MM-DD` or UTC ISO 8601, numeric titles to strings). Returns new data, or a
 * diagnostic per bad key, located with `locate`.
 *
 * @example
 * ```ts
 * import { checkFrontMatter } from "./known_keys.ts";
 * checkFrontMatter({ date: "2024-01-05T10:00:00" }, () => ({ line: 2, column: 1 }), "a.md");
 * // { data: { date: "2024-01-05T10:00:00.000Z" } }
 * ```
 */
export function checkFrontMatter(
  data: Readonly<Record<string, unknown>>,
  locate: (key: string) => { line: number; column: number },
  file: string,
): { data: Record<string, unknown> } | { diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out = { ...data };
  for (const [key, type] of Object.entries(KNOWN_KEYS)) {
    if (!(key in out)) continue;
    const value = out[key];
    if (type === "date") {
      const iso = normalizeDate(value);
      if (iso === undefined) {
        diagnostics.push(error("front-matter", `"${key}" is not a date: ${preview(value)}`, {
          file,
          ...locate(key),
          hint: "write dates as YYYY-MM-DD or an ISO 8601 date-time, e.g. 2024-05-01T09:30:00Z",
        }));
      } else out[key] = iso;
    } else if (type === "string" && typeof value === "number") {
      out[key] = String(value);
    } else if (!hasType(value, type)) {
      diagnostics.push(
        error("front-matter", `"${key}" must be a ${type}, not ${preview(value)}`, {
          file,
          ...locate(key),
          hint: type === "boolean"
            ? `write ${key}: true or ${key}: false`
            : type === "number"
            ? `write a number, e.g. ${key}: 10`
            : `write a string, e.g. ${key}: "…"`,
        }),
      );
    }
  }
  if ("build" in out) {
    const build = checkBuild(out.build, () => locate("build"), file);
    if ("diagnostics" in build) diagnostics.push(...build.diagnostics);
    else out.build = build.build;
  }
  if ("aliases" in out) {
    const aliases = typeof out.aliases === "string" ? [out.aliases] : out.aliases;
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== "string")) {
      diagnostics.push(error("front-matter", `"aliases" must be a list of URLs`, {
        file,
        ...locate("aliases"),
        hint: 'write aliases: ["/old/url/"]',
      }));
    } else out.aliases = aliases;
  }
  return diagnostics.length ? { diagnostics } : { data: out };
}

/**
 * `build: { render, list }` as booleans. Hugo's words are read too, so Hugo content
 * builds as it is: `render: always | never | link` (a linked page without its own
 * file is not rendered), `list: always | local | never`; `publishResources` is
 * accepted and has no effect (a page's files are always copied).
 */
function checkBuild(
  value: unknown,
  locate: () => { line: number; column: number },
  file: string,
): { build: Record<string, boolean> } | { diagnostics: Diagnostic[] } {
  const hint = "write build: { render: false } (no output file) or build: { list: false } " +
    "(left out of listings, feeds, sitemap and search)";
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      diagnostics: [error("front-matter", `"build" must be a map, not ${preview(value)}`, {
        file,
        ...locate(),
        hint,
      })],
    };
  }
  const build: Record<string, boolean> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, v] of Object.entries(value)) {
    const words = Object.hasOwn(BUILD_WORDS, key) ? BUILD_WORDS[key] : undefined;
    if (!words) {
      diagnostics.push(
        error("front-matter", `unknown build option "build.${key}"`, { file, ...locate(), hint }),
      );
    } else if (key === "publishResources" && typeof v === "boolean") {
      continue; // accepted, no effect: a page's files are always copied
    } else if (typeof v === "boolean") {
      build[key] = v;
    } else if (typeof v === "string" && Object.hasOwn(words, v)) {
      build[key] = words[v];
    } else {
      diagnostics.push(
        error("front-matter", `"build.${key}" must be true or false, not ${preview(v)}`, {
          file,
          ...locate(),
          hint,
        }),
      );
    }
  }
  return diagnostics.length ? { diagnostics } : { build };
}

/** The `build` options, with Hugo's words for their values. */
const BUILD_WORDS: Readonly<Record<string, Readonly<Record<string, boolean>>>> = Object.freeze({
  render: Object.freeze({ always: true, never: false, link: false }),
  list: Object.freeze({ always: true, local: true, never: false }),
  publishResources: Object.freeze({}),
});

function hasType(value: unknown, type: "string" | "number" | "boolean"): boolean {
  return type === "string"
    ? typeof value === "string"
    : type === "number"
    ? typeof value === "number" && Number.isFinite(value)
    : typeof value === "boolean";
}

/**
 * Accepts `YYYY-MM-DD` (kept as is) or an ISO 8601 date-time: normalized to UTC
 * (`…T04:30:00.000Z`), or with the author's offset kept (`…T23:30:00.000-05:00`).
 * A date-time without an offset is read as UTC, never as the machine's local time,
 * so a site builds the same everywhere. Impossible dates (2024-02-30) are refused.
 */
function normalizeDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/
    .exec(value.trim());
  if (!m) return undefined;
  const [, day, time, offset] = m;
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== day) {
    return undefined;
  }
  if (!time) return day;
  const parsed = Date.parse(`${day}T${time}${offset ?? "Z"}`);
  if (Number.isNaN(parsed)) return undefined;
  if (!offset || offset === "Z" || /^[+-]00:?00$/.test(offset)) {
    return new Date(parsed).toISOString();
  }
  // The author's offset is kept: pages show their day (January 1 at 23:30 in New
  // York), feeds and sitemaps the instant, which the text still names.
  const sign = offset[0] === "-" ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const wall = new Date(parsed + minutes * 60_000).toISOString().slice(0, 23);
  return `${wall}${offset.slice(0, 3)}:${offset.slice(-2)}`;
}
