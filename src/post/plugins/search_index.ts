/**
 * The search index plugin: `search-index.json`, every listed page's title, URL,
 * section, tags, summary and text, for the theme's client-side search. On by
 * default (`search: false` in the config turns it off).
 *
 * @module
 */
import { htmlToText } from "../../base/html_scan.ts";
import type { Plugin } from "../../config/plugin.ts";
import { type SearchEntry, searchEntryJson, sortSearchEntries } from "../search_index.ts";

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
      // Made while the render workers run, on the thread that feeds them: a big
      // site's index (seconds at 100,000 pages) pauses every few hundred pages.
      make: async ({ views, text, pause }) => {
        const entries: SearchEntry[] = [];
        for (const p of views.site.pages) {
          if (entries.length % PAUSE_EVERY === 0) await pause();
          entries.push({
            title: p.title,
            url: links.local(p.url),
            section: p.section.title,
            tags: (p.terms.tags ?? []).map((t) => t.name),
            summary: htmlToText(p.excerpt),
            text: text(p.url),
          });
        }
        const records: string[] = [];
        for (const entry of sortSearchEntries(entries)) {
          if (records.length % PAUSE_EVERY === 0) await pause();
          records.push(searchEntryJson(entry));
        }
        return `[${records.join(",")}]`;
      },
    }]);
  };
}

/** Pages between two pauses: a few milliseconds of work. */
const PAUSE_EVERY = 500;
