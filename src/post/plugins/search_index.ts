/**
 * The search index plugin: `search-index.json`, every listed page's title, URL,
 * section, tags, summary and text, for the theme's client-side search. On by
 * default (`search: false` in the config turns it off).
 *
 * @module
 */
import { htmlToText } from "../../base/html_scan.ts";
import type { Plugin } from "../../config/plugin.ts";
import { type SearchEntry, searchIndexPieces } from "../search_index.ts";

/**
 * Writes `search-index.json`.
 *
 * @example
 * ```ts
 * import { searchIndex } from "./search_index.ts";
 * export default { plugins: [searchIndex()] };
 * ```
 */
export function searchIndex(): Plugin {
  return function searchIndex(site) {
    site.outputs(({ links }) => [{
      path: "search-index.json",
      make: async ({ views, text, pause }) => {
        const entries: SearchEntry[] = [];
        for (const p of views.site.pages) {
          // Thousands of pages: the render workers are fed in between.
          await pause();
          entries.push({
            title: p.title,
            url: links.local(p.url),
            section: p.section.title,
            tags: (p.terms.tags ?? []).map((t) => t.name),
            summary: htmlToText(p.excerpt),
            text: () => text(p.url),
          });
        }
        // Written as it is made: 0.25 GB at 100,000 pages, never whole in memory.
        return searchIndexPieces(entries, pause);
      },
    }]);
  };
}
