/**
 * Post stage: `robots.txt`.
 *
 * @module
 */

/**
 * The `robots.txt` of a site: every crawler may fetch everything, and the sitemap
 * is announced when there is one. Line breaks in the URL are removed so a bad
 * `baseURL` cannot add rules.
 *
 * @example
 * ```ts
 * import { robotsTxt } from "./robots.ts";
 * robotsTxt("https://example.org/sitemap.xml");
 * // "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
 * robotsTxt(null); // "User-agent: *\nAllow: /\n"
 * ```
 */
export function robotsTxt(sitemapUrl: string | null): string {
  const rules = "User-agent: *\nAllow: /\n";
  const url = sitemapUrl?.replace(/[\r\n]+/g, "").trim();
  return url ? `${rules}\nSitemap: ${url}\n` : rules;
}
