// Helpers that keep their state in locals and parameters only.
import type { Page } from "jsr:@floe/floe";

export function uniqueTitles(pages: readonly Page[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const page of pages) {
    if (seen.has(page.title)) continue;
    seen.add(page.title);
    out.push(page.title);
  }
  return out;
}

export function countBySection(pages: readonly Page[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const key = page.section.title;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function memoize<A extends string, R>(fn: (arg: A) => R): (arg: A) => R {
  const cache = new Map<A, R>();
  return (arg) => {
    if (cache.has(arg)) return cache.get(arg)!;
    const value = fn(arg);
    cache.set(arg, value);
    return value;
  };
}

export function dedupeInto(target: Set<string>, values: Iterable<string>): number {
  let added = 0;
  for (const v of values) {
    if (!target.has(v)) {
      target.add(v);
      added++;
    }
  }
  return added;
}
