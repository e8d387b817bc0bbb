/**
 * Headings: the page title taken from a leading `# H1`, one `<h1>` per page, and
 * stable heading ids with a table of contents. A markdown-it core rule, so ids
 * exist before anything renders (anchors, the excerpt, the `markdown` filter).
 *
 * @module
 */
import type MarkdownIt from "npm:markdown-it@14.3.3";
import { slug as githubSlug } from "npm:github-slugger@2.0.0";
import { slugify } from "./slugify.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/**
 * One heading of a page, for a table of contents.
 *
 * @example
 * ```ts
 * import type { TocEntry } from "./headings.ts";
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
 * What the rule reads from and writes to markdown-it's `env`.
 *
 * @example
 * ```ts
 * import type { HeadingEnv } from "./headings.ts";
 * const env: HeadingEnv = { page: { title: undefined } };
 * ```
 */
export interface HeadingEnv {
  /**
   * Set when a whole page is rendered (not for the `markdown` filter): `title` is
   * the front matter's. The page's title is its one `<h1>`, printed by the layout.
   */
  page?: { title: string | undefined };
  /** Out: the title read from a leading `# H1` when the front matter has none. */
  title?: string;
  /** Out: every heading left in the body. */
  toc?: TocEntry[];
}

/**
 * Adds the headings rule. `style` picks the ids: `"github"` (GitHub's and Hugo's,
 * `Animals & Nature` → `animals--nature`) or `"compact"` (`animals-nature`).
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { addHeadings } from "./headings.ts";
 * const md = new MarkdownIt();
 * addHeadings(md, "github");
 * md.render("## A & B\n"); // '<h2 id="a--b">A &amp; B</h2>\n'
 * ```
 */
export function addHeadings(md: MarkdownIt, style: "github" | "compact"): void {
  const slug = style === "github" ? (text: string) => githubSlug(text) : slugify;
  md.core.ruler.push("floe_headings", (state) => {
    const env = state.env as HeadingEnv;
    if (env.page) {
      env.title = takeTitle(state.tokens, env.page.title);
      demoteH1(state.tokens);
    }
    env.toc = assignIds(state.tokens, slug);
  });
}

/**
 * Removes a `# H1` that opens the body (after HTML comments only): it is the
 * page's title when the front matter has none, or the same title written twice.
 * Returns the title it read, if the front matter had none.
 */
function takeTitle(tokens: Token[], title: string | undefined): string | undefined {
  const first = tokens.findIndex((t) => t.type !== "html_block");
  const open = tokens[first];
  if (open?.type !== "heading_open" || open.tag !== "h1") return undefined;
  const text = inlineText(tokens[first + 1]).trim();
  if (title !== undefined && !sameTitle(text, title)) return undefined;
  tokens.splice(first, 3);
  return title === undefined && text ? text : undefined;
}

const sameTitle = (a: string, b: string): boolean =>
  a.replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/** Other `#` headings become `##`: the layout prints the page's one `<h1>`. */
function demoteH1(tokens: Token[]): void {
  for (const token of tokens) {
    if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") {
      token.tag = "h2";
    }
  }
}

/**
 * Gives every heading a stable id from its text (`## Install` → `install`), unique
 * within the page (`install`, `install-1`, …), and returns the table of contents.
 * An id set in the source is kept. Terms of definition lists get ids the same way
 * (as Hugo's `autoDefinitionTermID` gives them), so `#publishdir` can point at the
 * `publishDir` entry of a settings list; they are not in the table of contents.
 */
function assignIds(tokens: Token[], slug: (text: string) => string): TocEntry[] {
  const used = new Set<string>();
  for (const token of tokens) {
    if ((token.type === "heading_open" || token.type === "dt_open") && token.attrGet("id")) {
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
    if (token.type !== "heading_open" && token.type !== "dt_open") continue;
    const text = inlineText(tokens[i + 1]);
    let id = token.attrGet("id");
    if (!id) {
      const base = slug(text) || "section";
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
    if (token.type === "heading_open") toc.push({ level: Number(token.tag.slice(1)), id, text });
  }
  return toc;
}

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .filter((t) => t.type === "text" || t.type === "code_inline")
    .map((t) => t.content)
    .join("");
}
