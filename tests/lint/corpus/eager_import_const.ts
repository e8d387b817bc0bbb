// KaTeX is imported eagerly; the module keeps only a const promise.
type Katex = { renderToString(tex: string, options?: Record<string, unknown>): string };

const katexReady: Promise<Katex> = import("npm:katex@0.16.11").then((m) => m.default as Katex);

const DISPLAY = /\$\$([\s\S]+?)\$\$/g;
const INLINE = /(?<![\\$])\$([^\s$](?:[^$]*[^\s$])?)\$/g;

export async function renderMath(html: string): Promise<string> {
  const katex = await katexReady;
  return html
    .replace(DISPLAY, (_, tex: string) => katex.renderToString(tex, { displayMode: true, throwOnError: false }))
    .replace(INLINE, (_, tex: string) => katex.renderToString(tex, { throwOnError: false }));
}

export function hasMath(text: string): boolean {
  return text.includes("$$") || /(?<![\\$])\$[^\s$]/.test(text);
}

export function mathStylesheet(version = "0.16.11"): string {
  return `<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@${version}/dist/katex.min.css">`;
}
