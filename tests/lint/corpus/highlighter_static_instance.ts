// A highlighter wrapper with the classic getInstance() singleton.
import hljs from "highlight.js";

export class Highlighter {
  static instance?: Highlighter; // expect: floe/no-module-mutable-state

  private readonly hl = hljs.newInstance();

  private constructor(private readonly theme: string) {
    this.hl.configure({ classPrefix: "hl-" });
  }

  static get(): Highlighter {
    if (!this.instance) this.instance = new Highlighter("github"); // expect: floe/no-unguarded-singleton
    return this.instance;
  }

  highlight(code: string, lang: string): string {
    if (!this.hl.getLanguage(lang)) return code;
    const { value } = this.hl.highlight(code, { language: lang });
    return `<pre class="hl theme-${this.theme}"><code>${value}</code></pre>`;
  }
}

export function highlightFilter(code: unknown, lang: unknown): string {
  return Highlighter.get().highlight(String(code), String(lang ?? "plaintext"));
}
