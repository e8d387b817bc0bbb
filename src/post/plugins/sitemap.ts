/**
 * The sitemap plugin: `sitemap.xml` with every listed page and when it last
 * changed. On by default (`sitemap: false` in the config turns it off).
 *
 * @module
 */
import type { Plugin } from "../../config/plugin.ts";
import { type SitemapEntry, sitemapXml } from "../sitemap.ts";

/**
 * Writes `sitemap.xml`.
 *
 * @example
 * ```ts
 * import { sitemap } from "./sitemap.ts";
 * export default { plugins: [sitemap()] };
 * ```
 */
export function sitemap(): Plugin {
  return function sitemap(site) {
    site.outputs(({ links }) => [{
      path: "sitemap.xml",
      // Made while the render workers run, on the thread that feeds them: it
      // pauses every few hundred pages.
      make: async ({ allPages, pause }) => {
        const entries: SitemapEntry[] = [];
        const pages = allPages();
        for (let i = 0; i < pages.length; i++) {
          if (i % 500 === 0) await pause();
          const p = pages[i];
          if (p.listed && p.kind !== "404") {
            entries.push({ url: links.absolute(p.url), lastmod: p.lastmod ?? p.date });
          }
        }
        return sitemapXml(entries);
      },
    }]);
  };
}
