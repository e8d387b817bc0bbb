/**
 * Post stage: RSS 2.0 and Atom 1.0 feeds. Pure and byte-stable: every date in the
 * output comes from the items, never from the wall clock, so building the same site
 * twice gives the same feed files (and feed readers see no phantom updates).
 *
 * @module
 */
import { rewriteUrls } from "../base/html_scan.ts";
import { encodeUrl, escapeXml, formatRfc3339, formatRfc822, parseDate } from "./xml.ts";

/** One entry of a feed. */
export interface FeedItem {
  /** The page title, plain text. */
  readonly title: string;
  /** Absolute URL of the page; also the entry's permanent id. */
  readonly url: string;
  /** Publication date: `YYYY-MM-DD` or ISO 8601, or `null` when unknown. */
  readonly date: string | null;
  /** Last change: `YYYY-MM-DD` or ISO 8601, or `null` when unknown. */
  readonly updated: string | null;
  /** The summary as HTML. */
  readonly summary: string;
  /** The full page body as HTML. */
  readonly content: string;
  /** Tags (or other terms), one `<category>` each. */
  readonly tags: readonly string[];
}

/** Everything a feed is made of. */
export interface FeedInput {
  /** The feed's title, plain text. */
  readonly title: string;
  /** One-sentence description, plain text. */
  readonly description: string;
  /** Language tag, e.g. `en` or `pt-BR`; empty leaves it out. */
  readonly language: string;
  /** Absolute URL of the site (or of the section the feed is for). */
  readonly siteUrl: string;
  /** Absolute URL of this feed file. */
  readonly feedUrl: string;
  /** Newest first, already limited by the caller. */
  readonly items: readonly FeedItem[];
  /** `true` puts each item's full content in the feed, `false` only its summary. */
  readonly full: boolean;
  /**
   * Author name for Atom, which requires one per feed; the feed title when absent.
   * RSS does not need it.
   */
  readonly author?: string;
}

const EPOCH = "1970-01-01T00:00:00Z";

/**
 * Builds an RSS 2.0 feed: an `atom:link rel="self"`, per item a permalink `<guid>`,
 * `<pubDate>` in RFC 822 UTC (left out when the item has no date), a `<category>`
 * per tag and a `<description>` holding the escaped HTML of the summary (or of the
 * content when `full`). `lastBuildDate` is the newest item date, not the time of the
 * build. Relative `href`/`src` URLs in the HTML are made absolute against the item's
 * URL, since a feed reader shows the HTML away from the page.
 *
 * @example
 * ```ts
 * import { rssFeed } from "./feeds.ts";
 * const xml = rssFeed({
 *   title: "Blog", description: "News", language: "en",
 *   siteUrl: "https://example.org/", feedUrl: "https://example.org/index.xml",
 *   full: false,
 *   items: [{
 *     title: "Hello", url: "https://example.org/hello/", date: "2024-01-05",
 *     updated: null, summary: "<p>Hi</p>", content: "<p>Hi there</p>", tags: ["news"],
 *   }],
 * });
 * // … <pubDate>Fri, 05 Jan 2024 00:00:00 GMT</pubDate> …
 * ```
 */
export function rssFeed(input: FeedInput): string {
  const newest = newestTime(input.items);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">`,
    `  <channel>`,
    `    <title>${escapeXml(input.title)}</title>`,
    `    <link>${url(input.siteUrl)}</link>`,
    `    <description>${escapeXml(input.description)}</description>`,
  ];
  if (input.language.trim()) {
    lines.push(`    <language>${escapeXml(input.language.trim())}</language>`);
  }
  if (newest !== null) lines.push(`    <lastBuildDate>${formatRfc822(newest)}</lastBuildDate>`);
  lines.push(
    `    <atom:link href="${url(input.feedUrl)}" rel="self" type="application/rss+xml"/>`,
  );
  for (const item of input.items) {
    const published = item.date === null ? null : parseDate(item.date);
    const html = absoluteUrls(input.full ? item.content : item.summary, item.url);
    lines.push(
      `    <item>`,
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${url(item.url)}</link>`,
      `      <guid isPermaLink="true">${url(item.url)}</guid>`,
    );
    if (published !== null) lines.push(`      <pubDate>${formatRfc822(published)}</pubDate>`);
    for (const tag of item.tags) lines.push(`      <category>${escapeXml(tag)}</category>`);
    lines.push(`      <description>${escapeXml(html)}</description>`, `    </item>`);
  }
  lines.push(`  </channel>`, `</rss>`, ``);
  return lines.join("\n");
}

/**
 * Builds an Atom 1.0 feed: feed `id` is the site URL, `updated` the newest item
 * date (or the epoch when there are no items: never the wall clock), links to the
 * site and to the feed itself, and per entry `id`, `link`, `title`, `published` and
 * `updated` in RFC 3339, a `category` per tag, `summary type="html"` and, when
 * `full`, `content type="html"`. An entry without dates gets the feed's `updated`,
 * since Atom requires one. Relative `href`/`src` URLs in the HTML are made absolute.
 *
 * @example
 * ```ts
 * import { atomFeed } from "./feeds.ts";
 * const xml = atomFeed({
 *   title: "Blog", description: "News", language: "en",
 *   siteUrl: "https://example.org/", feedUrl: "https://example.org/atom.xml",
 *   full: true, items: [],
 * });
 * // … <updated>1970-01-01T00:00:00Z</updated> …
 * ```
 */
export function atomFeed(input: FeedInput): string {
  const newest = newestTime(input.items);
  const feedUpdated = newest === null ? EPOCH : formatRfc3339(newest);
  const language = input.language.trim();
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom"${
      language ? ` xml:lang="${escapeXml(language)}"` : ""
    }>`,
    `  <title>${escapeXml(input.title)}</title>`,
  ];
  if (input.description.trim()) {
    lines.push(`  <subtitle>${escapeXml(input.description)}</subtitle>`);
  }
  lines.push(
    `  <id>${url(input.siteUrl)}</id>`,
    `  <link href="${url(input.siteUrl)}"/>`,
    `  <link href="${url(input.feedUrl)}" rel="self" type="application/atom+xml"/>`,
    `  <updated>${feedUpdated}</updated>`,
    `  <author>`,
    `    <name>${escapeXml(input.author?.trim() || input.title)}</name>`,
    `  </author>`,
  );
  for (const item of input.items) {
    const published = item.date === null ? null : parseDate(item.date);
    const changed = item.updated === null ? null : parseDate(item.updated);
    const updated = changed ?? published;
    lines.push(
      `  <entry>`,
      `    <title>${escapeXml(item.title)}</title>`,
      `    <id>${url(item.url)}</id>`,
      `    <link href="${url(item.url)}"/>`,
    );
    if (published !== null) lines.push(`    <published>${formatRfc3339(published)}</published>`);
    lines.push(`    <updated>${updated === null ? feedUpdated : formatRfc3339(updated)}</updated>`);
    for (const tag of item.tags) lines.push(`    <category term="${escapeXml(tag)}"/>`);
    lines.push(
      `    <summary type="html">${escapeXml(absoluteUrls(item.summary, item.url))}</summary>`,
    );
    if (input.full) {
      lines.push(
        `    <content type="html">${escapeXml(absoluteUrls(item.content, item.url))}</content>`,
      );
    }
    lines.push(`  </entry>`);
  }
  lines.push(`</feed>`, ``);
  return lines.join("\n");
}

/**
 * Makes the relative and root-relative `href`/`src` URLs of an HTML fragment
 * absolute against `baseUrl`. Fragment-only links (`#note-1`), URLs with a scheme
 * and protocol-relative URLs are left as they are, and so is anything that does
 * not parse.
 *
 * @example
 * ```ts
 * import { absoluteUrls } from "./feeds.ts";
 * absoluteUrls('<img src="../a.png">', "https://example.org/blog/post/");
 * // '<img src="https://example.org/blog/a.png">'
 * ```
 */
export function absoluteUrls(html: string, baseUrl: string): string {
  if (!/href|src/i.test(html)) return html;
  return rewriteUrls(html, (value) => {
    if (value === "" || value.startsWith("#") || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) {
      return value;
    }
    try {
      return new URL(value, baseUrl).href;
    } catch {
      return value;
    }
  });
}

/** The newest `date` or `updated` of any item, as epoch milliseconds. */
function newestTime(items: readonly FeedItem[]): number | null {
  let newest: number | null = null;
  for (const item of items) {
    for (const text of [item.date, item.updated]) {
      const time = text === null ? null : parseDate(text);
      if (time !== null && (newest === null || time > newest)) newest = time;
    }
  }
  return newest;
}

function url(value: string): string {
  return escapeXml(encodeUrl(value.trim()));
}
