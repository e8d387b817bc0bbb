// Rendered shortcodes memoised by their source; a new build replaces the cache.
import { expandShortcodes } from "./shortcodes.ts";

let cache = new Map<string, string>(); // expect: floe/no-module-mutable-state

export function renderShortcodes(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const html = expandShortcodes(source);
  cache.set(source, html);
  return html;
}

export function onBuildStart(): void {
  cache = new Map();
}

export function cacheSize(): number {
  return cache.size;
}
