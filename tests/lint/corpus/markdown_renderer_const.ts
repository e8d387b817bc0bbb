// Markdown rendering with one markdown-it instance configured at import time.
import markdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import deflist from "markdown-it-deflist";

export const md = markdownIt({ html: true, linkify: true, typographer: true })
  .use(footnote)
  .use(deflist);

export interface RenderOptions {
  readonly baseUrl: string;
}

const EXTERNAL = /^https?:\/\//;

export function renderMarkdown(source: string, options: RenderOptions): string {
  const env = { baseUrl: options.baseUrl };
  const html = md.render(source, env);
  return html.replace(/href="([^"]+)"/g, (whole, href: string) =>
    EXTERNAL.test(href) ? `${whole} rel="noopener"` : whole
  );
}

export function renderInline(source: string): string {
  return md.renderInline(source);
}
