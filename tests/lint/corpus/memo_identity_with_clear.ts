// Per-page word index, with a clear function for the dev server.
import type { Page } from "jsr:@floe/floe";

const indexCache = new Map<Page, readonly string[]>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function tokenize(text: string): readonly string[] {
  return Object.freeze([...new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [])]);
}

export function wordsOf(page: Page): readonly string[] {
  const hit = indexCache.get(page);
  if (hit) return hit;
  const words = tokenize(`${page.title} ${page.description} ${page.excerpt}`);
  indexCache.set(page, words);
  return words;
}

export function clearWordIndex(): void {
  indexCache.clear();
}

export function matches(page: Page, query: string): boolean {
  const words = wordsOf(page);
  return query.toLowerCase().split(/\s+/).every((q) => words.some((w) => w.startsWith(q)));
}
