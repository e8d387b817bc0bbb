// HTML minification with a call counter for the build summary.
const COMMENT = /<!--(?!\s*(?:\[if|floe:))[\s\S]*?-->/g;
const BETWEEN_TAGS = />\s+</g;

let minifyCalls = 0; // expect: floe/no-module-mutable-state

export function minifyHtml(html: string): string {
  minifyCalls++;
  return html.replace(COMMENT, "").replace(BETWEEN_TAGS, "> <").trim();
}

export function stats(): string {
  return `${minifyCalls} pages minified`;
}

export function minifyAll(pages: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, html] of Object.entries(pages)) out[path] = minifyHtml(html);
  return out;
}

export function savedBytes(before: string, after: string): number {
  return new TextEncoder().encode(before).length - new TextEncoder().encode(after).length;
}
