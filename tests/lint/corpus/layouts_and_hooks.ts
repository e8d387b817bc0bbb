// A theme API: layouts and build hooks registered by plugins.
import type { Page } from "jsr:@floe/floe";

export type Layout = (page: Page, content: string) => string;

const layouts = new Map<string, Layout>(); // expect: floe/no-module-mutable-state
const hooks: Array<(pages: readonly Page[]) => void> = []; // expect: floe/no-module-mutable-state
const FALLBACK: Layout = (page, content) => `<main><h1>${page.title}</h1>${content}</main>`;

export function defineLayout(name: string, layout: Layout): void {
  layouts.set(name, layout);
}

export function onBuild(hook: (pages: readonly Page[]) => void): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

export function applyLayout(page: Page, content: string): string {
  const name = page.layouts[0] ?? "default";
  return (layouts.get(name) ?? FALLBACK)(page, content);
}

export function runHooks(pages: readonly Page[]): void {
  for (const hook of hooks) hook(pages);
}
