// Collects things while pages render, through local aliases of module state.
import type { Page } from "jsr:@floe/floe";

const state = { items: [] as string[], errors: 0 }; // expect: floe/no-module-mutable-state
const seenUrls = new Set<string>(); // expect: floe/no-module-mutable-state

export function recordPage(page: Page): void {
  const s = seenUrls;
  if (s.has(page.url)) return;
  s.add(page.url);
  const { items } = state;
  items.push(page.title);
}

export function recordError(): number {
  return ++state.errors;
}

export function summary(): string {
  return `${state.items.length} pages, ${state.errors} errors`;
}
