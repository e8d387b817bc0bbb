// Slug memo: slugify is pure, so cache the results... forever.
import { slugify } from "./filter_slugify.ts";

const slugCache = new Map<string, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function cachedSlug(text: string): string {
  const hit = slugCache.get(text);
  if (hit !== undefined) return hit;
  const slug = slugify(text);
  slugCache.set(text, slug);
  return slug;
}

export function headingIds(headings: readonly string[]): string[] {
  const used = new Map<string, number>();
  return headings.map((h) => {
    const base = cachedSlug(h);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}
