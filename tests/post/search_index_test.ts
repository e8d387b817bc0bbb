import assert from "node:assert/strict";
import { htmlToText } from "../../src/base/html_scan.ts";
import {
  type SearchEntry,
  searchIndexJson,
  searchIndexPieces,
} from "../../src/post/search_index.ts";

Deno.test("searchIndexJson: JSON sorted by URL, keys in a fixed order, byte-stable", async () => {
  const entries: SearchEntry[] = [
    { text: "b body", summary: "b", tags: ["x"], section: "docs", url: "/docs/b/", title: "B" },
    { title: "A", url: "/a/", section: "", tags: [], summary: "a", text: "a body" },
    {
      title: `Quotes "and" \\ and 😀`,
      url: "/docs/a/",
      section: "docs",
      tags: ["t1", "t2"],
      summary: "",
      text: "</script>",
    },
  ];
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const json = text(await searchIndexJson(entries));
  assert.equal(json, JSON.stringify(JSON.parse(json)));
  const parsed = JSON.parse(json);
  assert.deepEqual(parsed.map((e: SearchEntry) => e.url), ["/a/", "/docs/a/", "/docs/b/"]);
  for (const e of parsed) {
    assert.deepEqual(Object.keys(e), ["title", "url", "section", "tags", "summary", "text"]);
  }
  assert.equal(parsed[1].title, `Quotes "and" \\ and 😀`);
  assert.deepEqual(parsed[1].tags, ["t1", "t2"]);
  assert.equal(text(await searchIndexJson([...entries].reverse())), json);
  assert.equal(text(await searchIndexJson([])), "[]");
  assert.ok(
    json.startsWith(
      `[{"title":"A","url":"/a/","section":"","tags":[],"summary":"a","text":"a body"}`,
    ),
  );
});

Deno.test("htmlToText: tags removed, blocks separated, entities decoded, whitespace collapsed", () => {
  assert.equal(htmlToText("<p>Fish &amp; <b>chi</b>ps</p><p>Next</p>"), "Fish & chips Next");
  assert.equal(
    htmlToText('<h2 id="x">Title</h2>\n\n<ul><li>one</li><li>two</li></ul>'),
    "Title one two",
  );
  assert.equal(
    htmlToText("<pre><code>&lt;b&gt;bold&lt;/b&gt; &amp;amp;</code></pre>"),
    "<b>bold</b> &amp;",
  );
  assert.equal(htmlToText("a&nbsp;b &#169; &#x263A; &quot;q&quot; &#39;s&#39;"), `a b © ☺ "q" 's'`);
  assert.equal(htmlToText("line<br>break<br/>here"), "line break here");
  assert.equal(
    htmlToText(
      `<p>x</p><script>var a = "<p>no</p>";</script><style>p{}</style><!-- hidden --><p>y</p>`,
    ),
    "x y",
  );
  assert.equal(htmlToText(`<a href="/x/" title="a > b">link</a> text`), "link text");
  assert.equal(htmlToText("   \n\t "), "");
  assert.equal(htmlToText("plain 1 < 2 and 3 > 2"), "plain 1 < 2 and 3 > 2");
});

Deno.test("searchIndexJson: the UTF-8 of JSON.stringify, when text is wider than its room", async () => {
  const entries: SearchEntry[] = ["é", "😀", "—", "a"].map((c, i) => ({
    title: c,
    url: `/${i}/`,
    section: "",
    tags: [c],
    summary: c.repeat(3),
    text: c.repeat(5000 * (i + 1)),
  }));
  const expected = new TextEncoder().encode(JSON.stringify(entries));
  assert.deepEqual(await searchIndexJson(entries), expected);
});

Deno.test("searchIndexJson: pauses every few hundred entries, and the bytes are the same", async () => {
  const entries = Array.from({ length: 1000 }, (_, i) => ({
    title: `P${i}`,
    url: `/p/${String(i).padStart(4, "0")}/`,
    section: "",
    tags: [],
    summary: "",
    text: "é ".repeat(i % 7),
  }));
  let pauses = 0;
  const paused = await searchIndexJson(entries, async () => {
    pauses++;
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  assert.deepEqual(paused, await searchIndexJson(entries));
  // Every 256 entries: 0, 256, 512 and 768.
  assert.equal(pauses, 4);
});

Deno.test("searchIndexPieces: pieces of about 1 MiB, whole records, texts read one piece at a time", async () => {
  const reads: number[] = [];
  const entries: SearchEntry[] = Array.from({ length: 3000 }, (_, i) => ({
    title: `P${i}`,
    url: `/p/${String(i).padStart(4, "0")}/`,
    section: "",
    tags: [],
    summary: "",
    text: () => (reads.push(i), `${i} ${"é".repeat(500)}`),
  }));
  const pieces: Uint8Array[] = [];
  const readBefore: number[] = [];
  for await (const piece of searchIndexPieces(entries)) {
    pieces.push(piece);
    readBefore.push(reads.length);
  }
  // 3,000 records of ~1 KB: three or four pieces, each whole records ending at a comma.
  assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
  for (const piece of pieces.slice(0, -1)) {
    assert.ok(piece.length >= 2 ** 20 && piece.length < 2 ** 20 + 2048, `${piece.length} bytes`);
    assert.equal(piece.at(-1), "}".charCodeAt(0));
  }
  // A piece is handed out before the next one's texts are read.
  assert.ok(readBefore[0] < 3000 && readBefore.every((n, i) => i === 0 || n > readBefore[i - 1]));
  const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) joined.set(piece, (at += piece.length) - piece.length);
  const expected = JSON.stringify(
    entries.map((e) => ({ ...e, text: `${e.title.slice(1)} ${"é".repeat(500)}` })),
  );
  assert.equal(new TextDecoder().decode(joined), expected);
  assert.deepEqual(await searchIndexJson(entries), joined);
});
