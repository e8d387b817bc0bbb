/**
 * XML output helpers shared by the sitemap and the feeds: escaping, URL encoding
 * and the date formats they need. Everything here is pure and byte-stable: no wall
 * clock, no time zone of the machine, no locale.
 *
 * @module
 */

// XML 1.0 allows only \t \n \r and these ranges: anything else (C0 controls,
// lone surrogates, U+FFFE/U+FFFF) makes the whole document unreadable for a parser.
const ILLEGAL_XML_CHARS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIAL = /[&<>"']/g;
const XML_ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
});
// Characters a URL may carry as they are (RFC 3986 unreserved, reserved and `%`);
// everything else is percent-encoded as UTF-8.
const NOT_URL_SAFE = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu;
const LONE_PERCENT = /%(?![0-9A-Fa-f]{2})/g;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;
const DAYS = Object.freeze(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
const MONTHS = Object.freeze([
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
]);

/**
 * Removes the characters XML 1.0 forbids anywhere in a document: control
 * characters other than tab, line feed and carriage return, lone surrogates and
 * U+FFFE/U+FFFF. One stray `\x0B` pasted into a title would otherwise make a feed
 * reader reject the whole feed.
 *
 * @example
 * ```ts
 * import { stripInvalidXmlChars } from "./xml.ts";
 * stripInvalidXmlChars("a\x00b\tc"); // "ab\tc"
 * ```
 */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, "");
}

/**
 * Escapes text for XML element content and attribute values (`&`, `<`, `>`, `"`
 * and `'`), after removing characters XML 1.0 forbids. The result is safe inside
 * both single- and double-quoted attributes.
 *
 * @example
 * ```ts
 * import { escapeXml } from "./xml.ts";
 * escapeXml(`Tom & "Jerry" <3`); // "Tom &amp; &quot;Jerry&quot; &lt;3"
 * ```
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(XML_SPECIAL, (c) => XML_ENTITIES[c]);
}

/**
 * Percent-encodes what may not appear raw in a URL (spaces, quotes, non-ASCII
 * letters, a `%` that starts no escape) and leaves existing `%XX` escapes alone,
 * so an already encoded URL comes out unchanged. Sitemaps require URLs in this
 * form; the result still needs {@link escapeXml} before it goes into XML.
 *
 * @example
 * ```ts
 * import { encodeUrl } from "./xml.ts";
 * encodeUrl("https://example.org/my notes/café/"); // "https://example.org/my%20notes/caf%C3%A9/"
 * encodeUrl("https://example.org/a%20b/"); // unchanged
 * ```
 */
export function encodeUrl(url: string): string {
  return stripInvalidXmlChars(url)
    .replace(LONE_PERCENT, "%25")
    .replace(NOT_URL_SAFE, (c) => encodeURIComponent(c));
}

/**
 * Parses a `YYYY-MM-DD` date or an ISO 8601 date-time into milliseconds since the
 * epoch, or `null` when it is not one. A date-time without an offset is read as UTC,
 * never as the machine's local time: the same input gives the same output anywhere.
 *
 * @example
 * ```ts
 * import { parseDate } from "./xml.ts";
 * parseDate("1970-01-02"); // 86400000
 * parseDate("1970-01-01T01:00:00+01:00"); // 0
 * parseDate("yesterday"); // null
 * ```
 */
export function parseDate(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone = "Z"] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  const ms = Math.floor(Number(`0.${frac || "0"}`) * 1000);
  let time = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls 2024-02-31 over into March: a date that does not exist is no date.
  if (new Date(time).getUTCDate() !== day && Number(s) < 60) return null;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(time) ? time : null;
}

/**
 * Formats a time as RFC 3339 in UTC (`2024-01-05T10:30:00Z`), the form Atom and
 * sitemaps use; milliseconds appear only when they are not zero.
 *
 * @example
 * ```ts
 * import { formatRfc3339 } from "./xml.ts";
 * formatRfc3339(0); // "1970-01-01T00:00:00Z"
 * ```
 */
export function formatRfc3339(time: number): string {
  return new Date(time).toISOString().replace(".000Z", "Z");
}

/**
 * Formats a time as an RFC 822 date in UTC with a four-digit year
 * (`Fri, 05 Jan 2024 10:30:00 GMT`), the form RSS 2.0 uses. Built by hand, not
 * with `toLocaleString`, so it never depends on the machine's locale.
 *
 * @example
 * ```ts
 * import { formatRfc822 } from "./xml.ts";
 * formatRfc822(0); // "Thu, 01 Jan 1970 00:00:00 GMT"
 * ```
 */
export function formatRfc822(time: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${
    String(d.getUTCFullYear()).padStart(4, "0")
  } ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

/**
 * A date for a sitemap's `<lastmod>` (W3C Datetime): a plain `YYYY-MM-DD` stays as
 * it is, a date-time becomes RFC 3339 in UTC, anything unreadable gives `null`.
 *
 * @example
 * ```ts
 * import { w3cDate } from "./xml.ts";
 * w3cDate("2024-01-05"); // "2024-01-05"
 * w3cDate("2024-01-05T12:00:00+02:00"); // "2024-01-05T10:00:00Z"
 * ```
 */
export function w3cDate(text: string): string | null {
  const time = parseDate(text);
  if (time === null) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : formatRfc3339(time);
}
