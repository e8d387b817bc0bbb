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
  /**
   * The page's text to search in, or how to get it: read as its record is written,
   * the texts of 100,000 pages (0.4 GB of two-byte strings) are never all in memory.
   */
  text: string | (() => string);
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
  // Each record's JSON goes into the buffer as soon as it is made, and is garbage at
  // once. Kept for a second pass, the records (330 MB at 100,000 pages) outlived the
  // young generation: copied twice, then freed by a full collection. The array as
  // one string is never made either (`JSON.stringify(sorted)` took 0.3–0.8 s at
  // 10,000 pages, against 0.05 s record by record).
  const out = new Utf8Buffer(sorted.reduce((n, e) => n + roomFor(e), 2));
  out.write("[");
  for (let i = 0; i < sorted.length; i++) {
    if (i % PAUSE_EVERY === 0) await pause();
    // Texts read as they are written are not in the first estimate: the size of the
    // first records, times their number, is (pages of a site are much alike).
    if (i === SAMPLE) out.reserve(Math.ceil(out.length / SAMPLE * sorted.length * 1.05));
    if (i) out.write(",");
    const e = sorted[i];
    out.write(JSON.stringify({
      title: e.title,
      url: e.url,
      section: e.section,
      tags: [...e.tags],
      summary: e.summary,
      text: typeof e.text === "string" ? e.text : e.text(),
    }));
  }
  out.write("]");
  return out.bytes;
}

/** Entries between two pauses: a few milliseconds of work. */
const PAUSE_EVERY = 256;
/** Records written before the whole index is sized from them. */
const SAMPLE = 1000;

/**
 * About the length of an entry's JSON, without making it: its strings, quotes and
 * keys. Escapes make it longer; the buffer then grows.
 */
function roomFor(e: SearchEntry): number {
  let tags = 0;
  for (const tag of e.tags) tags += tag.length + 3;
  return e.title.length + e.url.length + e.section.length + e.summary.length +
    (typeof e.text === "string" ? e.text.length : 0) + tags + RECORD_OVERHEAD;
}

/** `{"title":"","url":"","section":"","tags":[],"summary":"","text":""}` and a comma. */
const RECORD_OVERHEAD = 68;
