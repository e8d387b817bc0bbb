/**
 * Syntax of other tools that floe does not run — Hugo shortcodes, mdBook
 * includes, Liquid tags, template expressions, unknown `:::` containers, MDX
 * imports — found in a page's prose (in code only mdBook's includes, which stand
 * for the code), so the build can say so once per kind instead of printing it as
 * text in silence.
 *
 * @module
 */
import type MarkdownIt from "npm:markdown-it@14.3.3";
import { type Diagnostic, warning } from "../errors/diagnostic.ts";
import { CALLOUT_KINDS } from "./callouts.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/**
 * A kind of foreign syntax used in a page: the first line it is on and how many
 * times it occurs.
 *
 * @example
 * ```ts
 * import type { ForeignUse } from "./foreign_syntax.ts";
 * const use: ForeignUse = { kind: "hugo-shortcode", line: 12, count: 2 };
 * ```
 */
export interface ForeignUse {
  readonly kind: ForeignKind;
  readonly line: number;
  readonly count: number;
}

/** The kinds found, each with how it is written, what it is, and what to do. */
const KINDS = {
  "hugo-shortcode": {
    pattern: /\{\{[<%]/g,
    what: "Hugo shortcodes ({{< … >}}, {{% … %}})",
    hint: "floe does not run shortcodes: write the Markdown or HTML they stand for",
  },
  "mdbook-include": {
    pattern: /\{\{#(?:include|rustdoc_include|playground|title)\b/g,
    what: "mdBook directives ({{#include …}})",
    hint: "paste the included text, or put it in a layout",
  },
  "liquid-tag": {
    pattern: /(?<!\{)\{%-?\s*[a-z_]+/g,
    what: "Liquid/Nunjucks tags ({% … %})",
    hint: "Markdown is not a template in floe: write the result, or put the logic in a layout",
  },
  "template-expression": {
    pattern: /\{\{(?![<%#])[^{}\n]*\}\}/g,
    what: "template expressions ({{ … }})",
    hint: "Markdown is not a template in floe: write the value, or wrap an example in `backticks`",
  },
  container: {
    pattern: /^:::+[ \t]*[\w-]+/gm,
    what: `containers floe does not know (known: ${[...CALLOUT_KINDS, "details"].join(", ")})`,
    hint: "use a known container, or HTML",
  },
  "snippet-import": {
    pattern: /^<<<[ \t]+\S/gm,
    what: "VitePress snippet imports (<<< @/…)",
    hint: "paste the code into a fence",
  },
  "mdx-import": {
    pattern: /^(?:import|export)\s[^\n]*\sfrom\s+["']/gm,
    what: "MDX imports and exports",
    hint: "floe renders Markdown, not MDX: drop them, and replace the components they bring",
  },
} as const;

/** A kind of foreign syntax. */
export type ForeignKind = keyof typeof KINDS;

const CODE_SPAN = /(`+)[^`]*?\1/g;

/**
 * What every kind's pattern needs somewhere in the Markdown source. Tokens hold
 * the source's own text (less list markers, quote markers and indentation), so a
 * body without any of these has nothing to find, and most bodies are spared the
 * walk over their tokens.
 */
const NEEDED = /\{[{%]|:::|<<<|\b(?:import|export)\s/;

/**
 * Whether a Markdown source may hold foreign syntax: `false` means
 * {@link findForeignSyntax} would find none in its tokens.
 *
 * @example
 * ```ts
 * import { mayHoldForeignSyntax } from "./foreign_syntax.ts";
 * mayHoldForeignSyntax("Plain *prose*."); // false
 * mayHoldForeignSyntax("- {{< note >}}"); // true
 * ```
 */
export function mayHoldForeignSyntax(source: string): boolean {
  return NEEDED.test(source);
}

/**
 * Foreign syntax in a token stream's prose and raw HTML (code spans and fences
 * are left out, but for mdBook's includes). `firstLine` is the file line the body
 * starts on.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { findForeignSyntax } from "./foreign_syntax.ts";
 * findForeignSyntax(new MarkdownIt().parse("{{< note >}}\n", {}), 1);
 * // [{ kind: "hugo-shortcode", line: 1, count: 1 }]
 * ```
 */
export function findForeignSyntax(tokens: readonly Token[], firstLine: number): ForeignUse[] {
  const found = new Map<ForeignKind, { line: number; count: number }>();
  for (const token of tokens) {
    if (!token.map) continue;
    const code = token.type === "fence" || token.type === "code_block";
    if (token.type !== "inline" && token.type !== "html_block" && !code) continue;
    // Cheap test first: every kind starts with `{`, `:`, `<` or a keyword.
    const text = code ? token.content : token.content.replace(CODE_SPAN, "");
    if (!/[{:<]|^(?:import|export)\s/m.test(text)) continue;
    for (
      const [kind, { pattern }] of Object.entries(KINDS) as [
        ForeignKind,
        typeof KINDS[ForeignKind],
      ][]
    ) {
      // Code may show any syntax, but an mdBook include in a fence stands for the
      // listing it would paste: the reader sees the directive instead of the code.
      if (code ? kind !== "mdbook-include" : kind === "container" && token.type !== "inline") {
        continue;
      }
      // `match` and `search` ignore and reset `lastIndex`: the shared patterns keep no state.
      const count = text.match(pattern)?.length ?? 0;
      if (count === 0) continue;
      const known = found.get(kind);
      if (known) known.count += count;
      else {
        // The line of the first use: a fence's content starts below its opening line.
        const offset = (token.type === "fence" ? 1 : 0) + linesBefore(text, text.search(pattern));
        found.set(kind, { line: firstLine + token.map[0] + offset, count });
      }
    }
  }
  return [...found].map(([kind, { line, count }]) => ({ kind, line, count }));
}

function linesBefore(text: string, index: number): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

/**
 * The files that use other tools' syntax, each with its uses: what a build keeps
 * to warn again after an edit without reading every page back (at 10,000 pages,
 * reading them was 0.7 s of a 1.7-s rebuild with nothing to do).
 *
 * @example
 * ```ts
 * import { foreignUses } from "./foreign_syntax.ts";
 * foreignUses([{ file: "content/a.md", foreign: [] }]).size; // 0
 * ```
 */
export function foreignUses(
  pages: Iterable<{ readonly file: string; readonly foreign?: readonly ForeignUse[] }>,
): Map<string, readonly ForeignUse[]> {
  const uses = new Map<string, readonly ForeignUse[]>();
  for (const page of pages) if (page.foreign?.length) uses.set(page.file, page.foreign);
  return uses;
}

/**
 * One warning per kind of foreign syntax across the site: how many files use it,
 * located at the first, the next few named in the hint.
 *
 * @example
 * ```ts
 * import { foreignSyntaxWarnings } from "./foreign_syntax.ts";
 * foreignSyntaxWarnings(new Map([["content/a.md", [{ kind: "hugo-shortcode", line: 3, count: 1 }]]]));
 * ```
 */
export function foreignSyntaxWarnings(
  byFile: ReadonlyMap<string, readonly ForeignUse[]>,
): Diagnostic[] {
  const uses = new Map<ForeignKind, { file: string; line: number; count: number }[]>();
  for (const [file, foreign] of byFile) {
    for (const use of foreign) {
      const list = uses.get(use.kind) ?? [];
      list.push({ file, line: use.line, count: use.count });
      uses.set(use.kind, list);
    }
  }
  return [...uses].map(([kind, list]) => {
    list.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
    const total = list.reduce((n, u) => n + u.count, 0);
    const files = list.length === 1 ? "1 file uses" : `${list.length} files use`;
    const times = total === 1 ? "once" : `${total} times`;
    const more = list.slice(1, 4).map((u) => `${u.file}:${u.line}`);
    const rest = list.length > 4 ? `, and ${list.length - 4} more` : "";
    return warning(
      "foreign-syntax",
      `${files} ${KINDS[kind].what} (${times}); floe prints them as text`,
      {
        file: list[0].file,
        line: list[0].line,
        hint: `${KINDS[kind].hint}${more.length ? ` (also ${more.join(", ")}${rest})` : ""}`,
      },
    );
  });
}
