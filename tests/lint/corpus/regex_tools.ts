// Text helpers built on constant regular expressions and stateless encoders.
const HEADING = /^(#{1,6})\s+(.+?)\s*#*$/gm;
const LINK = /\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const TAGS = /<[^>]+>/g;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function stripTags(html: string): string {
  return html.replace(TAGS, "");
}

export function headings(markdown: string): { level: number; text: string }[] {
  return [...markdown.matchAll(HEADING)].map((m) => ({ level: m[1].length, text: m[2] }));
}

export function links(markdown: string): string[] {
  return Array.from(markdown.matchAll(LINK), (m) => m[2]);
}

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

export function truncateBytes(text: string, max: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= max) return text;
  return decoder.decode(bytes.slice(0, max)).replace(/\uFFFD$/, "");
}
