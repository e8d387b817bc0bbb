/** The built-in template filters: URLs, markdown, slugify and page queries. */
import assert from "node:assert/strict";
import vento from "ventojs";
import { deepFreeze } from "../mod.ts";
import { builtinFilters } from "../src/render/filters.ts";
import { lookup } from "../src/render/query_filters.ts";

/** A fresh set of filters, as each worker and build gets. */
const filters = () => builtinFilters({ baseURL: "https://example.org/docs/", language: "en" });

/** Pages shaped like the snapshot's, deep-frozen like the snapshot. */
const pages = deepFreeze([
  {
    url: "/blog/b/",
    title: "beta",
    date: "2024-03-01",
    weight: 2,
    kind: "page",
    wordCount: 440,
    section: { path: "blog" },
    params: { tags: ["news", "deno"], author: "ann" },
  },
  {
    url: "/docs/a/",
    title: "Alpha",
    date: null,
    weight: 1,
    kind: "page",
    wordCount: 0,
    section: { path: "docs" },
    params: { author: "bob" },
  },
  {
    url: "/blog/c/",
    title: "Gamma 10",
    date: "2024-01-15",
    weight: 2,
    kind: "page",
    wordCount: 221,
    section: { path: "blog" },
    params: { tags: ["news"], author: "ann", featured: true },
  },
  {
    url: "/blog/",
    title: "Gamma 9",
    date: "2024-01-15T10:00:00.000Z",
    weight: 0,
    kind: "section",
    wordCount: 12,
    section: { path: "blog" },
    params: { tags: "news" },
  },
]);
const titles = (list: unknown) => (list as { title: string }[]).map((p) => p.title);

Deno.test("filters: url stays root-relative with the base path; relURL is relative", () => {
  const f = filters();
  assert.equal(f.url("/a/"), "/docs/a/");
  assert.equal(f.url("a/"), "/docs/a/");
  assert.equal(f.url("https://x.org/"), "https://x.org/");
  const cases: [string, string, string][] = [
    ["/a/c/", "/a/b/", "../c/"],
    ["/a/b/", "/a/b/", "./"],
    ["/a/b/x.png", "/a/b/", "x.png"],
    ["/", "/a/b/", "../../"],
    ["/a/", "/a/b/", "../"],
    ["/a/b/c/", "/a/b/", "c/"],
    ["/a", "/a/b/", "../../a"],
    ["/feed.xml", "/", "feed.xml"],
    ["/", "/", "./"],
    ["/a/c/", "/a/b/page.html", "../c/"],
    ["/a/b/c/", "/a/b/page.html", "c/"],
    ["/a/c/?q=1#top", "/a/b/?x", "../c/?q=1#top"],
    ["/a/b/#top", "/a/b/", "./#top"],
    ["/x/c:d", "/x/", "./c:d"],
    ["/日本/", "/en/", "../日本/"],
    ["#top", "/a/", "#top"],
    ["mailto:a@b.org", "/a/", "mailto:a@b.org"],
    ["//cdn.org/x.js", "/a/", "//cdn.org/x.js"],
  ];
  for (const [target, from, want] of cases) {
    assert.equal(f.relURL(target, from), want, `${target} from ${from}`);
  }
  assert.equal(f.relURL("/a/"), "a/"); // from the home page by default
  assert.equal(f.relURL(null, "/a/"), "../"); // nothing → the home page
});

Deno.test("filters: slugify is floe's slug", () => {
  const f = filters();
  assert.equal(f.slugify("Hello, World!"), "hello-world");
  assert.equal(f.slugify("Ünïcode Straße"), "ünïcode-straße");
  assert.equal(f.slugify(null), "");
  assert.equal(f.slugify(42), "42");
});

Deno.test("filters: markdown renders block or inline, lazily, with highlighting", async () => {
  const f = filters();
  assert.equal(await f.markdown("*hi* there"), "<p><em>hi</em> there</p>\n");
  assert.equal(await f.markdown("*hi* there", true), "<em>hi</em> there");
  assert.equal(await f.markdown(""), "");
  assert.equal(await f.markdown(null), "");
  assert.match(await f.markdown("```js\nlet x;\n```") as string, /hljs-keyword/);
  // Each set of filters has its own markdown-it: no module-level instance.
  const other = builtinFilters({
    baseURL: "/",
    language: "en",
    markdown: { html: false, typographer: false, linkify: false, breaks: false },
  });
  assert.equal(await other.markdown("<b>x</b>", true), "&lt;b&gt;x&lt;/b&gt;");
  assert.equal(await f.markdown("<b>x</b>", true), "<b>x</b>");
});

Deno.test("filters: markdown output is not escaped again in an autoescaping Vento", async () => {
  const f = filters();
  const env = vento({ autoescape: true });
  for (const [name, fn] of Object.entries(f)) env.filters[name] = fn;
  const result = await env.runString(
    '{{ text |> markdown }}|{{ text |> markdown(true) }}|{{ "<i>" }}',
    { text: "A *b*" },
  );
  assert.equal(result.content, "<p>A <em>b</em></p>\n|A <em>b</em>|&lt;i&gt;");
});

Deno.test("filters: where matches dotted keys, array membership and truthiness", () => {
  const f = filters();
  assert.deepEqual(titles(f.where(pages, "section.path", "docs")), ["Alpha"]);
  assert.deepEqual(titles(f.where(pages, "params.author", "ann")), ["beta", "Gamma 10"]);
  assert.deepEqual(titles(f.where(pages, "params.tags", "news")), ["beta", "Gamma 10", "Gamma 9"]);
  assert.deepEqual(titles(f.where(pages, "params.tags", "deno")), ["beta"]);
  assert.deepEqual(titles(f.where(pages, "weight", 2)), ["beta", "Gamma 10"]);
  assert.deepEqual(titles(f.where(pages, "weight", "2")), []); // strict equality
  assert.deepEqual(titles(f.where(pages, "date", null)), ["Alpha"]);
  assert.deepEqual(titles(f.where(pages, "params.featured")), ["Gamma 10"]);
  assert.deepEqual(titles(f.where(pages, "params.missing.deeper", "x")), []);
  assert.deepEqual(f.where(null, "title", "x"), []);
  assert.deepEqual(f.where([], "title", "x"), []);
  assert.throws(() => f.where(pages, "", "x"), /key must be a non-empty string/);
  assert.throws(() => f.where(pages, undefined), /key must be a non-empty string/);
});

Deno.test("filters: sortBy is stable, nulls last either way, numbers and strings", () => {
  const f = filters();
  assert.deepEqual(titles(f.sortBy(pages, "title")), ["Alpha", "beta", "Gamma 9", "Gamma 10"]);
  assert.deepEqual(titles(f.sortBy(pages, "title", "desc")), [
    "Gamma 10",
    "Gamma 9",
    "beta",
    "Alpha",
  ]);
  // Equal weights keep their order in both directions.
  assert.deepEqual(titles(f.sortBy(pages, "weight")), ["Gamma 9", "Alpha", "beta", "Gamma 10"]);
  assert.deepEqual(titles(f.sortBy(pages, "weight", "DESC")), [
    "beta",
    "Gamma 10",
    "Alpha",
    "Gamma 9",
  ]);
  // Missing dates last in both orders; equal dates stable; date before date-time.
  assert.deepEqual(titles(f.sortBy(pages, "date")), ["Gamma 10", "Gamma 9", "beta", "Alpha"]);
  assert.deepEqual(titles(f.sortBy(pages, "date", "desc")), [
    "beta",
    "Gamma 9",
    "Gamma 10",
    "Alpha",
  ]);
  assert.deepEqual(titles(f.sortBy(pages, "params.author")), [
    "beta",
    "Gamma 10",
    "Alpha",
    "Gamma 9",
  ]);
  assert.deepEqual(f.sortBy(undefined, "title"), []);
  assert.throws(() => f.sortBy(pages, "title", "down"), /order must be "asc" or "desc"/);
});

Deno.test("filters: limit and reverse return new lists", () => {
  const f = filters();
  assert.deepEqual(titles(f.limit(pages, 2)), ["beta", "Alpha"]);
  assert.deepEqual(titles(f.limit(pages, 2.9)), ["beta", "Alpha"]);
  assert.equal((f.limit(pages, 10) as unknown[]).length, 4);
  assert.notEqual(f.limit(pages, 10), pages);
  assert.deepEqual(f.limit(pages, 0), []);
  assert.deepEqual(f.limit(pages, -1), []);
  assert.deepEqual(f.limit(pages, "x"), []);
  assert.deepEqual(f.limit(null, 3), []);
  assert.deepEqual(titles(f.reverse(pages)), ["Gamma 9", "Gamma 10", "Alpha", "beta"]);
  assert.equal(f.reverse("abc😀"), "😀cba");
  assert.deepEqual(f.reverse(undefined), []);
});

Deno.test("filters: reverse shadows Array.prototype.reverse in templates (frozen lists)", async () => {
  const f = filters();
  const env = vento({ autoescape: true });
  for (const [name, fn] of Object.entries(f)) env.filters[name] = fn;
  const result = await env.runString(
    "{{ for p of pages |> where('params.tags', 'news') |> sortBy('title') |> reverse |> limit(2) }}" +
      "{{ p.title }};{{ /for }}",
    { pages },
  );
  assert.equal(result.content, "Gamma 10;Gamma 9;");
});

Deno.test("filters: readingTime and wordCount", () => {
  const f = filters();
  assert.equal(f.wordCount(pages[0]), 440);
  assert.equal(f.wordCount({}), 0);
  assert.equal(f.wordCount(null), 0);
  assert.equal(f.wordCount(17), 17);
  assert.equal(f.readingTime(pages[0]), 2); // 440 / 220
  assert.equal(f.readingTime(pages[2]), 2); // 221 words: a started minute counts
  assert.equal(f.readingTime(pages[1]), 1); // at least one minute
  assert.equal(f.readingTime(1000), 5);
  assert.equal(f.readingTime(1000, 100), 10);
  assert.equal(f.readingTime(1000, 0), 5); // a nonsensical rate falls back to 220
  assert.equal(f.readingTime(1000, "fast"), 5);
  assert.equal(f.readingTime(Infinity), 1);
  assert.equal(f.readingTime(undefined), 1);
});

Deno.test("filters: frozen inputs are never mutated, results are fresh arrays", () => {
  const f = filters();
  const before = JSON.stringify(pages);
  const results = [
    f.where(pages, "params.tags", "news"),
    f.sortBy(pages, "title", "desc"),
    f.sortBy(pages, "date"),
    f.limit(pages, 3),
    f.reverse(pages),
  ];
  for (const result of results) {
    assert.ok(Array.isArray(result));
    assert.notEqual(result, pages);
    assert.ok(!Object.isFrozen(result));
  }
  assert.equal(JSON.stringify(pages), before);
  assert.ok(Object.isFrozen(pages) && Object.isFrozen(pages[0].params.tags));
});

Deno.test("filters: lookup reads dotted paths safely", () => {
  assert.equal(lookup(pages[0], ["section", "path"]), "blog");
  assert.equal(lookup(pages[0], ["params", "tags", "length"]), 2);
  assert.equal(lookup(null, ["a"]), undefined);
  assert.equal(lookup({ a: null }, ["a", "b"]), undefined);
});

Deno.test("filters: the same input gives the same output (deterministic)", async () => {
  const f = filters();
  const g = builtinFilters({ baseURL: "https://example.org/docs/", language: "en" });
  assert.deepEqual(g.sortBy(pages, "title"), f.sortBy(pages, "title"));
  assert.equal(
    await g.markdown("## H\n\n```ts\nx\n```"),
    await f.markdown("## H\n\n```ts\nx\n```"),
  );
});

Deno.test("filters: long dates in English read as Intl writes them, without its formats", () => {
  for (const language of ["en", "en-US"]) {
    const intl = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
    const f = builtinFilters({ baseURL: "/", language });
    // Every 97th day over the years floe writes by hand, and years Intl writes on its own.
    for (let t = Date.UTC(990, 0, 1); t < Date.UTC(9999, 11, 31); t += 86_400_000 * 97) {
      const day = new Date(t).toISOString().slice(0, 10);
      assert.equal(f.date(day), intl.format(new Date(t)), day);
    }
    assert.equal(f.date("9999-12-31"), "December 31, 9999");
    assert.equal(f.date("0099-05-06"), intl.format(new Date("0099-05-06")));
  }
  // Another English is left to Intl.
  assert.equal(
    builtinFilters({ baseURL: "/", language: "en-GB" }).date("2024-01-05"),
    "5 January 2024",
  );
});
