/** Site features: publishing rules, cascade, taxonomies, pagination, navigation, outputs, link checking. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { build, BuildError } from "../mod.ts";
import { paginate } from "../src/snapshot/pagination.ts";
import { termSlugs } from "../src/snapshot/taxonomies.ts";
import type { DraftPage } from "../src/snapshot/draft.ts";
import type { Page } from "../src/snapshot/types.ts";
import { tempDir, writeSite } from "./support/tree.ts";

const FEATURES = new URL("./fixtures/features/site", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

Deno.test("outputs: every feed and the sitemap are well-formed XML with the expected items", async () => {
  using out = tempDir();
  await build({ root: FEATURES, cacheDir: false, overrides: { outputDir: out.path, workers: 2 } });
  const xml = files(out.path).filter((f) => f.endsWith(".xml"));
  assert.ok(
    xml.includes("sitemap.xml") && xml.includes("index.xml") && xml.includes("blog/atom.xml"),
  );
  const parser = new XMLParser({ ignoreAttributes: false });
  for (const file of xml) {
    const text = readFileSync(join(out.path, file), "utf8");
    assert.equal(XMLValidator.validate(text), true, `${file} is not well-formed`);
  }
  const rss = parser.parse(readFileSync(join(out.path, "blog/index.xml"), "utf8"));
  const items = [rss.rss.channel.item].flat();
  assert.deepEqual(
    items.map((i: { title: string }) => i.title),
    ["Post 5", "Post 4", "Post 3"],
    "newest first, feedLimit 3",
  );
  assert.match(
    items[2].description,
    /<strong>bold<\/strong> &amp; <em>html<\/em>/,
    "full content, escaped once",
  );
  const sitemap = parser.parse(readFileSync(join(out.path, "sitemap.xml"), "utf8"));
  const urls = [sitemap.urlset.url].flat().map((u: { loc: string }) => u.loc);
  assert.ok(urls.includes("https://example.com/blog/post-1/"));
  assert.ok(
    !urls.some((u: string) => u.includes("/page/")),
    "pages 2…n of listings are not in the sitemap",
  );
  assert.deepEqual(urls, [...urls].sort());
  assert.equal(
    readFileSync(join(out.path, "robots.txt"), "utf8"),
    "User-agent: *\nDisallow: /private/\n",
    "the site's robots.txt wins",
  );
  const search = JSON.parse(readFileSync(join(out.path, "search-index.json"), "utf8"));
  assert.deepEqual(
    search.map((e: { url: string }) => e.url),
    [...search.map((e: { url: string }) => e.url)].sort(),
  );
  assert.ok(search.find((e: { title: string }) => e.title === "Setup").text.includes("done"));
  assert.match(
    readFileSync(join(out.path, "old-setup/index.html"), "utf8"),
    /url=\/docs\/guides\/setup\//,
  );
});

Deno.test("publishing: future and expired pages only with --future / --expired", async () => {
  using out = tempDir();
  const titles = async (overrides: Record<string, unknown>) => {
    await build({
      root: FEATURES,
      cacheDir: false,
      overrides: { outputDir: out.path, workers: 1, ...overrides },
    });
    return JSON.parse(readFileSync(join(out.path, "search-index.json"), "utf8")).map((
      e: { title: string },
    ) => e.title);
  };
  const normal = await titles({});
  assert.ok(!normal.includes("From the future") && !normal.includes("Expired"));
  assert.ok((await titles({ future: true })).includes("From the future"));
  assert.ok((await titles({ expired: true })).includes("Expired"));
});

Deno.test("cascade: a page's own value beats the nearest section, which beats outer ones", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/docs/_index.md": "---\ntitle: Docs\ncascade:\n  color: red\n  shape: circle\n---\n",
    "content/docs/a.md": "---\ntitle: A\n---\n",
    "content/docs/inner/_index.md": "---\ntitle: Inner\ncolor: own\ncascade:\n  color: blue\n---\n",
    "content/docs/inner/b.md": "---\ntitle: B\n---\n",
    "content/docs/inner/c.md": "---\ntitle: C\ncolor: green\n---\n",
    "layouts/_default/page.vto": "{{ page.params.color }}-{{ page.params.shape }}",
    "layouts/_default/section.vto": "{{ page.params.color }}-{{ page.params.shape }}",
  });
  await build({ root: dir.path, overrides: { workers: 1 } });
  const read = (p: string) => readFileSync(join(dir.path, "_site", p, "index.html"), "utf8");
  assert.equal(read("docs/a"), "red-circle");
  assert.equal(read("docs/inner/b"), "blue-circle", "nearest cascade wins, outer keys still apply");
  assert.equal(read("docs/inner/c"), "green-circle", "the page's own key wins");
  assert.equal(
    read("docs/inner"),
    "own-circle",
    "an _index.md gets its parents' cascade, not its own",
  );
  assert.equal(read("docs"), "-", "a cascade does not apply to its own _index.md");
});

Deno.test("cascade: a malformed cascade is an error at its key", async () => {
  using dir = tempDir();
  writeSite(dir.path, { "content/docs/_index.md": "---\ntitle: Docs\ncascade: [1, 2]\n---\n" });
  await assert.rejects(
    build({ root: dir.path }),
    (e) =>
      e instanceof BuildError && e.diagnostics[0].line === 3 &&
      /"cascade" must be a mapping/.test(e.message),
  );
});

Deno.test("taxonomies: term slugs are stable and collision-free for unicode and punctuation", () => {
  const slugs = termSlugs(["News", "news", "C++", "C#", "Ünïcode", "déjà vu", "!!!", "???"]);
  assert.deepEqual(Object.fromEntries(slugs), {
    "!!!": "term",
    "???": "term-2",
    "C#": "c",
    "C++": "c-2",
    "News": "news",
    "news": "news",
    "déjà vu": "déjà-vu",
    "Ünïcode": "ünïcode",
  });
  const reversed = termSlugs(["???", "!!!", "déjà vu", "Ünïcode", "C#", "C++", "news", "News"]);
  assert.deepEqual(
    Object.fromEntries(reversed),
    Object.fromEntries(slugs),
    "order of appearance does not matter",
  );
});

Deno.test("pagination: edges (no items, exactly one page, page size 1, off)", () => {
  const list = {
    url: "/blog/",
    outputPath: "blog/index.html",
    aliases: [],
    listed: true,
  } as unknown as DraftPage;
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/p${i}/` }) as Page);
  assert.deepEqual(paginate(list, [], 10), []);
  assert.equal(list.paginator!.total, 1);
  assert.deepEqual(list.paginator!.items, []);
  assert.deepEqual(paginate(list, items(10), 10), []);
  assert.equal(list.paginator!.next, null);
  const extra = paginate(list, items(3), 1);
  assert.deepEqual(extra.map((p) => p.url), ["/blog/page/2/", "/blog/page/3/"]);
  assert.deepEqual(extra.map((p) => p.outputPath), [
    "blog/page/2/index.html",
    "blog/page/3/index.html",
  ]);
  assert.deepEqual(list.paginator!.next, { number: 2, url: "/blog/page/2/" });
  assert.deepEqual(extra[1].paginator!.prev, { number: 2, url: "/blog/page/2/" });
  assert.equal(extra[1].paginator!.items[0].url, "/p2/");
  assert.deepEqual(extra.map((p) => p.listed), [false, false]);
  assert.deepEqual(paginate(list, items(25), 0), [], "0 turns pagination off");
  assert.equal(list.paginator!.items.length, 25);
});

Deno.test("pagination: the default pager links the first, the last and two pages around", async () => {
  using dir = tempDir();
  const posts: Record<string, string> = { "content/_index.md": "Home" };
  for (let i = 1; i <= 12; i++) {
    posts[`content/blog/p${String(i).padStart(2, "0")}.md`] = `---\nweight: ${i}\n---\nPost ${i}`;
  }
  writeSite(dir.path, { ...posts, "floe.config.ts": "export default { paginate: 1 };\n" });
  await build({ root: dir.path, cacheDir: false, overrides: { workers: 1 } });
  const pager = (path: string) =>
    [
      ...readFileSync(join(dir.path, "_site", path), "utf8")
        .split('<nav class="pagination"')[1]
        .split("</nav>")[0]
        .matchAll(/<li[^>]*>(?:<a[^>]*>|<span[^>]*>)?([^<]*)/g),
    ].map((m) => m[1]);
  assert.deepEqual(pager("blog/page/6/index.html"), [
    "Previous",
    "1",
    "…",
    "4",
    "5",
    "6",
    "7",
    "8",
    "…",
    "12",
    "Next",
  ]);
  assert.deepEqual(pager("blog/index.html"), ["1", "2", "3", "…", "12", "Next"]);
  assert.deepEqual(pager("blog/page/11/index.html"), [
    "Previous",
    "1",
    "…",
    "9",
    "10",
    "11",
    "12",
    "Next",
  ]);
});

Deno.test("navigation: menus, breadcrumbs, prev/next in section order", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts":
      'export default { menus: { main: [{ name: "Ext", url: "https://x.org/" }] } };\n',
    "content/docs/_index.md": "---\ntitle: Docs\nmenu: main\nweight: 1\n---\n",
    "content/docs/guide/_index.md": "---\ntitle: Guide\n---\n",
    "content/docs/guide/one.md": "---\ntitle: One\nweight: 1\n---\n",
    "content/docs/guide/two.md":
      "---\ntitle: Two\nweight: 2\nmenu: { main: { name: Second, weight: 2 } }\n---\n",
    "layouts/_default/page.vto":
      "{{ for m of site.menus.main }}{{ m.name }}|{{ /for }} {{ for b of page.breadcrumbs }}{{ b.title }}>{{ /for }} {{ page.prev?.title }}<{{ page.title }}>{{ page.next?.title }}",
  });
  await build({ root: dir.path, overrides: { workers: 1 } });
  const read = (p: string) => readFileSync(join(dir.path, "_site", p, "index.html"), "utf8");
  assert.equal(read("docs/guide/one"), "Docs|Second|Ext| My floe site>Docs>Guide> <One>Two");
  assert.equal(read("docs/guide/two"), "Docs|Second|Ext| My floe site>Docs>Guide> One<Two>");
});

Deno.test("link check: planted broken links and anchors are found, and nothing else", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/_index.md":
      "---\ntitle: Home\nlayout: plain\n---\n[ok](/a/) [ok anchor](/a/#real) [self](#top)\n",
    "content/a.md": [
      "---\ntitle: A\nlayout: plain\n---",
      "# Real {#x}\n\n## Real",
      "[missing page](/nope/)",
      "[missing anchor](/a/#nowhere)",
      "[relative ok](../)",
      "![missing image](/img/none.png)",
      "![image ok](/img/ok.png)",
      "[external](https://example.org/nope/) [mail](mailto:a@b.c)",
    ].join("\n\n"),
    "static/img/ok.png": "png",
    "layouts/plain.vto": '<a id="top"></a><a href="/broken-in-layout/">x</a>{{ content }}',
  });
  let result = await build({ root: dir.path, overrides: { workers: 2 } });
  const found = result.warnings.map((w) => `${w.file}:${w.line} ${w.message}`);
  // Links from the layout have no Markdown line: the hint gives the output line.
  assert.deepEqual(found, [
    'content/_index.md:undefined broken link "/broken-in-layout/" (no such page)',
    'content/a.md:undefined broken link "/broken-in-layout/" (no such page)',
    'content/a.md:10 broken link "/nope/" (no such page)',
    'content/a.md:12 broken link "/a/#nowhere" (no element with id "nowhere" on /a/)',
    'content/a.md:16 broken link "/img/none.png" (no such file)',
  ]);
  assert.match(result.warnings[0].hint ?? "", /line 1 of the output index\.html/);
  await assert.rejects(
    build({ root: dir.path, overrides: { strict: true } }),
    (e) =>
      e instanceof BuildError && e.diagnostics.filter((d) => d.severity === "error").length === 5,
  );
  result = await build({ root: dir.path });
  assert.equal(
    result.warnings.length,
    5,
    "the strict failure left nothing behind that changes the next build",
  );
});

Deno.test("outputs: feeds, sitemap, search and the link check can each be turned off", async () => {
  using out = tempDir();
  const result = await build({
    root: FEATURES,
    overrides: {
      outputDir: out.path,
      workers: 1,
      feeds: false,
      sitemap: false,
      search: false,
      checkLinks: false,
    },
  });
  const written = files(out.path);
  assert.ok(
    !written.some((f) =>
      f.endsWith(".xml") || f === "search-index.json" || f.endsWith("search.js")
    ),
  );
  assert.ok(
    !readFileSync(join(out.path, "index.html"), "utf8").includes("index.xml"),
    "no feed links in the theme",
  );
  assert.equal(result.warnings.length, 0);
});
