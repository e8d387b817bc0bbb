// Breadcrumb markup from the page's ancestors.
import type { Page } from "jsr:@floe/floe";

export interface Crumb {
  readonly title: string;
  readonly url: string;
  readonly current: boolean;
}

export function crumbs(page: Page, homeTitle = "Home"): Crumb[] {
  const list: Crumb[] = page.breadcrumbs.map((p, i) => ({
    title: i === 0 ? homeTitle : p.title,
    url: p.url,
    current: false,
  }));
  list.push({ title: page.title, url: page.url, current: true });
  return list;
}

export function breadcrumbHtml(page: Page): string {
  const items = crumbs(page).map((c) =>
    c.current
      ? `<li aria-current="page">${c.title}</li>`
      : `<li><a href="${c.url}">${c.title}</a></li>`
  );
  return `<nav aria-label="Breadcrumb"><ol>${items.join("")}</ol></nav>`;
}
