import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  encodeUrl,
  escapeXml,
  formatRfc3339,
  formatRfc822,
  parseDate,
  stripInvalidXmlChars,
  w3cDate,
} from "../../src/post/xml.ts";
import { sitemapXml } from "../../src/post/sitemap.ts";
import { robotsTxt } from "../../src/post/robots.ts";
import { redirectPage } from "../../src/post/redirects.ts";
import { scanHtml } from "../../src/base/html_scan.ts";

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

Deno.test("escapeXml: the five specials, illegal characters removed, unicode kept", () => {
  assert.equal(
    escapeXml(`a & b < c > d "e" 'f'`),
    "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;",
  );
  assert.equal(escapeXml("x\x00\x01\x08\x0b\x0c\x1f\uFFFE\uFFFFy"), "xy");
  assert.equal(escapeXml("tab\tnl\ncr\r"), "tab\tnl\ncr\r");
  assert.equal(escapeXml("lone \uD800 surrogate"), "lone  surrogate");
  assert.equal(escapeXml("emoji 😀 ünï 漢字"), "emoji 😀 ünï 漢字");
  assert.equal(stripInvalidXmlChars("😀\uDC00"), "😀");
  assert.equal(escapeXml("&amp;"), "&amp;amp;");
});

Deno.test("encodeUrl: encodes what must be, keeps existing escapes", () => {
  assert.equal(encodeUrl("https://e.org/my notes/café/"), "https://e.org/my%20notes/caf%C3%A9/");
  assert.equal(encodeUrl("https://e.org/a%20b/?q=1&r=2#x"), "https://e.org/a%20b/?q=1&r=2#x");
  assert.equal(encodeUrl("/100%/"), "/100%25/");
  assert.equal(encodeUrl('/a"b<c>/'), "/a%22b%3Cc%3E/");
  assert.equal(encodeUrl("/😀/"), "/%F0%9F%98%80/");
});

Deno.test("dates: parsing is UTC and strict, formats are fixed", () => {
  assert.equal(parseDate("1970-01-02"), 86_400_000);
  assert.equal(parseDate("1970-01-01T01:00:00+01:00"), 0);
  assert.equal(parseDate("1970-01-01T00:00:00-0130"), 90 * 60_000);
  assert.equal(parseDate("1970-01-01T00:00:01.5Z"), 1500);
  assert.equal(parseDate("1970-01-01 10:00"), 36_000_000); // no offset: UTC, not local time
  assert.equal(parseDate("2024-02-30"), null);
  assert.equal(parseDate("2024-13-01"), null);
  assert.equal(parseDate("soon"), null);
  assert.equal(parseDate(""), null);
  assert.equal(formatRfc3339(0), "1970-01-01T00:00:00Z");
  assert.equal(formatRfc3339(1500), "1970-01-01T00:00:01.500Z");
  assert.equal(formatRfc822(parseDate("2024-01-05T10:30:09Z")!), "Fri, 05 Jan 2024 10:30:09 GMT");
  assert.equal(formatRfc822(parseDate("2024-12-31")!), "Tue, 31 Dec 2024 00:00:00 GMT");
  assert.equal(w3cDate("2024-01-05"), "2024-01-05");
  assert.equal(w3cDate("2024-01-05T12:00:00+02:00"), "2024-01-05T10:00:00Z");
  assert.equal(w3cDate("2024-01-05T12:00:00.000Z"), "2024-01-05T12:00:00Z");
  assert.equal(w3cDate("last week"), null);
});

Deno.test("sitemap: well-formed, sorted, deduplicated, dates and escaping", () => {
  const entries = [
    { url: "https://example.org/z/", lastmod: "2024-01-05" },
    { url: "https://example.org/", lastmod: null },
    { url: "https://example.org/a/?x=1&y=2", lastmod: "2024-01-05T10:00:00+02:00" },
    { url: "https://example.org/café/", lastmod: "not a date" },
    { url: "https://example.org/z/", lastmod: "2024-03-01" },
    { url: "https://example.org/z/", lastmod: null },
  ];
  const xml = sitemapXml(entries);
  assert.equal(XMLValidator.validate(xml), true);
  assert.ok(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n`));
  assert.ok(xml.endsWith("</urlset>\n"));
  const doc = parser.parse(xml);
  assert.equal(doc.urlset["@_xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
  const urls = doc.urlset.url as { loc: string; lastmod?: string }[];
  assert.deepEqual(urls.map((u) => u.loc), [
    "https://example.org/",
    "https://example.org/a/?x=1&y=2",
    "https://example.org/caf%C3%A9/",
    "https://example.org/z/",
  ]);
  assert.deepEqual(urls.map((u) => u.lastmod), [
    undefined,
    "2024-01-05T08:00:00Z",
    undefined,
    "2024-03-01",
  ]);
  assert.ok(xml.includes("?x=1&amp;y=2"));
  assert.equal(sitemapXml([...entries].reverse()), xml, "order of input does not matter");
  assert.equal(sitemapXml(entries), xml, "byte-identical");
  const empty = sitemapXml([]);
  assert.equal(XMLValidator.validate(empty), true);
  assert.ok(!empty.includes("<url>"));
});

Deno.test("robotsTxt: with and without a sitemap, no injected lines", () => {
  assert.equal(robotsTxt(null), "User-agent: *\nAllow: /\n");
  assert.equal(
    robotsTxt("https://example.org/sitemap.xml"),
    "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n",
  );
  assert.equal(
    robotsTxt("https://e.org/s.xml\nDisallow: /"),
    "User-agent: *\nAllow: /\n\nSitemap: https://e.org/s.xmlDisallow: /\n",
  );
  assert.equal(robotsTxt(""), "User-agent: *\nAllow: /\n");
});

Deno.test("redirectPage: refresh, canonical, noindex and a link, all escaped", () => {
  const html = redirectPage("/docs/new/", "https://example.org/docs/new/");
  assert.match(html, /^<!DOCTYPE html>\n/);
  assert.ok(html.includes(`<meta http-equiv="refresh" content="0; url=/docs/new/">`));
  assert.ok(html.includes(`<link rel="canonical" href="https://example.org/docs/new/">`));
  assert.ok(html.includes(`<meta name="robots" content="noindex">`));
  assert.ok(html.includes(`<a href="/docs/new/">/docs/new/</a>`));
  assert.equal(redirectPage("/docs/new/", "https://example.org/docs/new/"), html);

  const nasty = redirectPage(`/a b/"><script>x</script>'?q=1&r=2`, `https://e.org/a"b`);
  assert.ok(!nasty.includes("<script>"));
  assert.ok(
    nasty.includes(`content="0; url=/a%20b/%22%3E%3Cscript%3Ex%3C/script%3E%27?q=1&amp;r=2"`),
  );
  assert.ok(nasty.includes(`href="https://e.org/a%22b"`));
  // Every URL in the page is the target, as a browser reads it.
  const scan = scanHtml(nasty);
  assert.deepEqual(scan.links.map((l) => l.href), [
    "https://e.org/a%22b",
    "/a%20b/%22%3E%3Cscript%3Ex%3C/script%3E%27?q=1&r=2",
  ]);
});
