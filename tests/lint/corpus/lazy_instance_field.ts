// A renderer object that lazily creates its parser: instance state, one per build.
import markdownIt from "markdown-it";

type MarkdownIt = ReturnType<typeof markdownIt>;

export class PageRenderer {
  #parser?: MarkdownIt;
  private rendered = 0;
  private cache: Map<string, string> | undefined;

  constructor(private readonly options: { html: boolean; typographer: boolean }) {}

  private get parser(): MarkdownIt {
    this.#parser ??= markdownIt(this.options);
    return this.#parser;
  }

  render(source: string): string {
    this.cache ??= new Map();
    const hit = this.cache.get(source);
    if (hit !== undefined) return hit;
    const html = this.parser.render(source);
    this.cache.set(source, html);
    this.rendered++;
    return html;
  }

  get count(): number {
    return this.rendered;
  }
}

export function renderAll(sources: readonly string[]): string[] {
  const renderer = new PageRenderer({ html: true, typographer: true });
  return sources.map((s) => renderer.render(s));
}
