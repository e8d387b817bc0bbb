/**
 * Markdown → HTML with markdown-it, plus what templates and later stages need from
 * the same token stream: heading ids, anchors and the TOC, the excerpt, outbound
 * links, the plain text and a word count. Footnotes, task lists and build-time
 * syntax highlighting are on by default. Runs in parse workers only (see DESIGN.md:
 * never beside Vento).
 *
 * @module
 */
import type { default as MarkdownItModule, PluginSimple, StateCore } from "npm:markdown-it@14.3.3";
// The CommonJS build, which markdown-it-attrs requires: one markdown-it per thread,
// not its ES modules beside it (20 ms of each parse worker's start-up).
import markdownItCommonJs from "npm:markdown-it@14.3.3/dist/index.cjs.js";
import attributes from "npm:markdown-it-attrs@5.0.1";
import deflist from "npm:markdown-it-deflist@4.0.0";
import footnote from "npm:markdown-it-footnote@4.0.0";
import taskLists from "npm:markdown-it-task-lists@2.1.1";
import type { MarkdownOptions } from "../config/config.ts";
import { scanHtml } from "../base/html_scan.ts";
import { addCallouts } from "./callouts.ts";
import {
  addComponents,
  type ComponentEnv,
  type ComponentProblem,
  componentsDefault,
  withoutComponents,
} from "./components.ts";
import { addFenceLanguages, fenceLanguages } from "./fences.ts";
import { findForeignSyntax, type ForeignUse, mayHoldForeignSyntax } from "./foreign_syntax.ts";
import { addHeadings, type HeadingEnv, type TocEntry } from "./headings.ts";
import { createHighlighter, type Highlighter } from "./highlight.ts";

export type { TocEntry } from "./headings.ts";

const MarkdownIt = markdownItCommonJs as unknown as typeof MarkdownItModule;
type MarkdownIt = MarkdownItModule;

/** What renderMarkdown passes through markdown-it to its rules. */
interface RenderEnv extends HeadingEnv, ComponentEnv {
  /**
   * Set while rendering the excerpt: no heading anchors and no component
   * placeholders in summaries on list pages.
   */
  excerpt?: boolean;
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
  /** The title read from a leading `# H1`, when the page's front matter has none. */
  readonly title: string | undefined;
  /** Syntax of other tools (shortcodes, includes…) printed as text. */
  readonly foreign: readonly ForeignUse[];
  /**
   * The body as plain text, for a search index: the text of headings, paragraphs,
   * list items, table cells and code blocks, whitespace collapsed to single spaces,
   * no HTML (raw HTML blocks and tags are left out, entities are decoded).
   */
  readonly text: string;
  /** Malformed `{{< component >}}` syntax, when components are on for the body. */
  readonly componentErrors: readonly ComponentProblem[];
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
  const highlighter = (extra.highlight ?? true) ? createHighlighter(extra.languages) : undefined;
  const md: MarkdownIt = new MarkdownIt({
    html: options.html,
    typographer: options.typographer,
    linkify: options.linkify,
    breaks: options.breaks,
    // "" tells markdown-it to render the fence itself: plain, escaped code with its
    // `language-x` class (an unknown language, or none).
    // The highlighter rides on markdown-it's own option, so `loadLanguages` finds it.
    highlight: highlighter
      ? Object.assign((code: string, lang: string): string => {
        const html = highlighter(code, lang);
        return html === undefined
          ? ""
          : `<pre><code class="hljs language-${md.utils.escapeHtml(lang)}">${html}</code></pre>`;
      }, { load: highlighter.load })
      : null,
  });
  addFenceLanguages(md);
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
    skipAttributesWithoutBraces(md);
  }
  addHeadings(md, extra.headingIds ?? "github");
  if (extra.anchors ?? true) addHeadingAnchors(md);
  // Always installed, idle unless a render asks (see renderMarkdown): a page may
  // turn components on when the site has them off.
  addComponents(md, extra.components ?? false);
  return md;
}

/**
 * markdown-it-attrs tries each of its patterns on every token of every page: a
 * quarter of all parsing time. An attribute block is `{…}` in a paragraph's,
 * heading's or cell's inline text or in a fence's info string, so a page with no
 * `{` in any of those has none, and the rule is skipped for it.
 */
function skipAttributesWithoutBraces(md: MarkdownIt): void {
  // The core chain's rule list (markdown-it 14, pinned): the rule must keep its place.
  const rules = (md.core.ruler as unknown as {
    __rules__: { name: string; fn: (state: StateCore) => void }[];
  }).__rules__;
  const rule = rules.find((r) => r.name === "curly_attributes");
  if (!rule) return;
  const curlyAttrs = rule.fn;
  md.core.ruler.at("curly_attributes", (state: StateCore) => {
    const braced = state.tokens.some((t) =>
      t.type === "inline" ? t.content.includes("{") : t.type === "fence" && t.info.includes("{")
    );
    if (braced) curlyAttrs(state);
  });
}

/**
 * Loads the highlighting grammars the fences of `markdown` name: call it before
 * rendering, since grammars load on first use and rendering cannot wait.
 *
 * @example
 * ```ts
 * import { createMarkdown, loadLanguages } from "./markdown.ts";
 * const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
 * const text = "```rust\nfn main() {}\n```\n";
 * await loadLanguages(md, text);
 * md.render(text); // '<pre><code class="hljs language-rust">…'
 * ```
 */
export async function loadLanguages(md: MarkdownIt, markdown: string): Promise<void> {
  const highlight = md.options.highlight as Partial<Pick<Highlighter, "load">> | null;
  if (!highlight?.load || !(markdown.includes("```") || markdown.includes("~~~"))) return;
  await highlight.load(fenceLanguages(markdown));
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
 * reported link lines point into the original file. With `page`, the body is a
 * whole page's: a leading `# H1` is its title (taken out of the body when the
 * front matter has no title or the same one) and other `#` headings become `##`,
 * so the page keeps the layout's one `<h1>`; `page.components` (the front
 * matter's, when a boolean) turns `{{< component >}}` syntax on or off, else the
 * site's `markdown.components` decides. Load fence languages first
 * ({@link loadLanguages}).
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
  page?: {
    readonly title: string | undefined;
    readonly components?: boolean;
    /** `false`: the plain text is not wanted, and comes back empty. */
    readonly text?: boolean;
  },
): RenderedMarkdown {
  const env: RenderEnv = page ? { page: { title: page.title } } : {};
  if (page?.components ?? componentsDefault(md)) {
    env.components = true;
    env.firstLine = firstLine;
  }
  const tokens = md.parse(body, env);
  const toc = env.toc ?? [];
  const html = md.renderer.render(tokens, md.options, env);
  const links: OutboundLink[] = [];
  // Pieces of plain text, joined and collapsed once at the end.
  const texts: string[] = [];
  const keepText = page?.text ?? true;
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
      htmlLinks(token.content, firstLine + blockLine, links);
    } else if (token.type === "fence" || token.type === "code_block") {
      if (keepText) texts.push(token.content);
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
        } else if (child.type === "html_inline") {
          if (MORE.test(child.content) && excerptEnd < 0) excerptEnd = i + 2; // keep the paragraph_close
          htmlLinks(child.content, line, links);
        }
      }
      words += countWords(text);
      if (keepText) texts.push(text);
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
  const text = keepText ? texts.join(" ").replace(WHITESPACE, " ").trim() : "";
  // Tags used as components are not Hugo shortcodes printed as text.
  const foreign = mayHoldForeignSyntax(body)
    ? findForeignSyntax(env.components ? withoutComponents(tokens) : tokens, firstLine)
    : [];
  return {
    html,
    toc,
    excerpt,
    links,
    wordCount: words,
    text,
    title: env.title,
    foreign,
    componentErrors: env.componentErrors ?? [],
  };
}

/** `href`/`src` values of raw HTML, at their lines. */
function htmlLinks(html: string, line: number, links: OutboundLink[]): void {
  if (!/\b(?:href|src)\s*=/i.test(html)) return;
  for (const link of scanHtml(html).links) {
    links.push({ href: link.href, line: line + link.line - 1 });
  }
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
