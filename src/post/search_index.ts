/**
 * Post stage: the client-side search index, one JSON file with a plain-text record
 * per page.
 *
 * @module
 */
import { compareStrings } from "../base/compare.ts";
import { decodeEntities } from "../base/html_scan.ts";

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
  /** A short plain-text summary (see {@link htmlToText}). */
  summary: string;
  /** The page's text to search in. */
  text: string;
}

// Comments, and elements whose content is not text a reader sees.
const INVISIBLE =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|template|noscript|svg|math)(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
// Tags that end a block of text: removing them must leave a space, or the last word
// of one paragraph would run into the first word of the next.
const BLOCK_TAG =
  /<\/?(?:address|article|aside|blockquote|br|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|img|input|button|select|option|textarea|label|caption)(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const INLINE_TAG = /<\/?[a-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>/gi;
const WHITESPACE = /\s+/g;

/**
 * Serialises the search index: a JSON array sorted by URL, each record with its keys
 * always in the order `title, url, section, tags, summary, text`, so the file is
 * byte-identical from build to build. Compact: it is downloaded by every visitor
 * who searches.
 *
 * @example
 * ```ts
 * import { searchIndex } from "./search_index.ts";
 * searchIndex([{ title: "A", url: "/a/", section: "", tags: [], summary: "", text: "hi" }]);
 * // '[{"title":"A","url":"/a/","section":"","tags":[],"summary":"","text":"hi"}]'
 * ```
 */
export function searchIndex(entries: readonly SearchEntry[]): string {
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

/**
 * Turns HTML into plain text for search: drops comments, scripts and styles, removes
 * tags (block-level ones leave a space so words do not run together), decodes
 * entities (`&amp; &lt; &gt; &quot; &#39; &#NNN; &#xHH; &nbsp;` and a few more) and
 * collapses whitespace. Entities are decoded after the tags are gone, so an escaped
 * `&lt;b&gt;` in code survives as the text `<b>`.
 *
 * @example
 * ```ts
 * import { htmlToText } from "./search_index.ts";
 * htmlToText("<p>Fish &amp; <b>chips</b></p><p>&lt;tag&gt;</p>"); // "Fish & chips <tag>"
 * ```
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(INVISIBLE, " ")
    .replace(BLOCK_TAG, " ")
    .replace(INLINE_TAG, "");
  return decodeEntities(text).replace(WHITESPACE, " ").trim();
}
