/**
 * Parse stage, one page: bytes → front matter + rendered Markdown. Pure apart from
 * reading the file; runs in parse workers.
 *
 * @module
 */
import type { Body } from "../base/body.ts";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type MarkdownIt from "npm:markdown-it@14.3.3";
import type { MarkdownOptions } from "../config/config.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { decodeUtf8 } from "./utf8.ts";
import { locateKey, parseFrontMatter } from "./front_matter.ts";
import { checkFrontMatter } from "./known_keys.ts";
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
  /**
   * The rendered body as UTF-8 (bytes move between threads without a copy), or
   * where a parse worker wrote it (see `base/body.ts`).
   */
  readonly html: Body;
  readonly toc: readonly TocEntry[];
  readonly excerpt: string;
  readonly links: readonly OutboundLink[];
  readonly wordCount: number;
  /**
   * Plain text of the body (for search) as UTF-8, or where a parse worker wrote it:
   * like the body, it is bulk that one output reads (at 100,000 pages 0.2 G
   * characters, mostly in two-byte strings: 0.4 GB of the main thread's heap).
   * Empty when no output wants it.
   */
  readonly text: Body;
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
  /** The file's bytes, when whoever handed out the item has read them. */
  readonly bytes?: Uint8Array;
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
  // A worker is handed the bytes (see `withBytes`). Else read synchronously on
  // purpose: one file at a time, and node's async readFile costs ~15x more per
  // small file here.
  const bytes = file.bytes ?? readFileSync(file.abs);
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
  const { html, text, title: h1, componentErrors, ...rendered } = renderMarkdown(
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
      text: UTF8.encode(text),
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

const UTF8 = new TextEncoder();

/**
 * A parse batch with its files read by the caller (the main thread, which waits
 * while the workers parse), for the bytes to move to a worker: 10,000 pages, 1
 * worker, parse 8.65 → 7.78 s (medians of 4 alternating runs); 2 workers, no
 * difference. A file that cannot be read is left to the worker, which reports why.
 *
 * @example
 * ```ts
 * import { withBytes } from "./parse_page.ts";
 * const { items, moved } = withBytes([{ path: "content/a.md", abs: "/site/content/a.md" }]);
 * // items[0].bytes: the file's bytes (unless it could not be read); moved: their buffers
 * ```
 */
export function withBytes(
  items: readonly ParseItem[],
): { items: ParseItem[]; moved: ArrayBuffer[] } {
  const moved: ArrayBuffer[] = [];
  const read = items.map((item) => {
    try {
      const bytes = Deno.readFileSync(item.abs);
      moved.push(bytes.buffer);
      return { ...item, bytes };
    } catch {
      return item;
    }
  });
  return { items: read, moved };
}
