/**
 * Post stage: the client-side search index, one JSON file with a plain-text record
 * per page.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { Utf8Buffer } from "../base/utf8_buffer.ts";

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
 * visitor who searches. `pause` is awaited now and then (see `SiteSource.pause`):
 * at 100,000 pages this is seconds of work.
 *
 * @example
 * ```ts
 * import { searchIndexJson } from "./search_index.ts";
 * const bytes = await searchIndexJson([{ title: "A", url: "/a/", section: "", tags: [], summary: "", text: "hi" }]);
 * new TextDecoder().decode(bytes);
 * // '[{"title":"A","url":"/a/","section":"","tags":[],"summary":"","text":"hi"}]'
 * ```
 */
export async function searchIndexJson(
  entries: readonly SearchEntry[],
  pause: () => Promise<unknown> = () => Promise.resolve(),
): Promise<Uint8Array> {
  const sorted = [...entries].sort((a, b) =>
    compareStrings(a.url, b.url) || compareStrings(a.title, b.title)
  );
  const items: string[] = [];
  for (const e of sorted) {
    if (items.length % PAUSE_EVERY === 0) await pause();
    items.push(JSON.stringify({
      title: e.title,
      url: e.url,
      section: e.section,
      tags: [...e.tags],
      summary: e.summary,
      text: e.text,
    }));
  }
  return await jsonArray(items, pause);
}

/** Entries between two pauses: a few milliseconds of work. */
const PAUSE_EVERY = 256;

/**
 * `JSON.stringify` of an array, from its items' JSON, as UTF-8. The array as one
 * string is never made: at 10,000 pages it is 24 MB, at two bytes a character as
 * soon as one page holds a character past Latin-1, and stringifying it whole took
 * the main thread 0.3–0.8 s, against 0.05 s for its items one by one.
 */
async function jsonArray(
  items: readonly string[],
  pause: () => Promise<unknown>,
): Promise<Uint8Array> {
  const out = new Utf8Buffer(items.reduce((n, item) => n + item.length + 1, 2));
  out.write("[");
  for (let i = 0; i < items.length; i++) {
    if (i % PAUSE_EVERY === 0) await pause();
    if (i) out.write(",");
    out.write(items[i]);
  }
  out.write("]");
  return out.bytes;
}
