// Highlighting memo keyed by language and code, bounded: only the module state is a finding.
import hljs from "highlight.js";

const MAX = 500;

const highlighted = new Map<string, string>(); // expect: floe/no-module-mutable-state

export function highlightCached(code: string, lang: string): string {
  const key = `${lang}\u0000${code}`;
  const hit = highlighted.get(key);
  if (hit !== undefined) return hit;
  const html = hljs.getLanguage(lang)
    ? hljs.highlight(code, { language: lang }).value
    : code.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  if (highlighted.size >= MAX) {
    const oldest = highlighted.keys().next().value;
    if (oldest !== undefined) highlighted.delete(oldest);
  }
  highlighted.set(key, html);
  return html;
}
