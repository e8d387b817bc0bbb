// Builds sitemap.xml from the pages of one build.
import type { Page } from "jsr:@floe/floe";

const XML_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "'": "&apos;",
  '"': "&quot;",
});

function xmlEscape(text: string): string {
  return text.replace(/[&<>'"]/g, (c) => XML_ESCAPES[c]);
}

export function* sitemapEntries(pages: Iterable<Page>, baseURL: string): Generator<string> {
  for (const page of pages) {
    if (!page.listed || page.draft) continue;
    const loc = new URL(page.url, baseURL).href;
    const lastmod = page.lastmod ?? page.date;
    const parts = [`<loc>${xmlEscape(loc)}</loc>`];
    if (lastmod) parts.push(`<lastmod>${lastmod.slice(0, 10)}</lastmod>`);
    yield `  <url>${parts.join("")}</url>`;
  }
}

export function buildSitemap(pages: readonly Page[], baseURL: string): string {
  const lines: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
  ];
  const sorted = [...pages].sort((a, b) => a.url.localeCompare(b.url));
  for (const entry of sitemapEntries(sorted, baseURL)) lines.push(entry);
  lines.push(`</urlset>`);
  return lines.join("\n") + "\n";
}
