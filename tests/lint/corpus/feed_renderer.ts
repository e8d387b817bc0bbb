// Atom feed for a section, rendered from the pages handed to the template.
import type { Page, SiteInfo } from "jsr:@floe/floe";

const ENTITY = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
} as const;

const FEED_LIMIT = 20;

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITY[c as keyof typeof ENTITY]);
}

function entry(page: Page, base: string): string {
  const url = new URL(page.url, base).href;
  const updated = page.lastmod ?? page.date ?? new Date(0).toISOString();
  return [
    "<entry>",
    `<title>${esc(page.title)}</title>`,
    `<link href="${esc(url)}"/>`,
    `<id>${esc(url)}</id>`,
    `<updated>${esc(updated)}</updated>`,
    `<summary type="html">${esc(page.excerpt)}</summary>`,
    "</entry>",
  ].join("");
}

export function atomFeed(site: SiteInfo, pages: readonly Page[], base: string): string {
  const recent = pages
    .filter((p) => p.date !== null)
    .toSorted((a, b) => (b.date ?? "").localeCompare(a.date ?? ""))
    .slice(0, FEED_LIMIT);
  const updated = recent[0]?.date ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${esc(site.title)}</title>
<updated>${esc(updated)}</updated>
<id>${esc(base)}</id>
${recent.map((p) => entry(p, base)).join("\n")}
</feed>
`;
}
