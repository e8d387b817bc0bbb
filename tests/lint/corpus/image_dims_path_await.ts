// Width/height of images referenced from Markdown, probed from the file.
import { join } from "node:path";

declare function probe(bytes: Uint8Array): { width: number; height: number; type: string };

const dims = new Map<string, { width: number; height: number }>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export async function imageDimensions(
  root: string,
  src: string,
): Promise<{ width: number; height: number }> {
  const path = join(root, src);
  const hit = dims.get(path);
  if (hit) return hit;
  const bytes = await Deno.readFile(path);
  const { width, height } = probe(bytes);
  const entry = { width, height };
  dims.set(path, entry);
  return entry;
}

export async function withDimensions(root: string, html: string): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const m of html.matchAll(/<img src="([^"]+)"/g)) {
    const { width, height } = await imageDimensions(root, m[1]);
    parts.push(html.slice(last, m.index! + m[0].length), ` width="${width}" height="${height}"`);
    last = m.index! + m[0].length;
  }
  parts.push(html.slice(last));
  return parts.join("");
}
