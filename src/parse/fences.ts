/**
 * Code fence info strings as other tools write them: `rust,ignore` (mdBook),
 * `js{1,3}` and `ts:line-numbers` (VitePress), `go {linenos=true}` (Hugo),
 * `python title="x.py"`. The language is the first word up to one of `,{:[`;
 * the rest is dropped, so the fence is highlighted and classed by its language.
 *
 * @module
 */
import type MarkdownIt from "npm:markdown-it@14.3.3";

const LANGUAGE = /^[^\s,{:\[]+/;
const FENCE_OPEN = /^ {0,3}(?:`{3,}|~{3,})[ \t]*([^\s`,{:\[]+)/gm;

/**
 * Adds the rule that reduces each fence's info string to its language.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { addFenceLanguages } from "./fences.ts";
 * const md = new MarkdownIt();
 * addFenceLanguages(md);
 * md.render("```rust,ignore\nfn main() {}\n```\n"); // '<pre><code class="language-rust">…'
 * ```
 */
export function addFenceLanguages(md: MarkdownIt): void {
  md.core.ruler.push("floe_fence_languages", (state) => {
    for (const token of state.tokens) {
      if (token.type === "fence") token.info = LANGUAGE.exec(token.info.trim())?.[0] ?? "";
    }
  });
}

/**
 * The languages named on the fences of a Markdown text (a fast over-estimate: a
 * fence shown inside another counts too), so their grammars load before it renders.
 *
 * @example
 * ```ts
 * import { fenceLanguages } from "./fences.ts";
 * fenceLanguages("```ts\nlet x\n```\n\n~~~ rust,ignore\n~~~\n"); // Set { "ts", "rust" }
 * ```
 */
export function fenceLanguages(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const m of markdown.matchAll(FENCE_OPEN)) found.add(m[1]);
  return found;
}
