// "Recently rendered" widget fed from a module-level list.
import type { Page } from "jsr:@floe/floe";

const MAX_RECENT = 5;

const seen: string[] = []; // expect: floe/no-module-mutable-state

export function rememberPage(page: Page): void {
  seen.unshift(page.url);
  if (seen.length > MAX_RECENT) seen.length = MAX_RECENT;
}

export function recentlyRendered(): readonly string[] {
  return seen;
}

export function recentHtml(): string {
  return `<ul>${seen.map((url) => `<li><a href="${url}">${url}</a></li>`).join("")}</ul>`;
}

export function wasRecentlyRendered(url: string): boolean {
  return seen.includes(url);
}
