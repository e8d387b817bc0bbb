// Rendered Markdown snippets (e.g. field descriptions) in an object cache.
import markdownIt from "markdown-it";

const md = markdownIt({ html: false });

const cache: Record<string, string> = Object.create(null); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function markdownify(text: string): string {
  return (cache[text] ??= md.renderInline(text));
}

export function markdownifyBlock(text: string): string {
  const key = `block:${text}`;
  if (key in cache) return cache[key];
  const html = md.render(text);
  cache[key] = html;
  return html;
}

export function markdownifyList(items: readonly string[]): string {
  return `<ul>${items.map((i) => `<li>${markdownify(i)}</li>`).join("")}</ul>`;
}
