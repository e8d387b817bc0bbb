// Everything a plugin caches lives in a context created at the start of each build.
import type { Page } from "jsr:@floe/floe";

export interface BuildContext {
  readonly startedAt: number;
  readonly htmlCache: Map<string, string>;
  readonly imageSizes: Map<string, Promise<{ width: number; height: number }>>;
  readonly warnings: string[];
}

export function createBuildContext(): BuildContext {
  return {
    startedAt: Date.now(),
    htmlCache: new Map(),
    imageSizes: new Map(),
    warnings: [],
  };
}

export function renderCached(ctx: BuildContext, page: Page, render: (p: Page) => string): string {
  const key = `${page.url}\u0000${page.lastmod ?? ""}\u0000${page.wordCount}`;
  let html = ctx.htmlCache.get(key);
  if (html === undefined) {
    html = render(page);
    ctx.htmlCache.set(key, html);
  }
  return html;
}

export function warn(ctx: BuildContext, message: string): void {
  if (!ctx.warnings.includes(message)) ctx.warnings.push(message);
}

export function finish(ctx: BuildContext): string {
  const seconds = ((Date.now() - ctx.startedAt) / 1000).toFixed(2);
  return `${ctx.htmlCache.size} pages in ${seconds}s, ${ctx.warnings.length} warnings`;
}
