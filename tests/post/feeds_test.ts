import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { absoluteUrls, atomFeed, type FeedInput, rssFeed } from "../../src/post/feeds.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ["item", "entry", "category", "link"].includes(name),
});

const nasty = `Fish & "chips" <b>'n'</b> — ünïcödé 😀`;

const input: FeedInput = {
  title: `Blog & <News>`,
  description: `All the "news"`,
  language: "en",
  siteUrl: "https://example.org/",
  feedUrl: "https://example.org/index.xml",
  full: false,
  items: [
    {
      title: nasty,
      url: "https://example.org/posts/new/",
      date: "2024-03-01",
      updated: "2024-03-02T10:00:00Z",
      summary: `<p>Summary &amp; <a href="../old/">more</a> <img src="/img/a.png"></p>`,
      content: `<p>Full ${"<em>content</em>"} with <code>a &lt; b</code></p>`,
      tags: ["news", "fish & chips"],
    },
    {
      title: "Old",
      url: "https://example.org/posts/old/",
      date: "2023-12-31T23:30:00-01:00",
      updated: null,
      summary: "<p>old</p>",
      content: "<p>old content</p>",
      tags: [],
    },
    {
      title: "Undated",
      url: "https://example.org/about/",
      date: null,
      updated: null,
      summary: "",
      content: "<p>about</p>",
      tags: [],
    },
  ],
};

Deno.test("rssFeed: well-formed RSS 2.0 with escaped HTML and RFC 822 dates", () => {
  const xml = rssFeed(input);
  assert.equal(XMLValidator.validate(xml), true);
  assert.ok(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"`));
  const channel = parser.parse(xml).rss.channel;
  assert.equal(channel.title, "Blog & <News>");
  assert.equal(channel.description, `All the "news"`);
  assert.equal(channel.language, "en");
  assert.equal(channel.lastBuildDate, "Sat, 02 Mar 2024 10:00:00 GMT");
  assert.equal(channel.link[0], "https://example.org/");
  assert.equal(channel["atom:link"]["@_rel"], "self");
  assert.equal(channel["atom:link"]["@_href"], "https://example.org/index.xml");
  const items = channel.item;
  assert.equal(items.length, 3);
  assert.equal(items[0].title, nasty);
  assert.equal(items[0].guid["#text"], "https://example.org/posts/new/");
  assert.equal(items[0].guid["@_isPermaLink"], "true");
  assert.equal(items[0].pubDate, "Fri, 01 Mar 2024 00:00:00 GMT");
  assert.deepEqual(items[0].category, ["news", "fish & chips"]);
  // The summary, escaped once, with its relative URLs made absolute.
  assert.equal(
    items[0].description,
    `<p>Summary &amp; <a href="https://example.org/posts/old/">more</a> ` +
      `<img src="https://example.org/img/a.png"></p>`,
  );
  assert.equal(items[1].pubDate, "Mon, 01 Jan 2024 00:30:00 GMT");
  assert.equal(items[2].pubDate, undefined);
  assert.equal(items[2].category, undefined);
  assert.equal(rssFeed(input), xml, "byte-identical");
});

Deno.test("rssFeed: full content, no items, no language", () => {
  const full = parser.parse(rssFeed({ ...input, full: true })).rss.channel;
  assert.equal(full.item[0].description, "<p>Full <em>content</em> with <code>a &lt; b</code></p>");
  const empty = rssFeed({ ...input, items: [], language: "" });
  assert.equal(XMLValidator.validate(empty), true);
  assert.ok(!empty.includes("<item>"));
  assert.ok(!empty.includes("lastBuildDate"), "no wall clock when there is no item date");
  assert.ok(!empty.includes("<language>"));
});

Deno.test("atomFeed: well-formed Atom 1.0 with RFC 3339 dates", () => {
  const xml = atomFeed({ ...input, full: true });
  assert.equal(XMLValidator.validate(xml), true);
  const feed = parser.parse(xml).feed;
  assert.equal(feed["@_xmlns"], "http://www.w3.org/2005/Atom");
  assert.equal(feed["@_xml:lang"], "en");
  assert.equal(feed.title, "Blog & <News>");
  assert.equal(feed.subtitle, `All the "news"`);
  assert.equal(feed.id, "https://example.org/");
  assert.equal(feed.updated, "2024-03-02T10:00:00Z");
  assert.equal(feed.author.name, "Blog & <News>");
  const self = feed.link.find((l: Record<string, string>) => l["@_rel"] === "self");
  assert.equal(self["@_href"], "https://example.org/index.xml");
  assert.equal(self["@_type"], "application/atom+xml");
  const entries = feed.entry;
  assert.equal(entries.length, 3);
  assert.equal(entries[0].title, nasty);
  assert.equal(entries[0].id, "https://example.org/posts/new/");
  assert.equal(entries[0].link[0]["@_href"], "https://example.org/posts/new/");
  assert.equal(entries[0].published, "2024-03-01T00:00:00Z");
  assert.equal(entries[0].updated, "2024-03-02T10:00:00Z");
  assert.deepEqual(entries[0].category.map((c: Record<string, string>) => c["@_term"]), [
    "news",
    "fish & chips",
  ]);
  assert.equal(entries[0].summary["@_type"], "html");
  assert.ok(entries[0].summary["#text"].includes(`href="https://example.org/posts/old/"`));
  assert.equal(entries[0].content["@_type"], "html");
  assert.equal(
    entries[0].content["#text"],
    "<p>Full <em>content</em> with <code>a &lt; b</code></p>",
  );
  assert.equal(entries[1].published, "2024-01-01T00:30:00Z");
  assert.equal(entries[1].updated, "2024-01-01T00:30:00Z", "updated falls back to the date");
  assert.equal(entries[2].published, undefined);
  assert.equal(entries[2].updated, "2024-03-02T10:00:00Z", "undated: the feed's updated");
  assert.equal(atomFeed({ ...input, full: true }), xml, "byte-identical");
});

Deno.test("atomFeed: summary only, no items, explicit author", () => {
  const summaryOnly = parser.parse(atomFeed(input)).feed;
  assert.equal(summaryOnly.entry[0].content, undefined);
  const empty = atomFeed({
    ...input,
    items: [],
    author: "Ada & co",
    language: "",
    description: "",
  });
  assert.equal(XMLValidator.validate(empty), true);
  const feed = parser.parse(empty).feed;
  assert.equal(feed.updated, "1970-01-01T00:00:00Z");
  assert.equal(feed.author.name, "Ada & co");
  assert.equal(feed.subtitle, undefined);
  assert.equal(feed["@_xml:lang"], undefined);
  assert.equal(feed.entry, undefined);
});

Deno.test("feeds: control characters and odd URLs do not break the XML", () => {
  const odd: FeedInput = {
    ...input,
    title: "bell\x07 and vt\x0b",
    items: [{
      ...input.items[0],
      title: "null\x00byte",
      url: "https://example.org/my notes/",
      tags: ["a\x1fb"],
      summary: "<p>\x0c</p>",
    }],
  };
  for (const xml of [rssFeed(odd), atomFeed(odd)]) {
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(xml.includes("https://example.org/my%20notes/"));
    assert.ok(xml.includes("nullbyte"));
  }
});

Deno.test("absoluteUrls: relative and root-relative become absolute, the rest stays", () => {
  const base = "https://example.org/blog/post/";
  assert.equal(
    absoluteUrls(
      `<a href="../x/">x</a><img src='a.png' alt="a"><a href="/r/?a=1&amp;b=2">r</a>`,
      base,
    ),
    `<a href="https://example.org/blog/x/">x</a><img src="https://example.org/blog/post/a.png" alt="a">` +
      `<a href="https://example.org/r/?a=1&amp;b=2">r</a>`,
  );
  const kept = `<a href="#fn1">1</a><a href="mailto:a@b.c">m</a><a href="https://o.org/">o</a>` +
    `<a href="//cdn.org/x.js">c</a><!-- <a href="rel/"> --><pre><code>&lt;a href="x"&gt;</code></pre>`;
  assert.equal(absoluteUrls(kept, base), kept);
  assert.equal(absoluteUrls("<p>no links</p>", base), "<p>no links</p>");
});
