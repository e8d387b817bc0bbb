// Tracks the page being rendered so that filters can refer to it.
import type { Page } from "jsr:@floe/floe";

let currentPage: string | null = null; // expect: floe/no-module-mutable-state

export function renderPages(pages: readonly Page[], render: (p: Page) => string): string[] {
  const out: string[] = [];
  pages.forEach((page) => {
    currentPage = page.url;
    out.push(render(page));
  });
  currentPage = null;
  return out;
}

export function relativeToCurrent(href: string): string {
  if (!currentPage || !href.startsWith("/")) return href;
  const depth = currentPage.split("/").filter(Boolean).length;
  return "../".repeat(depth) + href.slice(1);
}
