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
  const pieces: Uint8Array[] = [];
  for await (const piece of searchIndexPieces(entries, pause)) pieces.push(piece);
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) out.set(piece, (at += piece.length) - piece.length);
  return out;
}

/**
 * {@link searchIndexJson} in pieces of about 1 MiB, each made when the one before
 * has been taken: written as they come (see `OutputContent`), the index of
 * 100,000 pages (0.25 GB) is never whole in memory. `record` makes an entry's
 * JSON ({@link recordJson}), or its UTF-8 bytes: the search index plugin has a dev
 * server keep each page's bytes, and make again only those of the pages that changed.
 *
 * @example
 * ```ts
 * import { searchIndexPieces } from "./search_index.ts";
 * const entry = { title: "A", url: "/a/", section: "", tags: [], summary: "", text: "hi" };
 * for await (const piece of searchIndexPieces([entry])) console.log(piece.length); // 75
 * ```
 */
export async function* searchIndexPieces(
  entries: readonly SearchEntry[],
  pause: () => Promise<unknown> = () => Promise.resolve(),
  record: (entry: SearchEntry) => string | Uint8Array = recordJson,
): AsyncGenerator<Uint8Array> {
  const sorted = [...entries].sort((a, b) =>
    compareStrings(a.url, b.url) || compareStrings(a.title, b.title)
  );
  // Each record's JSON goes into the piece as soon as it is made, and is garbage at
  // once. Kept for a second pass, the records (330 MB at 100,000 pages) outlived the
  // young generation: copied twice, then freed by a full collection. The array as
  // one string is never made either (`JSON.stringify(sorted)` took 0.3–0.8 s at
  // 10,000 pages, against 0.05 s record by record).
  let out = new Utf8Buffer(PIECE);
  out.write("[");
  for (let i = 0; i < sorted.length; i++) {
    if (i % PAUSE_EVERY === 0) await pause();
    if (out.length >= PIECE) {
      yield out.bytes;
      out = new Utf8Buffer(PIECE);
    }
    if (i) out.write(",");
    const json = record(sorted[i]);
    if (typeof json === "string") out.write(json);
    else out.writeBytes(json);
  }
  out.write("]");
  yield out.bytes;
}

/**
 * One entry's record as {@link searchIndexPieces} writes it: its keys always in
 * the order `title, url, section, tags, summary, text`.
 *
 * @example
 * ```ts
 * import { recordJson } from "./search_index.ts";
 * recordJson({ title: "A", url: "/a/", section: "", tags: [], summary: "", text: () => "hi" });
 * // '{"title":"A","url":"/a/","section":"","tags":[],"summary":"","text":"hi"}'
 * ```
 */
export function recordJson(e: SearchEntry): string {
  return JSON.stringify({
    title: e.title,
    url: e.url,
    section: e.section,
    tags: [...e.tags],
    summary: e.summary,
    text: typeof e.text === "string" ? e.text : e.text(),
  });
}

/** Entries between two pauses: a few milliseconds of work. */
const PAUSE_EVERY = 256;
/** Bytes of a piece, about: records are whole, so a piece ends past it. */
const PIECE = 2 ** 20;
