/**
 * Markdown → HTML with markdown-it, plus what templates and later stages need from
 * the same token stream: heading ids and the TOC, the excerpt, outbound links and a
 * word count. Runs in parse workers only (see DESIGN.md: never beside Vento).
 *
 * @module
 */
import MarkdownIt from "markdown-it";
import type { MarkdownOptions } from "../config/config.ts";
import { slugify } from "./slugify.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/**
 * One heading of a page, for a table of contents.
 *
 * @example
 * ```ts
 * import type { TocEntry } from "./markdown.ts";
 * const h: TocEntry = { level: 2, id: "install", text: "Install" };
 * ```
 */
export interface TocEntry {
  /** 1 for `#`, 2 for `##` … */
  readonly level: number;
  /** The heading's `id` attribute, for `#id` links. */
  readonly id: string;
  /** The heading's text, without markup. */
  readonly text: string;
}

/**
 * A link or image source found in a page's Markdown, with its source line.
 *
 * @example
 * ```ts
 * import type { OutboundLink } from "./markdown.ts";
 * const l: OutboundLink = { href: "/docs/", line: 12 };
 * ```
 */
export interface OutboundLink {
  readonly href: string;
  readonly line: number;
}

/**
 * What rendering one Markdown body gives.
 *
 * @example
 * ```ts
 * import { createMarkdown, renderMarkdown } from "./markdown.ts";
 * const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
 * const r = renderMarkdown(md, "# Hi\n\nText", 1);
 * console.log(r.toc[0].id); // "hi"
 * ```
 */
export interface RenderedMarkdown {
  readonly html: string;
  readonly toc: readonly TocEntry[];
  /** HTML of the part before `<!--more-->`, or of the first paragraph. */
  readonly excerpt: string;
  readonly links: readonly OutboundLink[];
  readonly wordCount: number;
}

/**
 * Creates a configured markdown-it instance. Call once per worker and reuse it:
 * the instance holds no per-page state.
 *
 * @example
 * ```ts
 * import { createMarkdown } from "./markdown.ts";
 * const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
 * ```
 */
export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const md = new MarkdownIt({
    html: options.html,
    typographer: options.typographer,
    linkify: options.linkify,
    breaks: options.breaks,
  });
  return md;
}

const MORE = /<!--\s*more\s*-->/;

/**
 * Renders one page body. `firstLine` is the file line where the body starts, so
 * reported link lines point into the original file.
 *
 * @example
 * ```ts
 * import { createMarkdown, renderMarkdown } from "./markdown.ts";
 * const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
 * renderMarkdown(md, "Intro\n\n<!--more-->\n\nRest", 1).excerpt; // "<p>Intro</p>\n"
 * ```
 */
export function renderMarkdown(
  md: MarkdownIt,
  body: string,
  firstLine: number,
): RenderedMarkdown {
  const env = {};
  const tokens = md.parse(body, env);
  assignHeadingIds(tokens);
  const html = md.renderer.render(tokens, md.options, env);
  const toc: TocEntry[] = [];
  const links: OutboundLink[] = [];
  let words = 0;
  let excerptEnd = -1;
  let firstParagraph: [number, number] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === "heading_open") {
      toc.push({
        level: Number(token.tag.slice(1)),
        id: token.attrGet("id") ?? "",
        text: inlineText(tokens[i + 1]),
      });
    } else if (token.type === "html_block" && MORE.test(token.content)) {
      if (excerptEnd < 0) excerptEnd = i;
    } else if (
      token.type === "paragraph_open" && token.level === 0 && !firstParagraph
    ) {
      const close = tokens.findIndex((t, j) =>
        j > i && t.type === "paragraph_close" && t.level === 0
      );
      firstParagraph = [i, close + 1];
    } else if (token.type === "inline") {
      const line = firstLine + (token.map?.[0] ?? 0);
      let text = "";
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") text += child.content;
        else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
        else if (child.type === "link_open") {
          links.push({ href: child.attrGet("href") ?? "", line });
        } else if (child.type === "image") {
          links.push({ href: child.attrGet("src") ?? "", line });
          text += ` ${child.content} `;
        } else if (child.type === "html_inline" && MORE.test(child.content)) {
          if (excerptEnd < 0) excerptEnd = i + 2; // keep the paragraph_close
        }
      }
      words += countWords(text);
    }
  }
  const excerptTokens = excerptEnd >= 0
    ? tokens.slice(0, excerptEnd)
    : firstParagraph
    ? tokens.slice(...firstParagraph)
    : [];
  const excerpt = excerptTokens.length ? md.renderer.render(excerptTokens, md.options, env) : "";
  return { html, toc, excerpt, links, wordCount: words };
}

/**
 * Gives every heading a stable id from its text (`## Install` → `install`), unique
 * within the page (`install`, `install-1`, …). An id set in the source is kept.
 */
function assignHeadingIds(tokens: Token[]): void {
  const used = new Set<string>();
  for (const token of tokens) {
    if (token.type === "heading_open" && token.attrGet("id")) {
      used.add(token.attrGet("id")!);
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== "heading_open" || token.attrGet("id")) continue;
    const base = slugify(inlineText(tokens[i + 1])) || "section";
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet("id", id);
  }
}

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .filter((t) => t.type === "text" || t.type === "code_inline")
    .map((t) => t.content)
    .join("");
}

/**
 * Whitespace-separated runs with at least one letter or digit (any non-ASCII
 * character counts as a letter). A loop over char codes: no strings allocated.
 */
function countWords(text: string): number {
  let count = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      counted = false;
    } else if (
      !counted &&
      ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128)
    ) {
      count++;
      counted = true;
    }
  }
  return count;
}
