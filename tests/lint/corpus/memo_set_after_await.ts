// Markdown-to-HTML with remark-like async plugins, memoised by content hash.
import { createHash } from "node:crypto";

declare function processMarkdown(source: string): Promise<string>;

const htmlCache = new Map<string, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function hashOf(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export async function markdownToHtml(source: string): Promise<string> {
  const key = hashOf(source);
  const hit = htmlCache.get(key);
  if (hit !== undefined) return hit;
  const html = await processMarkdown(source);
  htmlCache.set(key, html);
  return html;
}

export function resetMarkdownCache(): void {
  htmlCache.clear();
}
