// Feed items per section, memoised in a WeakMap keyed by the section object.
import type { Page, Section } from "jsr:@floe/floe";

interface FeedItem {
  title: string;
  url: string;
  date: string | null;
}

const itemsBySection = new WeakMap<Section, FeedItem[]>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function feedItems(section: Section): FeedItem[] {
  const cached = itemsBySection.get(section);
  if (cached) return cached;
  const items = section.pages
    .filter((p: Page) => p.date !== null && !p.draft)
    .map((p: Page) => ({ title: p.title, url: p.url, date: p.date }));
  itemsBySection.set(section, items);
  return items;
}

export function latest(section: Section, n = 5): FeedItem[] {
  return feedItems(section).slice(0, n);
}
