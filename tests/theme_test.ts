/**
 * The default theme on a real documentation site: `tests/fixtures/many_sections/`
 * has 24 top-level sections (23 of docs, one blog), subsections three levels deep
 * and a page at the root. The header is capped, the section tree marks where the
 * reader is, breadcrumbs start at "Home", and every page has exactly one `<h1>`.
 * Then a section too large to list whole, and a configured main menu.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "../mod.ts";
import { loadState } from "../src/remember/store.ts";
import { readTree, tempDir, writeSite } from "./support/tree.ts";

const MANY = new URL("./fixtures/many_sections/", import.meta.url).pathname;

/** The HTML pages of an output folder, by path. */
function htmlPages(outDir: string): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map(
    [...readTree(outDir)].filter(([path]) => path.endsWith(".html")).map((
      [path, bytes],
    ) => [path, decoder.decode(bytes)]),
  );
}

/** The first element of `html` that starts with `open` (e.g. `<nav class="sidebar"`), up to its `</tag>`. */
function element(html: string, open: string, tag: string): string | null {
  const start = html.indexOf(open);
  if (start < 0) return null;
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(start, end + tag.length + 3);
}

/** The header's menu: the links shown inline and the ones under "More". */
function headerMenu(html: string): { shown: string[]; more: string[] } {
  const nav = element(html, '<nav class="main-nav"', "nav") ?? "";
  const [inline, rest = ""] = nav.split('<li class="more">');
  const texts = (s: string) => [...s.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
  return { shown: texts(inline), more: texts(rest) };
}

/** The section tree's links: [text, href, current?] in document order. */
function sidebarLinks(html: string): [string, string, boolean][] {
  const nav = element(html, '<nav class="sidebar"', "nav");
  if (nav === null) return [];
  return [
    ...nav.matchAll(/<a (?:class="[^"]*" )?href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g),
  ]
    .map((m) => [m[3], m[1], m[2] !== undefined]);
}

function breadcrumbTexts(html: string): string[] {
  const nav = element(html, '<nav class="breadcrumbs"', "nav") ?? "";
  return [...nav.matchAll(/<li(?: aria-current="page")?>(?:<a [^>]*>)?([^<]*)/g)].map((m) => m[1]);
}

Deno.test("default theme on 24 sections: capped header, section tree, Home breadcrumb, one h1", async (t) => {
  using out = tempDir();
  const result = await build({
    root: MANY,
    cacheDir: false,
    overrides: { outputDir: out.path, workers: 2 },
  });
  assert.deepEqual(result.warnings, []);
  const pages = htmlPages(out.path);
  const page = (path: string) => {
    const html = pages.get(path);
    assert.ok(html !== undefined, `no ${path}`);
    return html;
  };

  await t.step("every page: exactly one <h1>", () => {
    assert.ok(pages.size > 80, `only ${pages.size} pages`);
    for (const [path, html] of pages) {
      if (html.includes('http-equiv="refresh"')) continue; // an alias redirect
      assert.equal(html.match(/<h1[\s>]/g)?.length ?? 0, 1, `${path}: h1 count`);
    }
  });

  await t.step("header: 6 sections inline, the other 18 under More, on every page", () => {
    const all = [...pages.values()].filter((html) => html.includes('<nav class="main-nav"'));
    assert.equal(all.length, pages.size, "every page has the header menu");
    const { shown, more } = headerMenu(page("index.html"));
    assert.deepEqual(shown, [
      "Getting started",
      "Guides",
      "Tutorials",
      "Reference",
      "Concepts",
      "Configuration",
    ]);
    assert.equal(more.length, 18);
    assert.equal(more[0], "Content");
    assert.equal(more.at(-1), "Blog");
    for (const html of all) assert.equal(headerMenu(html).shown.length, 6);
    // The toggle that opens the menu on narrow screens, without a script.
    assert.match(page("index.html"), /<input type="checkbox" id="menu-toggle" class="toggle">/);
    assert.match(page("index.html"), /<label for="menu-toggle"[^>]*>.*Menu<\/label>/);
  });

  await t.step("header: the current section is marked, also under More", () => {
    const guides = element(
      page("guides/basics/images/index.html"),
      '<nav class="main-nav"',
      "nav",
    )!;
    assert.match(guides, /<a href="\/guides\/" aria-current="true">Guides<\/a>/);
    const security = element(page("security/index.html"), '<nav class="main-nav"', "nav")!;
    assert.match(security, /<summary class="current">More<\/summary>/);
    assert.match(security, /<a href="\/security\/" aria-current="page">Security<\/a>/);
    assert.doesNotMatch(page("index.html"), /<summary class="current">/);
  });

  await t.step("section tree of a nested page: its top section, its branch open", () => {
    const links = sidebarLinks(page("guides/basics/advanced/caching/index.html"));
    assert.deepEqual(links, [
      ["Guides", "/guides/", false],
      ["Overview", "/guides/overview/", false],
      ["Writing pages", "/guides/writing-pages/", false],
      ["Basics", "/guides/basics/", false],
      ["Pages and links", "/guides/basics/pages-and-links/", false],
      ["Images", "/guides/basics/images/", false],
      ["Advanced", "/guides/basics/advanced/", false],
      ["Caching builds", "/guides/basics/advanced/caching/", true],
      ["Workers and threads", "/guides/basics/advanced/workers/", false],
      // A closed branch: its link only, not its pages.
      ["Recipes", "/guides/recipes/", false],
    ]);
    const sidebar = element(
      page("guides/basics/advanced/caching/index.html"),
      '<nav class="sidebar"',
      "nav",
    )!;
    assert.match(sidebar, /<nav class="sidebar" aria-label="Section">/);
    assert.match(sidebar, /<li class="branch open"><a href="\/guides\/basics\/">/);
    assert.match(sidebar, /<li class="branch"><a href="\/guides\/recipes\/">/);
    // Collapsible on narrow screens.
    assert.match(sidebar, /<input type="checkbox" id="sidebar-toggle" class="toggle">/);
  });

  await t.step("section tree of a section page: the section marked current", () => {
    const links = sidebarLinks(page("reference/index.html"));
    assert.deepEqual(links, [
      ["Reference", "/reference/", true],
      ["Overview", "/reference/overview/", false],
      ["API", "/reference/api/", false],
      ["Command line", "/reference/cli/", false],
    ]);
    const api = sidebarLinks(page("reference/api/index.html"));
    assert.deepEqual(api.filter(([, , current]) => current), [["API", "/reference/api/", true]]);
    assert.ok(api.some(([text]) => text === "SiteSession"), "the open section lists its pages");
  });

  await t.step("every page of a docs section marks itself in the tree, and only itself", () => {
    for (const [path, html] of pages) {
      const links = sidebarLinks(html);
      if (!links.length) continue;
      const url = `/${path.replace(/index\.html$/, "")}`;
      assert.deepEqual(
        links.filter(([, , current]) => current).map(([, href]) => href),
        [url],
        path,
      );
    }
  });

  await t.step("no section tree on the home page, root pages, blog posts and taxonomies", () => {
    for (
      const path of [
        "index.html",
        "about/index.html",
        "blog/index.html",
        "blog/release-1-0/index.html",
        "tags/index.html",
        "404.html",
      ]
    ) {
      assert.equal(element(page(path), '<nav class="sidebar"', "nav"), null, path);
    }
    // …but on a two-page docs section.
    assert.ok(sidebarLinks(page("faq/general/index.html")).length > 0);
  });

  await t.step("breadcrumbs start at Home, not the home page's title", () => {
    assert.deepEqual(breadcrumbTexts(page("guides/basics/advanced/caching/index.html")), [
      "Home",
      "Guides",
      "Basics",
      "Advanced",
      "Caching builds",
    ]);
    assert.deepEqual(breadcrumbTexts(page("faq/index.html")), ["Home", "FAQ"]);
    for (const [path, html] of pages) {
      const crumbs = breadcrumbTexts(html);
      if (crumbs.length) assert.equal(crumbs[0], "Home", path);
    }
    assert.ok(!page("faq/index.html").includes(">Atlas documentation</a>"));
  });
});

Deno.test("default theme: a section too large to list whole shows a window around the page", async () => {
  using dir = tempDir();
  const files: Record<string, string> = {
    "floe.config.ts": `export default { title: "Big", baseURL: "https://big.example/" };\n`,
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/big/_index.md": "---\ntitle: Big section\n---\n",
    "content/big/sub/_index.md": "---\ntitle: A subsection\n---\n",
    "content/big/sub/leaf.md": "---\ntitle: Leaf\n---\nA page in the subsection.\n",
  };
  const N = 120;
  const num = (i: number) => String(i).padStart(3, "0");
  for (let i = 1; i <= N; i++) {
    files[`content/big/p${num(i)}.md`] = `---\ntitle: Entry ${num(i)}\nweight: ${i}\n---\nText.\n`;
  }
  writeSite(join(dir.path, "site"), files);
  const out = join(dir.path, "out");
  await build({ root: join(dir.path, "site"), cacheDir: false, overrides: { outputDir: out } });
  const read = (path: string) => readFileSync(join(out, path), "utf8");
  const entries = (html: string) =>
    sidebarLinks(html).filter(([text]) => text.startsWith("Entry ")).map(([text]) => text.slice(6));
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => num(from + k));

  // Ten before, ten after, links to the whole listing; "…" where the section goes on.
  const middle = read("big/p060/index.html");
  assert.deepEqual(entries(middle), range(50, 70));
  const sidebar = element(middle, '<nav class="sidebar"', "nav")!;
  assert.match(sidebar, /<li class="gap" aria-hidden="true">…<\/li>/);
  assert.match(sidebar, /<a href="\/big\/">All 120 pages<\/a>/);
  assert.ok(sidebarLinks(middle).some(([text]) => text === "A subsection"));
  assert.deepEqual(entries(read("big/p001/index.html")), range(1, 11));
  assert.deepEqual(entries(read("big/p120/index.html")), range(110, 120));
  const gaps = (path: string) => {
    const nav = element(read(path), '<nav class="sidebar"', "nav")!;
    const gap = '<li class="gap" aria-hidden="true">…</li>\n';
    return [nav.includes(`<ul>\n${gap}`), nav.includes(`${gap}<li class="all">`)];
  };
  assert.deepEqual(gaps("big/p060/index.html"), [true, true]);
  assert.deepEqual(gaps("big/p001/index.html"), [false, true]);
  assert.deepEqual(gaps("big/p120/index.html"), [true, false]);
  // The section's own page, and a page of its subsection: its first pages.
  assert.deepEqual(entries(read("big/index.html")), range(1, 21));
  assert.deepEqual(entries(read("big/sub/leaf/index.html")), range(1, 21));

  // What a page was made from: its window, not every page of the section (a
  // 4,000-page docs section made each page read 4,000 records).
  const cache = join(dir.path, "cache");
  await build({ root: join(dir.path, "site"), cacheDir: cache, overrides: { outputDir: out } });
  const state = loadState(cache)!;
  const pagesRead = (path: string) =>
    new Set(
      [...state.outputs.get(path)!.reads].map((id) => state.keys.key(id))
        .filter((key) => key.startsWith("p:/big/p")).map((key) => key.slice(2, key.indexOf("#"))),
    );
  assert.deepEqual(
    [...pagesRead("big/p060/index.html")].sort(),
    range(50, 70).map((n) => `/big/p${n}/`),
  );
  assert.ok(pagesRead("big/index.html").size <= 40, "the listing's own page of 20, and the window");
});

Deno.test("default theme: a large section of headless listed pages (a glossary) links to its listing", async () => {
  using dir = tempDir();
  const files: Record<string, string> = {
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/terms/_index.md": "---\ntitle: Glossary\n---\n",
  };
  for (let i = 1; i <= 60; i++) {
    files[`content/terms/t${String(i).padStart(2, "0")}.md`] =
      `---\ntitle: Term ${i}\nweight: ${i}\nbuild: { render: false, list: true }\n---\nMeaning.\n`;
  }
  writeSite(join(dir.path, "site"), files);
  const out = join(dir.path, "out");
  await build({ root: join(dir.path, "site"), cacheDir: false, overrides: { outputDir: out } });
  const sidebar = element(
    readFileSync(join(out, "terms/index.html"), "utf8"),
    '<nav class="sidebar"',
    "nav",
  )!;
  assert.match(sidebar, /<a href="\/terms\/">All 60 pages<\/a>/);
  assert.doesNotMatch(sidebar, /Term \d/, "a page without an output is not linked");
});

Deno.test("default theme: a configured main menu is capped the same way, params.navLimit moves the cap", async () => {
  using dir = tempDir();
  const items = Array.from(
    { length: 9 },
    (_, i) => `{ name: "Item ${i + 1}", url: "/s${i + 1}/" }`,
  );
  const site = (params: string) => ({
    "floe.config.ts": `export default { title: "Menus", baseURL: "https://m.example/", ${params}
  menus: { main: [${items.join(", ")}] } };\n`,
    "content/_index.md": "---\ntitle: Home\n---\n",
  });
  const menuOf = async (name: string, params: string) => {
    writeSite(join(dir.path, name), site(params));
    const out = join(dir.path, `${name}-out`);
    await build({ root: join(dir.path, name), cacheDir: false, overrides: { outputDir: out } });
    return headerMenu(readFileSync(join(out, "index.html"), "utf8"));
  };
  const capped = await menuOf("default", "");
  assert.equal(capped.shown.length, 6);
  assert.deepEqual(capped.more, ["Item 7", "Item 8", "Item 9"]);
  const three = await menuOf("three", "params: { navLimit: 3 },");
  assert.deepEqual(three.shown, ["Item 1", "Item 2", "Item 3"]);
  assert.equal(three.more.length, 6);
  // One over the cap is not worth a "More": all are shown.
  const eight = await menuOf("eight", "params: { navLimit: 8 },");
  assert.equal(eight.shown.length, 9);
  assert.deepEqual(eight.more, []);
});

Deno.test("default theme: sidebar front matter (cascaded) wins over the rules; an empty sidebar.vto drops the tree", async () => {
  using dir = tempDir();
  const files: Record<string, string> = {
    "floe.config.ts": `export default { title: "Switches", baseURL: "https://s.example/" };\n`,
    "content/_index.md": "---\ntitle: Home\n---\n",
    // Dated posts, but the section asks for the tree (a cascade is for the pages below).
    "content/notes/_index.md": "---\ntitle: Notes\nsidebar: true\ncascade:\n  sidebar: true\n---\n",
    "content/notes/a.md": "---\ntitle: Note A\ndate: 2025-01-01\n---\nA.\n",
    "content/notes/b.md": "---\ntitle: Note B\ndate: 2025-02-01\n---\nB.\n",
    // Docs, but one page opts out.
    "content/docs/_index.md": "---\ntitle: Docs\n---\n",
    "content/docs/one.md": "---\ntitle: One\nweight: 1\n---\n1.\n",
    "content/docs/two.md": "---\ntitle: Two\nweight: 2\nsidebar: false\n---\n2.\n",
  };
  const root = join(dir.path, "site");
  writeSite(root, files);
  const out = join(dir.path, "out");
  await build({ root, cacheDir: false, overrides: { outputDir: out } });
  const tree = (path: string) => sidebarLinks(readFileSync(join(out, path), "utf8"));
  assert.deepEqual(tree("notes/a/index.html").map(([text]) => text), ["Notes", "Note B", "Note A"]);
  assert.ok(tree("notes/index.html").length > 0);
  assert.ok(tree("docs/one/index.html").length > 0);
  assert.deepEqual(tree("docs/two/index.html"), []);

  writeSite(root, { "layouts/_default/sidebar.vto": "" });
  const bare = join(dir.path, "bare");
  await build({ root, cacheDir: false, overrides: { outputDir: bare } });
  for (const [path, html] of htmlPages(bare)) {
    assert.ok(!html.includes('class="sidebar"'), path);
    assert.match(html, /<div class="wrap columns">\n<main id="main">/, path);
  }
});
