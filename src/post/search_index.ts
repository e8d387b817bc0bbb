/**
 * Post stage: the client-side search index, one JSON file with a plain-text record
 * per page.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";

/** One page in the search index. All strings are plain text, not HTML. */
export interface SearchEntry {
  /** The page title. */
  title: string;
  /** The page URL, as links on the site use it. */
  url: string;
  /** Title of the section the page is in (its nearest section). */
  section: string;
  /** The page's tags. */
  tags: readonly string[];
  /** A short plain-text summary (see `htmlToText` in `base/html_scan.ts`). */
  summary: string;
  /** The page's text to search in. */
  text: string;
}

// Comments, and elements whose content is not text a reader sees.

/**
 * Serialises the search index: a JSON array sorted by URL, each record with its keys
 * always in the order `title, url, section, tags, summary, text`, so the file is
 * byte-identical from build to build. Compact: it is downloaded by every visitor
 * who searches.
 *
 * @example
 * ```ts
 * import { searchIndexJson } from "./search_index.ts";
 * searchIndexJson([{ title: "A", url: "/a/", section: "", tags: [], summary: "", text: "hi" }]);
 * // '[{"title":"A","url":"/a/","section":"","tags":[],"summary":"","text":"hi"}]'
 * ```
 */
export function searchIndexJson(entries: readonly SearchEntry[]): string {
  const sorted = [...entries].sort((a, b) =>
    compareStrings(a.url, b.url) || compareStrings(a.title, b.title)
  );
  return JSON.stringify(sorted.map((e) => ({
    title: e.title,
    url: e.url,
    section: e.section,
    tags: [...e.tags],
    summary: e.summary,
    text: e.text,
  })));
}
