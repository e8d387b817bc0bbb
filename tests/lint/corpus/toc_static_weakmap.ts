// Table of contents per page, cached in a static WeakMap keyed by the page.
import type { Page } from "jsr:@floe/floe";

interface TocEntry {
  level: number;
  id: string;
  title: string;
}

export class Toc {
  static #byPage = new WeakMap<Page, TocEntry[]>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

  static of(page: Page, html: string): TocEntry[] {
    const known = Toc.#byPage.get(page);
    if (known) return known;
    const entries: TocEntry[] = [];
    for (const m of html.matchAll(/<h([23]) id="([^"]+)">(.*?)<\/h\1>/g)) {
      entries.push({ level: Number(m[1]), id: m[2], title: m[3] });
    }
    Toc.#byPage.set(page, entries);
    return entries;
  }
}

export function tocHtml(page: Page, html: string): string {
  const items = Toc.of(page, html).map((e) => `<li class="l${e.level}"><a href="#${e.id}">${e.title}</a></li>`);
  return items.length ? `<ul class="toc">${items.join("")}</ul>` : "";
}
