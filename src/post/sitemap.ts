/**
 * Post stage: `sitemap.xml` in the sitemaps.org 0.9 format.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { encodeUrl, escapeXml, w3cDate } from "./xml.ts";

/** One page of the sitemap: its absolute URL and when it last changed, if known. */
export interface SitemapEntry {
  /** Absolute URL of the page, e.g. `https://example.org/docs/`. */
  readonly url: string;
  /** `YYYY-MM-DD` or an ISO 8601 date-time, or `null` to leave `<lastmod>` out. */
  readonly lastmod: string | null;
}

/**
 * Builds a sitemap: one `<url>` per entry, sorted by URL so the file is the same
 * whatever order the pages were rendered in. URLs are percent-encoded where needed
 * and XML-escaped; `<lastmod>` keeps a plain `YYYY-MM-DD` and turns a date-time into
 * RFC 3339 UTC; an unreadable date is left out rather than written wrong. A URL listed
 * twice appears once, with its newest `lastmod`.
 *
 * @example
 * ```ts
 * import { sitemapXml } from "./sitemap.ts";
 * const xml = sitemapXml([
 *   { url: "https://example.org/b/", lastmod: null },
 *   { url: "https://example.org/a/", lastmod: "2024-01-05" },
 * ]);
 * // <loc>https://example.org/a/</loc> comes first, with <lastmod>2024-01-05</lastmod>
 * ```
 */
export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const newest = new Map<string, string | null>();
  for (const entry of entries) {
    const loc = encodeUrl(entry.url.trim());
    const lastmod = entry.lastmod === null ? null : w3cDate(entry.lastmod);
    const seen = newest.get(loc);
    if (seen === undefined || (lastmod !== null && (seen === null || lastmod > seen))) {
      newest.set(loc, lastmod);
    }
  }
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
  ];
  for (const loc of [...newest.keys()].sort(compareStrings)) {
    const lastmod = newest.get(loc);
    lines.push("  <url>", `    <loc>${escapeXml(loc)}</loc>`);
    if (lastmod) lines.push(`    <lastmod>${lastmod}</lastmod>`);
    lines.push("  </url>");
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}
