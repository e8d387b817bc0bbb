/**
 * Parse stage, one page: bytes → front matter + rendered Markdown. Pure apart from
 * reading the file; runs in parse workers.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type MarkdownIt from "npm:markdown-it@14.3.3";
import type { MarkdownOptions } from "../config/config.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { decodeUtf8 } from "./utf8.ts";
import { preview } from "./value_shape.ts";
import { locateKey, parseFrontMatter } from "./front_matter.ts";
import type { ForeignUse } from "./foreign_syntax.ts";
import { GrammarError } from "./highlight.ts";
import { loadLanguages, type OutboundLink, renderMarkdown, type TocEntry } from "./markdown.ts";

/**
 * A content file after parsing: its metadata, its HTML body and what the snapshot
 * needs. Front matter values are plain JSON-like data.
 *
 * @example
 * ```ts
 * import type { ParsedPage } from "./parse_page.ts";
 * declare const p: ParsedPage;
 * console.log(p.file, p.frontMatter.title, p.html.length);
 * ```
 */
export interface ParsedPage {
  /** Path relative to the site folder. */
  readonly file: string;
  /** sha256 (hex) of the file's bytes. */
  readonly hash: string;
  /**
   * sha256 (hex) of the rendered body and its table of contents: what a page's
   * own output reads of it, so a front-matter-only edit leaves it unchanged.
   */
  readonly bodyHash: string;
  readonly frontMatter: Readonly<Record<string, unknown>>;
  /** Where each front matter key is, for diagnostics raised by later stages. */
  readonly keyLocations: Readonly<
    Record<string, { readonly line: number; readonly column: number }>
  >;
  /** The rendered body as UTF-8: bytes move between threads without a copy. */
  readonly html: Uint8Array;
  readonly toc: readonly TocEntry[];
  readonly excerpt: string;
  readonly links: readonly OutboundLink[];
  readonly wordCount: number;
  /** Plain text of the body (for search). */
  readonly text: string;
  /** Syntax of other tools found in the body, reported once per kind for the site. */
  readonly foreign: readonly ForeignUse[];
}

/**
 * What a parse worker receives once per build.
 *
 * @example
 * ```ts
 * import type { ParseInit } from "./parse_page.ts";
 * import { DEFAULT_CONFIG } from "../config/config.ts";
 * const init: ParseInit = { markdown: DEFAULT_CONFIG.markdown, taxonomies: ["tags"], text: true };
 * ```
 */
export interface ParseInit {
  readonly markdown: MarkdownOptions;
  /** Taxonomy keys: their positions are kept for later diagnostics. */
  readonly taxonomies: readonly string[];
  /** Send back the page's plain text (only the search index needs it). */
  readonly text: boolean;
}

/**
 * One file to parse: its path for diagnostics and its absolute path to read.
 *
 * @example
 * ```ts
 * import type { ParseItem } from "./parse_page.ts";
 * const item: ParseItem = { path: "content/a.md", abs: "/site/content/a.md" };
 * ```
 */
export interface ParseItem {
  readonly path: string;
  readonly abs: string;
}

/**
 * The result of parsing one file: the page, or every problem found in it.
 *
 * @example
 * ```ts
 * import type { ParseOutcome } from "./parse_page.ts";
 * const bad: ParseOutcome = { diagnostics: [] };
 * ```
 */
export type ParseOutcome = {
  readonly page: ParsedPage;
} | {
  readonly diagnostics: Diagnostic[];
};

/** Keys whose positions later stages need for their diagnostics (plus taxonomies). */
const LOCATED_KEYS = ["slug", "url", "layout", "aliases", "menu", "cascade"] as const;

/**
 * Reads and parses one content file. Returns the page, or every diagnostic found.
 * A page without a `title` takes it from a leading `# H1` (see `renderMarkdown`).
 *
 * @example
 * ```ts
 * import { parsePage } from "./parse_page.ts";
 * import { createMarkdown } from "./markdown.ts";
 * const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
 * const r = await parsePage(md, { path: "content/a.md", abs: "/site/content/a.md" });
 * ```
 */
export async function parsePage(
  md: MarkdownIt,
  file: ParseItem,
  taxonomies: readonly string[] = [],
  keepText = true,
): Promise<ParseOutcome> {
  // Synchronous on purpose: a worker does one file at a time, and node's async
  // readFile costs ~15x more per small file here.
  const bytes = readFileSync(file.abs);
  const hash = createHash("sha256").update(bytes).digest("hex");
  const decoded = decodeUtf8(bytes, file.path);
  if ("diagnostics" in decoded) return decoded;
  const fm = parseFrontMatter(decoded.text, file.path);
  if ("diagnostics" in fm) return fm;

  const checked = checkFrontMatter(fm.data, (key) => locateKey(fm, key), file.path);
  if ("diagnostics" in checked) return checked;
  // Later stages report problems with these keys (unsafe url, missing layout),
  // so their positions travel with the page; other keys are located only on error.
  const keyLocations: Record<string, { line: number; column: number }> = {};
  for (const key of [...LOCATED_KEYS, ...taxonomies]) {
    if (key in fm.data) keyLocations[key] = locateKey(fm, key);
  }
  const frontMatter = checked.data;
  const title = typeof frontMatter.title === "string" ? frontMatter.title : undefined;

  try {
    await loadLanguages(md, fm.body);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    return { diagnostics: [grammarDiagnostic(e, file.path)] };
  }
  // A page's own `components: true|false` wins over the site's setting; any
  // other value is an ordinary param, as it was before components existed.
  const components = typeof frontMatter.components === "boolean"
    ? frontMatter.components
    : undefined;
  const { html, title: h1, componentErrors, ...rendered } = renderMarkdown(
    md,
    fm.body,
    fm.bodyLine,
    { title, components, text: keepText },
  );
  if (componentErrors.length) {
    return {
      diagnostics: componentErrors.map(({ message, ...where }) =>
        error("component-syntax", message, { file: file.path, ...where })
      ),
    };
  }
  if (h1 !== undefined) frontMatter.title = h1;
  const body = UTF8.encode(html);
  return {
    page: {
      file: file.path,
      hash,
      bodyHash: createHash("sha256").update(body).update(JSON.stringify(rendered.toc)).digest(
        "hex",
      ),
      frontMatter,
      keyLocations,
      html: body,
      // Plain text is ~1 KB a page: it is made and crosses threads only when it is used.
      ...rendered,
    },
  };
}

/** A grammar module of `markdown.languages` that a fence of this page needs did not load. */
function grammarDiagnostic(e: GrammarError, file: string): Diagnostic {
  const path = e.module.startsWith("file:")
    ? fileURLToPath(e.module.replace(/\?.*$/, ""))
    : e.module.replace(/\?.*$/, "");
  return error("config", `the highlighting grammar ${path} (markdown.languages) ${e.message}`, {
    file,
    hint: "a grammar module's default export is a function (hljs) => language definition; " +
      "see https://highlightjs.readthedocs.io/en/latest/language-guide.html",
  });
}

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
 * import { checkFrontMatter } from "./parse_page.ts";
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

const UTF8 = new TextEncoder();
