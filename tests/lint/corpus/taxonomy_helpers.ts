// Template helpers for tags and categories.
import type { Page, Term } from "jsr:@floe/floe";

export interface TagCloudEntry {
  readonly name: string;
  readonly url: string;
  readonly count: number;
  readonly weight: 1 | 2 | 3 | 4 | 5;
}

export function tagCloud(terms: readonly Term[]): TagCloudEntry[] {
  if (terms.length === 0) return [];
  const counts = terms.map((t) => t.pages.length);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  const span = Math.max(1, max - min);
  return terms.map((term) => ({
    name: term.name,
    url: term.url,
    count: term.pages.length,
    weight: (1 + Math.round(((term.pages.length - min) / span) * 4)) as TagCloudEntry["weight"],
  }));
}

export function groupByYear(pages: readonly Page[]): [string, Page[]][] {
  const groups = Object.groupBy(pages, (p) => (p.date ?? "undated").slice(0, 4));
  return Object.entries(groups)
    .map(([year, list]) => [year, list ?? []] as [string, Page[]])
    .sort(([a], [b]) => b.localeCompare(a));
}

export function related(page: Page, candidates: readonly Page[], limit = 3): Page[] {
  const mine = new Set(Object.values(page.terms).flat().map((t) => t.name));
  return candidates
    .filter((c) => c.url !== page.url)
    .map((c) => ({ c, score: Object.values(c.terms).flat().filter((t) => mine.has(t.name)).length }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ c }) => c);
}
