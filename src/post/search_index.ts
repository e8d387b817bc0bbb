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
 * Serialises the search index as UTF-8 JSON: an array sorted by URL, each record
 * with its keys always in the order `title, url, section, tags, summary, text`, so
 * the file is byte-identical from build to build. Compact: it is downloaded by every
 * visitor who searches.
 *
 * @example
 * ```ts
 * import { searchIndexJson } from "./search_index.ts";
 * const bytes = searchIndexJson([{ title: "A", url: "/a/", section: "", tags: [], summary: "", text: "hi" }]);
 * new TextDecoder().decode(bytes);
 * // '[{"title":"A","url":"/a/","section":"","tags":[],"summary":"","text":"hi"}]'
 * ```
 */
export function searchIndexJson(entries: readonly SearchEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) =>
    compareStrings(a.url, b.url) || compareStrings(a.title, b.title)
  );
  return jsonArray(sorted.map((e) =>
    JSON.stringify({
      title: e.title,
      url: e.url,
      section: e.section,
      tags: [...e.tags],
      summary: e.summary,
      text: e.text,
    })
  ));
}

/**
 * `JSON.stringify` of an array, from its items' JSON, as UTF-8. The array as one
 * string is never made: at 10,000 pages it is 24 MB, at two bytes a character as
 * soon as one page holds a character past Latin-1, and stringifying it whole took
 * the main thread 0.3–0.8 s, against 0.05 s for its items one by one.
 */
function jsonArray(items: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  // Most text is ASCII: grown (rarely) when it is not.
  let out = new Uint8Array(items.reduce((n, item) => n + item.length + 1, 2));
  let at = 0;
  const put = (text: string) => {
    for (;;) {
      const { read, written } = encoder.encodeInto(text, out.subarray(at));
      at += written;
      if (read === text.length) return;
      text = text.slice(read);
      const grown = new Uint8Array(Math.max(out.length * 1.5, at + text.length * 3) | 0);
      grown.set(out.subarray(0, at));
      out = grown;
    }
  };
  put("[");
  items.forEach((item, i) => put(i ? `,${item}` : item));
  put("]");
  return out.subarray(0, at);
}
