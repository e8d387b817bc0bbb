// Highlights search terms in result snippets.
const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const HTML = /[&<>"]/g;
const HTML_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
});

function escapeHtml(text: string): string {
  return text.replace(HTML, (c) => HTML_ESCAPES[c]);
}

function termsOf(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter((t) => t.length > 1))];
}

export function highlightTerms(text: string, query: string): string {
  const terms = termsOf(query);
  if (terms.length === 0) return escapeHtml(text);
  const pattern = new RegExp(`(${terms.map((t) => t.replace(ESCAPE, "\\$&")).join("|")})`, "gi");
  return text
    .split(pattern)
    .map((part, i) => (i % 2 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
    .join("");
}

export function snippet(text: string, query: string, radius = 80): string {
  const [first] = termsOf(query);
  const at = first ? text.toLowerCase().indexOf(first) : -1;
  const start = Math.max(0, at - radius);
  const piece = text.slice(start, at < 0 ? radius * 2 : at + radius);
  return (start > 0 ? "\u2026" : "") + highlightTerms(piece, query);
}
