// Excerpts computed once per page object.
import type { Page } from "jsr:@floe/floe";

const excerptCache = new WeakMap<Page, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

const TAGS = /<[^>]+>/g;

function computeExcerpt(page: Page, words: number): string {
  const text = page.excerpt.replace(TAGS, " ").replace(/\s+/g, " ").trim();
  const parts = text.split(" ");
  return parts.length <= words ? text : parts.slice(0, words).join(" ") + "\u2026";
}

export function excerpt(page: Page): string {
  let cached = excerptCache.get(page);
  if (cached === undefined) {
    cached = computeExcerpt(page, 40);
    excerptCache.set(page, cached);
  }
  return cached;
}

export function excerpts(pages: readonly Page[]): string[] {
  return pages.map(excerpt);
}
