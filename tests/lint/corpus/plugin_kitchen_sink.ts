// An "all-in-one" blog plugin with several kinds of module state.
import type { Page } from "jsr:@floe/floe";
import { join } from "node:path";

interface Sharp {
  resize(input: Uint8Array, width: number): Promise<Uint8Array>;
}

declare function importSharp(): Promise<Sharp>;

let buildCount = 0; // expect: floe/no-module-mutable-state
const pageTitles = new Map<string, string>(); // expect: floe/no-module-mutable-state
let sharpPromise: Promise<Sharp> | undefined; // expect: floe/no-module-mutable-state
const thumbCache = new Map<string, Uint8Array>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo
const WIDTHS = Object.freeze([320, 640]);

export function onBuildStart(): number {
  return ++buildCount;
}

export function collectTitle(page: Page): void {
  pageTitles.set(page.url, page.title);
}

export function titleOf(url: string): string | undefined {
  return pageTitles.get(url);
}

function sharp(): Promise<Sharp> {
  return sharpPromise ??= importSharp();
}

export async function thumbnail(root: string, src: string, width = WIDTHS[0]): Promise<Uint8Array> {
  const key = `${src}:${width}`;
  const hit = thumbCache.get(key);
  if (hit) return hit;
  const input = await Deno.readFile(join(root, src));
  const out = await (await sharp()).resize(input, width);
  thumbCache.set(key, out);
  return out;
}

export function relatedLinks(urls: readonly string[]): string {
  return urls.map((u) => `<a href="${u}">${titleOf(u) ?? u}</a>`).join(", ");
}
