/**
 * The search index plugin: `search-index.json`, every listed page's title, URL,
 * section, tags, summary and text, for the theme's client-side search. On by
 * default (`search: false` in the config turns it off).
 *
 * @module
 */
import { htmlToText } from "../../base/html_scan.ts";
import type { Plugin } from "../../config/plugin.ts";
import { recordJson, type SearchEntry, searchIndexPieces } from "../search_index.ts";

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
      make: async ({ views, text, keep, pause }) => {
        const entries: SearchEntry[] = [];
        for (const p of views.site.pages) {
          // Thousands of pages: the render workers are fed in between.
          await pause();
          // Read as the record is made, so that what it read is what a dev server
          // checks before it uses the record again.
          entries.push({
            title: p.title,
            url: links.local(p.url),
            get section() {
              return p.section.title;
            },
            get tags() {
              return (p.terms.tags ?? []).map((t) => t.name);
            },
            get summary() {
              return htmlToText(p.excerpt);
            },
            text: () => text(p.url),
          });
        }
        // Written as it is made: 0.25 GB at 100,000 pages, never whole in memory. A
        // dev server keeps each page's record: after an edit, only the edited pages'
        // are made again (at 10,000 pages, 0.35 s of each rebuild before).
        const encoder = new TextEncoder();
        return searchIndexPieces(
          entries,
          pause,
          // The key holds what was read before: a new title or URL is a new record.
          (entry) =>
            keep(
              `search-index:${entry.url}\n${entry.title}`,
              () => encoder.encode(recordJson(entry)),
            ),
        );
      },
    }]);
  };
}
