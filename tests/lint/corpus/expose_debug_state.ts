// Exposes build internals on globalThis for debugging in the dev server console.
import type { Page } from "jsr:@floe/floe";

export interface DebugState {
  readonly pages: readonly Page[];
  readonly startedAt: number;
}

export function exposeForDebug(pages: readonly Page[]): void {
  const state: DebugState = { pages, startedAt: Date.now() };
  Object.assign(globalThis, { __floeDebug: state }); // expect: floe/no-module-mutable-state
}

export function describePage(page: Page): string {
  return `${page.url} (${page.kind}, ${page.wordCount} words)`;
}

export function debugTable(pages: readonly Page[]): string[] {
  return pages.map(describePage);
}
