/**
 * A fast, forgiving scan of rendered HTML for what the link checker and the feeds
 * need: the `href`/`src` values of every tag, the ids a `#fragment` can point to,
 * and a way to rewrite those URLs. One regex pass over the tags, no DOM: it runs
 * on every page of the site.
 *
 * @module
 */
import { compareStrings } from "./arrays.ts";

// One alternation, tried left to right at each `<`: a comment (to the end of the
// file when never closed, as browsers do), a raw-text element whose body may hold
// `<a href>` that is not markup (script, style, textarea, title), or any start tag.
// Quoted attribute values may contain `>`, so the attribute part is matched as
// quoted strings or single non-quote characters: linear, no backtracking blow-up.
const MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?(?:<\/\1\s*>|$)|<([a-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6});?|#([0-9]{1,7});?|([a-zA-Z][a-zA-Z0-9]{1,31});)/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  laquo: "\u00ab",
  raquo: "\u00bb",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
  middot: "\u00b7",
  bull: "\u2022",
  times: "\u00d7",
  shy: "\u00ad",
});

/** A URL-valued attribute found by {@link scanHtml}: its value and 1-based line. */
export interface ScannedLink {
  /** The attribute value with entities decoded and surrounding whitespace trimmed. */
  readonly href: string;
  /** 1-based line of the value in the HTML. */
  readonly line: number;
  /** Which attribute held it. */
  readonly attr: "href" | "src";
}

/** What {@link scanHtml} finds in a page. */
export interface HtmlScan {
  /** Every `href`/`src` value in document order. */
  links: ScannedLink[];
  /** Every `id` of any element and `name` of an `<a>`, de-duplicated and sorted. */
  ids: string[];
}

/**
 * Finds every `href` and `src` attribute of any tag, quoted or not, with its line,
 * and every `id` (and `<a name>`) a fragment can target. Comments and the bodies of
 * `<script>`, `<style>`, `<textarea>` and `<title>` are skipped: what looks like a tag
 * there is not one. Entities in values (`&amp;`, `&#38;`, …) are decoded, as the
 * browser does before following a link.
 *
 * @example
 * ```ts
 * import { scanHtml } from "./html_scan.ts";
 * const r = scanHtml('<h2 id="a">A</h2>\n<a href="/x/?a=1&amp;b=2">x</a>');
 * // r.links: [{ href: "/x/?a=1&b=2", line: 2, attr: "href" }]; r.ids: ["a"]
 * ```
 */
export function scanHtml(html: string): HtmlScan {
  const links: ScannedLink[] = [];
  const ids = new Set<string>();
  // Lines are counted incrementally: values only move forward.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (
      let i = html.indexOf("\n", counted);
      i !== -1 && i < offset;
      i = html.indexOf("\n", i + 1)
    ) {
      line++;
    }
    counted = offset;
    return line;
  };
  // One attribute with a value, found by `attributes`: its name's start and length,
  // its value's start and end.
  const found = (name: number, length: number, value: number, end: number, anchor: boolean) => {
    if (length < 2 || length > 4) return;
    const raw = html.slice(value, end);
    if (isNamed(html, name, length, "href") || isNamed(html, name, length, "src")) {
      const attr = length === 4 ? "href" : "src";
      links.push({ href: decodeEntities(raw).trim(), line: lineAt(value), attr });
    } else if (
      isNamed(html, name, length, "id") || (anchor && isNamed(html, name, length, "name"))
    ) {
      const id = decodeEntities(raw);
      if (id !== "") ids.add(id);
    }
  };
  for (let at = html.indexOf("<"); at !== -1;) {
    const tag = markupAt(html, at);
    if (tag === null) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    const [attrs, attrsEnd, end] = tag;
    if (attrs < attrsEnd) {
      // `<a …>` or `<A …>`: only an anchor's `name` is a fragment target.
      const anchor = attrs === at + 2 && (html.charCodeAt(at + 1) | 0x20) === 0x61;
      attributes(html, attrs, attrsEnd, anchor, found);
    }
    at = html.indexOf("<", end);
  }
  return { links, ids: [...ids].sort(compareStrings) };
}

/*
 * The scan below is the MARKUP regex's tag branches and the ATTRIBUTE regex walked by
 * hand, to the same results (tests/html_scan_test.ts holds it to the regexes on
 * random near-HTML): one match object per tag was a third of a render's time, on
 * pages where most tags are a highlighted `<span class="…">`.
 */

/**
 * The markup starting at the `<` at `start`, as MARKUP matches it there: its
 * attributes' start and end and where it ends (past a raw-text element's end tag),
 * or null if the `<` is text. A comment has no attributes.
 */
function markupAt(html: string, start: number): [number, number, number] | null {
  if (html.startsWith("<!--", start)) {
    const close = html.indexOf("-->", start + 4);
    const end = close === -1 ? html.length : close + 3;
    return [end, end, end];
  }
  if (!isAsciiLetter(html.charCodeAt(start + 1))) return null;
  let nameEnd = start + 2;
  while (nameEnd < html.length) {
    const c = html.charCodeAt(nameEnd);
    if (c === SLASH || c === GT || isSpace(c)) break;
    nameEnd++;
  }
  let from = nameEnd;
  let gt = tagEnd(html, from);
  // As the regex backtracks: a name with a quote in it (malformed) may end before
  // the quote, which then opens a value.
  for (let cut = nameEnd - 1; gt === -1 && cut > start + 1; cut--) {
    const c = html.charCodeAt(cut);
    if (c === QUOTE || c === APOSTROPHE) gt = tagEnd(html, from = cut);
  }
  if (gt === -1) return null;
  // A raw-text element's name is followed by a space, `/` or `>` (a name cut short
  // had a quote in it, so it is not one).
  const length = nameEnd - start - 1;
  const raw = length >= 5 && length <= 8 ? rawTextName(html.slice(start + 1, nameEnd)) : undefined;
  return [from, gt, raw ? rawTextEnd(html, raw, gt + 1) : gt + 1];
}

/** The `>` that ends a start tag whose attributes start at `from` (quoted values may hold `>`), or -1. */
function tagEnd(html: string, from: number): number {
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === GT) return i;
    if (c === QUOTE || c === APOSTROPHE) {
      i = html.indexOf(c === QUOTE ? '"' : "'", i + 1);
      if (i === -1) return -1;
    }
  }
  return -1;
}

/**
 * Walks the attributes in [from, end) as ATTRIBUTE's matches go: a name is a run of
 * anything but space, quotes, `>`, `/` and `=`; a value follows `=` (spaces around
 * it allowed) double-quoted, single-quoted or bare. `found` gets each name with a value.
 */
function attributes(
  html: string,
  from: number,
  end: number,
  anchor: boolean,
  found: (name: number, length: number, value: number, end: number, anchor: boolean) => void,
): void {
  let i = from;
  while (i < end) {
    if (!isNameChar(html.charCodeAt(i))) {
      i++;
      continue;
    }
    const name = i;
    while (i < end && isNameChar(html.charCodeAt(i))) i++;
    let j = i;
    while (j < end && isSpace(html.charCodeAt(j))) j++;
    if (j >= end || html.charCodeAt(j) !== EQUALS) continue;
    j++;
    while (j < end && isSpace(html.charCodeAt(j))) j++;
    if (j >= end) continue;
    const c = html.charCodeAt(j);
    if (c === QUOTE || c === APOSTROPHE) {
      const close = html.indexOf(c === QUOTE ? '"' : "'", j + 1);
      if (close === -1 || close >= end) continue; // no value: the name alone matched
      found(name, i - name, j + 1, close, anchor);
      i = close + 1;
    } else {
      let k = j;
      while (k < end && isBareValueChar(html.charCodeAt(k))) k++;
      if (k === j) continue;
      found(name, i - name, j, k, anchor);
      i = k;
    }
  }
}

/** Whether html[at, at + length) is `name` (lower-case ASCII) in any case. */
function isNamed(html: string, at: number, length: number, name: string): boolean {
  if (length !== name.length) return false;
  for (let k = 0; k < length; k++) {
    if ((html.charCodeAt(at + k) | 0x20) !== name.charCodeAt(k)) return false;
  }
  return true;
}

/** Past the end tag of a raw-text element (`</script >`, any case), or the end of the HTML. */
function rawTextEnd(html: string, name: string, from: number): number {
  for (let at = html.indexOf("</", from); at !== -1; at = html.indexOf("</", at + 2)) {
    let i = at + 2 + name.length;
    if (!isNamed(html, at + 2, name.length, name)) continue;
    while (i < html.length && isSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) === GT) return i + 1;
  }
  return html.length;
}

/** `script`, `style`, `textarea` or `title` in lower case, if `name` is one of them in any case. */
function rawTextName(name: string): string | undefined {
  const lower = name.toLowerCase();
  return lower === "script" || lower === "style" || lower === "textarea" || lower === "title"
    ? lower
    : undefined;
}

const SLASH = 0x2f;
const GT = 0x3e;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

const isAsciiLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/** ATTRIBUTE's `[^\s"'>\/=]`. */
const isNameChar = (c: number): boolean =>
  c !== QUOTE && c !== APOSTROPHE && c !== GT && c !== SLASH && c !== EQUALS && !isSpace(c);

/** ATTRIBUTE's ``[^\s"'=<>`]``. */
const isBareValueChar = (c: number): boolean =>
  c !== QUOTE && c !== APOSTROPHE && c !== EQUALS && c !== 0x3c && c !== GT && c !== 0x60 &&
  !isSpace(c);

/** JavaScript's `\s`: what the regexes this scan agrees with count as space. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) ||
    (c > 0x7f && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 ||
      c === 0xfeff));
}

/**
 * Rewrites the `href` and `src` values of every tag (not in comments or scripts):
 * `rewrite` gets the decoded value and returns the new one, which is written back
 * double-quoted and escaped. Everything else in the HTML is kept byte for byte.
 *
 * @example
 * ```ts
 * import { rewriteUrls } from "./html_scan.ts";
 * rewriteUrls('<a href="/x/">x</a>', (url) => "https://example.org" + url);
 * // '<a href="https://example.org/x/">x</a>'
 * ```
 */
export function rewriteUrls(
  html: string,
  rewrite: (url: string, attr: "href" | "src") => string,
): string {
  return html.replace(MARKUP, (match, rawName, rawAttrs, tagName, tagAttrs) => {
    const name: string | undefined = rawName ?? tagName;
    const attrs: string | undefined = rawAttrs ?? tagAttrs;
    if (name === undefined || !attrs) return match;
    const rest = match.slice(1 + name.length + attrs.length);
    const rewritten = attrs.replace(
      ATTRIBUTE,
      (whole, key: string, dq?: string, sq?: string, uq?: string) => {
        const raw = dq ?? sq ?? uq;
        const attr = key.toLowerCase();
        if (raw === undefined || (attr !== "href" && attr !== "src")) return whole;
        return `${key}="${escapeAttribute(rewrite(decodeEntities(raw).trim(), attr))}"`;
      },
    );
    return `<${name}${rewritten}${rest}`;
  });
}

/**
 * Decodes HTML character references: `&amp; &lt; &gt; &quot; &apos; &nbsp;`, a few
 * common typographic names, and numeric `&#NNN;`/`&#xHH;` (invalid code points become
 * U+FFFD, as in browsers). Unknown names stay as written. One pass, so `&amp;lt;`
 * becomes `&lt;`, not `<`.
 *
 * @example
 * ```ts
 * import { decodeEntities } from "./html_scan.ts";
 * decodeEntities("a &amp; b &#x263A; &#169; &amp;lt;"); // "a & b ☺ © &lt;"
 * ```
 */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : "\ufffd";
  });
}

/**
 * Escapes text for a double- or single-quoted HTML attribute value.
 *
 * @example
 * ```ts
 * import { escapeAttribute } from "./html_scan.ts";
 * escapeAttribute(`a"b&c`); // "a&quot;b&amp;c"
 * ```
 */
export function escapeAttribute(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      c === "&"
        ? "&amp;"
        : c === "<"
        ? "&lt;"
        : c === ">"
        ? "&gt;"
        : c === '"'
        ? "&quot;"
        : "&#39;",
  );
}

const INVISIBLE =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|template|noscript|svg|math)(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
// Tags that end a block of text: removing them must leave a space, or the last word
// of one paragraph would run into the first word of the next.
const BLOCK_TAG =
  /<\/?(?:address|article|aside|blockquote|br|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|img|input|button|select|option|textarea|label|caption)(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const INLINE_TAG = /<\/?[a-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>/gi;
const WHITESPACE = /\s+/g;

/**
 * Turns HTML into plain text for search: drops comments, scripts and styles, removes
 * tags (block-level ones leave a space so words do not run together), decodes
 * entities (`&amp; &lt; &gt; &quot; &#39; &#NNN; &#xHH; &nbsp;` and a few more) and
 * collapses whitespace. Entities are decoded after the tags are gone, so an escaped
 * `&lt;b&gt;` in code survives as the text `<b>`.
 *
 * @example
 * ```ts
 * import { htmlToText } from "./html_scan.ts";
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
