/**
 * Markdown → HTML with markdown-it, plus what templates and later stages need from
 * the same token stream: heading ids, anchors and the TOC, the excerpt, outbound
 * links, the plain text and a word count. Footnotes, task lists and build-time
 * syntax highlighting are on by default. Runs in parse workers only (see DESIGN.md:
 * never beside Vento).
 *
 * @module
 */
import MarkdownIt, { type PluginSimple } from "npm:markdown-it@14.3.3";
import attributes from "npm:markdown-it-attrs@5.0.1";
import deflist from "npm:markdown-it-deflist@4.0.0";
import footnote from "npm:markdown-it-footnote@4.0.0";
import taskLists from "npm:markdown-it-task-lists@2.1.1";
import type { MarkdownOptions } from "../config/config.ts";
import { addCallouts } from "./callouts.ts";
import { createHighlighter } from "./highlight.ts";
import { slugify } from "./slugify.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** What renderMarkdown passes through markdown-it to its render rules. */
interface RenderEnv {
  /** Set while rendering the excerpt: no heading anchors in summaries on list pages. */
  excerpt?: boolean;
}

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
  /** The `href` (or image `src`) as written. */
  readonly href: string;
  /** 1-based line in the source file. */
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
  /** The body as HTML. */
  readonly html: string;
  /** Every heading, in order, for a table of contents. */
  readonly toc: readonly TocEntry[];
  /** HTML of the part before `<!--more-->`, or of the first paragraph. */
  readonly excerpt: string;
  /** Links and image sources, for link checking. */
  readonly links: readonly OutboundLink[];
  /** Words of the body's prose (code blocks not counted). */
  readonly wordCount: number;
  /**
   * The body as plain text, for a search index: the text of headings, paragraphs,
   * list items, table cells and code blocks, whitespace collapsed to single spaces,
   * no HTML (raw HTML blocks and tags are left out, entities are decoded).
   */
  readonly text: string;
}

/**
 * Creates a configured markdown-it instance. Call once per worker and reuse it:
 * the instance holds no per-page state. Besides markdown-it's own options it reads
 * `highlight` (fenced code highlighted with highlight.js), `anchors` (a `#`
 * permalink in every h2–h6), `footnotes` and `taskLists`; each defaults to `true`.
 *
 * @example
 * ```ts
 * import { createMarkdown } from "./markdown.ts";
 * const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
 * md.render("~~~ts\nlet x = 1;\n~~~"); // '<pre><code class="hljs language-ts">…'
 * ```
 */
export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  // The extras are on unless switched off (`?? true`): a caller may pass only the core fields.
  const extra = options;
  const highlighter = (extra.highlight ?? true) ? createHighlighter() : undefined;
  const md: MarkdownIt = new MarkdownIt({
    html: options.html,
    typographer: options.typographer,
    linkify: options.linkify,
    breaks: options.breaks,
    // "" tells markdown-it to render the fence itself: plain, escaped code with its
    // `language-x` class (an unknown language, or none).
    highlight: highlighter
      ? (code: string, lang: string): string => {
        const html = highlighter(code, lang);
        return html === undefined
          ? ""
          : `<pre><code class="hljs language-${md.utils.escapeHtml(lang)}">${html}</code></pre>`;
      }
      : null,
  });
  // The plugin's .d.ts is written against markdown-it's CommonJS types; same function.
  if (extra.footnotes ?? true) md.use(footnote as unknown as PluginSimple);
  // No options on purpose: the plugin stores them in module-level variables, shared
  // by every instance. Without options checkboxes are disabled, which is what we want.
  if (extra.taskLists ?? true) md.use(taskLists);
  if (extra.definitionLists ?? true) md.use(deflist as unknown as PluginSimple);
  if (extra.callouts ?? true) addCallouts(md);
  // `## Install {#setup .wide}`: an id and classes, nothing that could run script.
  if (extra.attributes ?? true) {
    md.use(attributes as unknown as PluginSimple, {
      allowedAttributes: ["id", "class", /^data-[a-z0-9-]+$/],
    });
  }
  if (extra.anchors ?? true) addHeadingAnchors(md);
  return md;
}

/**
 * Appends a permalink to every h2–h6 that has an id, inside the heading after its
 * text. It is a real link, so it is not `aria-hidden` (a focusable element hidden
 * from assistive technology is announced as nothing); the `#` means nothing read
 * aloud, so the link is named by `aria-label`. Done at render time from the heading
 * token: the inline tokens stay untouched, so TOC text, plain text, word count and
 * outbound links never see the `#`.
 */
function addHeadingAnchors(md: MarkdownIt): void {
  const escapeHtml = md.utils.escapeHtml;
  md.renderer.rules.heading_close = (tokens, idx, options, env: RenderEnv, self) => {
    const close = self.renderToken(tokens, idx, options);
    // A heading is always heading_open, inline, heading_close.
    const open = tokens[idx - 2];
    if (env?.excerpt || open?.type !== "heading_open" || open.tag === "h1") return close;
    const id = open.attrGet("id");
    if (!id) return close;
    return ` <a class="heading-anchor" href="#${
      escapeHtml(id)
    }" aria-label="Link to this section">#</a>${close}`;
  };
}

const MORE = /<!--\s*more\s*-->/;
const WHITESPACE = /\s+/g;

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
  const env: RenderEnv = {};
  const tokens = md.parse(body, env);
  const toc = assignHeadingIds(tokens);
  const html = md.renderer.render(tokens, md.options, env);
  const links: OutboundLink[] = [];
  // Pieces of plain text, joined and collapsed once at the end.
  const texts: string[] = [];
  let words = 0;
  let excerptEnd = -1;
  let firstParagraph: [number, number] | undefined;
  // Table cells' inline tokens have no line map: use the nearest block that has one.
  let blockLine = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) blockLine = token.map[0];
    if (token.type === "html_block") {
      if (excerptEnd < 0 && MORE.test(token.content)) excerptEnd = i;
    } else if (token.type === "fence" || token.type === "code_block") {
      texts.push(token.content);
    } else if (
      token.type === "paragraph_open" && token.level === 0 && !firstParagraph
    ) {
      const close = tokens.findIndex((t, j) =>
        j > i && t.type === "paragraph_close" && t.level === 0
      );
      firstParagraph = [i, close + 1];
    } else if (token.type === "inline") {
      // A link's line: the block's first line plus the line breaks before it.
      let line = firstLine + blockLine;
      let text = "";
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") text += child.content;
        else if (child.type === "softbreak" || child.type === "hardbreak") {
          text += " ";
          line++;
        } else if (child.type === "link_open") {
          links.push({ href: child.attrGet("href") ?? "", line });
        } else if (child.type === "image") {
          links.push({ href: child.attrGet("src") ?? "", line });
          text += ` ${child.content} `;
        } else if (child.type === "html_inline" && MORE.test(child.content)) {
          if (excerptEnd < 0) excerptEnd = i + 2; // keep the paragraph_close
        }
      }
      words += countWords(text);
      texts.push(text);
    }
  }
  const excerptTokens = excerptEnd >= 0
    ? tokens.slice(0, excerptEnd)
    : firstParagraph
    ? tokens.slice(...firstParagraph)
    : [];
  const excerpt = excerptTokens.length
    ? md.renderer.render(excerptTokens, md.options, { ...env, excerpt: true })
    : "";
  const text = texts.join(" ").replace(WHITESPACE, " ").trim();
  return { html, toc, excerpt, links, wordCount: words, text };
}

/**
 * Gives every heading a stable id from its text (`## Install` → `install`), unique
 * within the page (`install`, `install-1`, …), and returns the table of contents.
 * An id set in the source is kept. One pass over the tokens (plus one to collect
 * ids set in the source); heading anchors are rendered from these ids.
 */
function assignHeadingIds(tokens: Token[]): TocEntry[] {
  const used = new Set<string>();
  for (const token of tokens) {
    if (token.type === "heading_open" && token.attrGet("id")) {
      used.add(token.attrGet("id")!);
    }
  }
  // Per base, the suffix to try next: `base-1` … `base-(n-1)` are taken already
  // (ids are only ever added), so each search goes on where the last one stopped
  // and a page of many equal headings takes linear, not quadratic, time. An id
  // `base-n` is tried by one base only (n has no hyphen), so the total is linear.
  const nextSuffix = new Map<string, number>();
  const toc: TocEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== "heading_open") continue;
    const text = inlineText(tokens[i + 1]);
    let id = token.attrGet("id");
    if (!id) {
      const base = slugify(text) || "section";
      id = base;
      if (used.has(id)) {
        let n = nextSuffix.get(base) ?? 1;
        while (used.has(`${base}-${n}`)) n++;
        id = `${base}-${n}`;
        nextSuffix.set(base, n + 1);
      }
      used.add(id);
      token.attrSet("id", id);
    }
    toc.push({ level: Number(token.tag.slice(1)), id, text });
  }
  return toc;
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
