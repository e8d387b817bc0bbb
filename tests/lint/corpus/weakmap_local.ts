// Word statistics for a render call; the WeakMap lives only as long as the call.
import type { Page } from "jsr:@floe/floe";

export interface Stats {
  readonly words: number;
  readonly headings: number;
  readonly links: number;
}

function statsOf(html: string): Stats {
  return Object.freeze({
    words: html.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length,
    headings: (html.match(/<h[1-6][ >]/g) ?? []).length,
    links: (html.match(/<a\s/g) ?? []).length,
  });
}

export function sectionStats(pages: readonly Page[], htmlOf: (p: Page) => string): Stats {
  const perPage = new WeakMap<Page, Stats>();
  const get = (page: Page): Stats => {
    let stats = perPage.get(page);
    if (!stats) {
      stats = statsOf(htmlOf(page));
      perPage.set(page, stats);
    }
    return stats;
  };
  let words = 0, headings = 0, links = 0;
  for (const page of pages) {
    const s = get(page);
    words += s.words;
    headings += s.headings;
    links += s.links;
  }
  return { words, headings, links };
}
