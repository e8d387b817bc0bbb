/**
 * highlight.js's output stage, writing HTML as the tokens come. highlight.js
 * builds a tree of every token of a fence, then walks it to write the HTML and
 * escapes each piece of text with five regex replaces: 12–18% of the time of a
 * fence, and highlighting is about a third of parsing. This emitter writes the
 * same bytes (pinned by `hljs_emitter_test.ts` against highlight.js's own
 * emitter) straight into a string, with a stack of which open scopes wrote a
 * `<span>`.
 *
 * It is plugged in with highlight.js's `__emitter` option, which it calls a beta
 * option: the interface is the one highlight.js 11.12 (pinned) calls.
 *
 * @module
 */

/** The `classPrefix` option, the only one the emitter reads. */
interface EmitterOptions {
  readonly classPrefix: string;
}

/**
 * Writes a highlighted fence's HTML as highlight.js parses it. Scopes that
 * highlight.js opens without a name (`undefined` or `""`) write no tag, as in its
 * own renderer.
 *
 * @example
 * ```ts
 * import { HtmlEmitter } from "./hljs_emitter.ts";
 * const out = new HtmlEmitter({ classPrefix: "hljs-" });
 * out.startScope("keyword");
 * out.addText("let");
 * out.endScope();
 * out.addText(" a < b");
 * out.finalize();
 * out.toHTML(); // '<span class="hljs-keyword">let</span> a &lt; b'
 * ```
 */
export class HtmlEmitter {
  #html = "";
  /** Per open scope: whether it wrote a `<span>` (and so closes one). */
  #open: boolean[] = [];
  readonly #prefix: string;

  /** An emitter for one highlight call, with highlight.js's options. */
  constructor(options: EmitterOptions) {
    this.#prefix = options.classPrefix;
  }

  /** Text of the code, escaped. */
  addText(text: string): void {
    if (text) this.#html += escapeHtml(text);
  }

  /** Opens a scope (a token's kind: `keyword`, `title.function` …). */
  startScope(scope: string | undefined): void {
    this.openNode(scope);
  }

  /** Closes the scope opened last. */
  endScope(): void {
    this.closeNode();
  }

  /** As `startScope`: highlight.js calls both names. */
  openNode(scope: string | undefined): void {
    if (scope) this.#html += `<span class="${this.#className(scope)}">`;
    this.#open.push(!!scope);
  }

  /** As `endScope`; nothing when no scope is open. */
  closeNode(): void {
    if (this.#open.pop()) this.#html += "</span>";
  }

  /** Embedded code (HTML's `<script>`): its own emitter's output, in a `language-x` span when named. */
  __addSublanguage(emitter: HtmlEmitter, name: string | undefined): void {
    const html = emitter.toHTML();
    this.#html += name ? `<span class="language-${name}">${html}</span>` : html;
  }

  /** Closes every scope still open. */
  finalize(): boolean {
    while (this.#open.length) this.closeNode();
    return true;
  }

  /** The HTML; scopes still open are closed in it (highlight.js's renderer closes every node). */
  toHTML(): string {
    let closing = "";
    for (const wrote of this.#open) if (wrote) closing += "</span>";
    return this.#html + closing;
  }

  /** highlight.js's class names: `hljs-title function_` for `title.function`. */
  #className(scope: string): string {
    if (scope.startsWith("language:")) return scope.replace("language:", "language-");
    if (!scope.includes(".")) return this.#prefix + scope;
    const [first, ...rest] = scope.split(".");
    return [this.#prefix + first, ...rest.map((x, i) => x + "_".repeat(i + 1))].join(" ");
  }
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

/** highlight.js's escaping, in one pass, and none for the most text, which has nothing to escape. */
function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c]) : text;
}
