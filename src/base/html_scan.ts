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
const WANTED_ATTRIBUTE = /(?:href|src|id|name)\s*=/i;
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
  // Lines are counted incrementally: matches only move forward.
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
  for (const m of html.matchAll(MARKUP)) {
    const name = m[1] ?? m[3];
    const attrs = m[2] ?? m[4];
    // A comment, a tag without attributes, or only attributes we do not need
    // (`<span class="hljs-keyword">` is most tags of a highlighted page).
    if (!attrs || !WANTED_ATTRIBUTE.test(attrs)) continue;
    const attrsStart = m.index + 1 + name.length;
    const isAnchor = name.length === 1 && (name === "a" || name === "A");
    for (const a of attrs.matchAll(ATTRIBUTE)) {
      const raw = a[2] ?? a[3] ?? a[4];
      if (raw === undefined) continue;
      const key = a[1].toLowerCase();
      if (key === "href" || key === "src") {
        // The value starts after the name, `=` and maybe a quote; the line is what matters.
        const at = attrsStart + a.index + a[0].length - raw.length;
        links.push({ href: decodeEntities(raw).trim(), line: lineAt(at), attr: key });
      } else if (key === "id" || (key === "name" && isAnchor)) {
        const id = decodeEntities(raw);
        if (id !== "") ids.add(id);
      }
    }
  }
  return { links, ids: [...ids].sort(compareStrings) };
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
