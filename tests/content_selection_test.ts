/**
 * What of `content/` becomes the site, and what a real documentation tree needs to
 * build cleanly: `ignore` patterns and their defaults, per-page `build: { render,
 * list }`, `urls.lowercase`, a missing `layout:` falling back (a warning, an error
 * with `strict`), and an alias two pages claim (a warning naming both, at the
 * top-level `aliases` key).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, BuildError, type Diagnostic } from "../mod.ts";
import { resolveConfig } from "../src/config/load_config.ts";
import {
  contentIgnore,
  countPages,
  discover,
  ignoredInput,
  rediscover,
} from "../src/discover/discover.ts";
import { loadLayouts } from "../src/parse/layouts.ts";
import { locateKey, parseFrontMatter } from "../src/parse/front_matter.ts";
import type { ParsedPage } from "../src/parse/parse_page.ts";
import { buildSnapshot } from "../src/snapshot/build_snapshot.ts";
import { createViews } from "../src/snapshot/views.ts";
import { readTree, tempDir, writeSite } from "./support/tree.ts";

const page = (front: string, body = "Body.\n") => `---\n${front}\n---\n${body}`;

/** Builds `files` (one worker, no cache) and returns the output's file list and the result. */
async function buildSite(root: string, files: Record<string, string | Uint8Array>) {
  writeSite(root, files);
  const result = await build({ root, cacheDir: false, overrides: { workers: 1 } });
  const out = join(root, "_site");
  return { result, out, files: [...readTree(out).keys()] };
}

const text = (out: string, path: string) => readFileSync(join(out, path), "utf8");

/** The failed build's diagnostics (fails the test when the build succeeds). */
async function failure(root: string, overrides = {}): Promise<readonly Diagnostic[]> {
  try {
    await build({ root, cacheDir: false, overrides: { workers: 1, ...overrides } });
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics;
    throw e;
  }
  return assert.fail("the build succeeded");
}

const located = (d: Diagnostic) =>
  `${d.file}:${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`;

// --- ignore ----------------------------------------------------------------

Deno.test("ignore: defaults leave editor files, OS files, dotfiles and node_modules out", async () => {
  using dir = tempDir();
  const { out, files, result } = await buildSite(dir.path, {
    "content/_index.md": page("title: Home"),
    "content/guide/intro.md": page("title: Intro"),
    "content/guide/intro.md~": page("title: Backup"),
    "content/guide/intro.md.swp": "swap",
    "content/guide/intro.md.swo": "swap",
    "content/guide/#intro.md#": page("title: Emacs autosave"),
    "content/guide/.#intro.md": "emacs lock",
    "content/guide/.DS_Store": "mac",
    "content/guide/Thumbs.db": "windows",
    "content/.drafts/secret.md": page("title: Secret"),
    "content/node_modules/pkg/readme.md": page("title: A package readme"),
    "content/guide/node_modules/x.js": "module.exports = 1;",
    "content/guide/diagram.png": "png",
    "static/Thumbs.db": "windows",
    "static/notes.txt~": "backup",
    "static/robots-extra.txt": "kept",
  });
  assert.deepEqual(result.warnings, []);
  const pages = files.filter((f) => f.endsWith("index.html") && !/^(tags|page)\//.test(f));
  assert.deepEqual(pages, ["guide/index.html", "guide/intro/index.html", "index.html"]);
  for (const gone of ["Thumbs.db", "notes.txt~", "guide/Thumbs.db", "guide/node_modules/x.js"]) {
    assert.ok(!files.includes(gone), `${gone} was published`);
  }
  assert.ok(files.includes("guide/diagram.png"), "an ordinary asset is still copied");
  assert.ok(files.includes("robots-extra.txt"));
  const sitemap = text(out, "sitemap.xml");
  assert.doesNotMatch(sitemap, /secret|readme|backup|autosave/i);
  assert.doesNotMatch(text(out, "search-index.json"), /Backup|Secret|package readme|autosave/);
});

Deno.test("ignore: patterns from the config — names anywhere, anchored paths, folders", async () => {
  using dir = tempDir();
  const { out, files } = await buildSite(dir.path, {
    "floe.config.ts":
      `export default { ignore: ["*.vue", "snippets/", "/todo.md", "api/drafts/**", "components/*.ts"] };\n`,
    "content/_index.md": page("title: Home"),
    "content/guide/intro.md": page("title: Intro"),
    "content/guide/Demo.vue": "<template/>",
    "content/Root.vue": "<template/>",
    "content/snippets/hero.md": page("title: Hero snippet"),
    "content/guide/snippets/part.md": page("title: Part snippet"),
    "content/guide/snippets.md": page("title: Snippets page"),
    "content/todo.md": page("title: Todo top"),
    "content/guide/todo.md": page("title: Todo nested"),
    "content/api/drafts/a.md": page("title: Draft api"),
    "content/api/ref.md": page("title: Reference"),
    "content/components/util.ts": "export {}",
    "content/components/style.css": "a {}",
  });
  const pages = files.filter((f) => f.endsWith("index.html") && !/^(tags|page)\//.test(f));
  assert.deepEqual(pages, [
    "api/index.html",
    "api/ref/index.html",
    "guide/index.html",
    "guide/intro/index.html",
    "guide/snippets/index.html", // a file named like the folder pattern is not a folder
    "guide/todo/index.html", // "/todo.md" is anchored at the content folder
    "index.html",
  ]);
  for (const gone of ["guide/Demo.vue", "Root.vue", "components/util.ts"]) {
    assert.ok(!files.includes(gone), `${gone} was published`);
  }
  assert.ok(files.includes("components/style.css"));
  const index = text(out, "search-index.json");
  assert.doesNotMatch(index, /Hero snippet|Part snippet|Todo top|Draft api/);
  assert.match(index, /Todo nested/);
});

Deno.test("ignore: the matcher, discover, rediscover and the watcher's question agree", async () => {
  const ignored = contentIgnore(["*.vue", "snippets/", "/todo.md", "docs/**/draft-*"]);
  const cases: [string, boolean, boolean][] = [
    ["a/b.vue", false, true],
    ["b.vue", false, true],
    ["snippets", true, true],
    ["a/snippets", true, true],
    ["snippets", false, false],
    ["todo.md", false, true],
    ["a/todo.md", false, false],
    ["docs/x/draft-1.md", false, true],
    ["docs/draft-1.md", false, true],
    ["blog/draft-1.md", false, false],
    ["a/b.md", false, false],
    ["a/.hidden", true, true],
    ["a/x.md~", false, true],
    ["a/node_modules", true, true],
    ["a/node_modules", false, false],
  ];
  for (const [rel, folder, expected] of cases) {
    assert.equal(ignored(rel, folder), expected, `${rel}${folder ? "/" : ""}`);
  }

  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": `export default { ignore: ["*.vue", "snippets/"] };\n`,
    "content/_index.md": "Home",
    "content/a.md": "A",
    "content/b.vue": "<x/>",
    "content/snippets/s.md": "S",
  });
  const { config } = await resolveConfig({ root: dir.path });
  const before = discover(config);
  assert.deepEqual(before.pages.map((f) => f.rel), ["_index.md", "a.md"]);
  assert.deepEqual(before.assets, []);
  assert.equal(countPages(config, 100), 2, "the pages discover finds");
  assert.equal(countPages(config, 1), 1, "counted up to the limit");
  // New files the patterns or defaults ignore change nothing, without a walk.
  writeSite(dir.path, {
    "content/c.vue": "<x/>",
    "content/snippets/t.md": "T",
    "content/a.md~": "backup",
    "content/d.md": "D",
    "static/x.css~": "backup",
  });
  const paths = ["c.vue", "snippets/t.md", "a.md~", "d.md"].map((p) =>
    join(config.dirs.content, p)
  );
  const after = rediscover(config, before, paths);
  assert.ok(after, "rediscover placed every path");
  assert.deepEqual(after.inputs.pages.map((f) => f.rel), ["_index.md", "a.md", "d.md"]);
  assert.deepEqual([...after.touched.keys()], ["content/d.md"]);
  assert.deepEqual(after.inputs.pages, discover(config).pages.map((f) => ({ ...f })));

  const watch = ignoredInput(config);
  assert.equal(watch(join(config.dirs.content, "c.vue")), true);
  assert.equal(watch(join(config.dirs.content, "snippets/t.md")), true);
  assert.equal(watch(join(config.dirs.content, "snippets")), true);
  assert.equal(watch(join(config.dirs.content, "d.md")), false);
  assert.equal(watch(join(config.dirs.static, "x.css~")), true, "defaults apply to static/");
  assert.equal(watch(join(config.dirs.static, "x.vue")), false, "patterns are for content/");
  assert.equal(watch(join(dir.path, "floe.config.ts")), false);
  // A path that is gone may have been a file or a folder: ignored only if both are.
  assert.equal(watch(join(config.dirs.content, "gone.vue")), true);
  assert.equal(watch(join(config.dirs.content, "gone/snippets")), false);
});

// --- build: { render, list } -------------------------------------------------

function parsed(
  file: string,
  frontMatter: Record<string, unknown>,
  keyLocations: Record<string, { line: number; column: number }> = {},
): ParsedPage {
  return {
    file,
    hash: file,
    bodyHash: file,
    frontMatter,
    keyLocations,
    html: new Uint8Array(0),
    toc: [],
    excerpt: `<p>${file}</p>`,
    links: [],
    wordCount: 1,
    text: new Uint8Array(0),
    foreign: [],
  };
}

async function snapshotOf(pages: ParsedPage[], overrides = {}) {
  using dir = tempDir();
  writeSite(dir.path, { "content/_index.md": "" });
  const { config } = await resolveConfig({ root: dir.path, overrides });
  const { layouts } = await loadLayouts([]);
  const inputs = { pages: [], assets: [], layouts: [], data: [], statics: [] };
  return buildSnapshot({ config, inputs, parsed: pages, layouts, data: {}, now: Date.now() });
}

Deno.test("build: list false and render false in the snapshot: records, listings, navigation", async () => {
  const { snapshot, diagnostics, redirects } = await snapshotOf([
    parsed("content/_index.md", { title: "Home" }),
    parsed("content/docs/_index.md", { title: "Docs" }),
    parsed("content/docs/a.md", { title: "A", weight: 1, tags: ["x"], menu: "main" }),
    parsed("content/docs/hidden.md", {
      title: "Hidden",
      weight: 2,
      tags: ["x"],
      menu: "main",
      build: { list: false },
    }),
    parsed("content/docs/headless.md", {
      title: "Headless",
      weight: 3,
      tags: ["y"],
      menu: "main",
      aliases: ["/old-headless/"],
      build: { render: false, list: true },
    }),
    parsed("content/docs/snippet.md", { title: "Snippet", weight: 4, build: { render: false } }),
    parsed("content/docs/b.md", { title: "B", weight: 5 }),
    parsed("content/parts/_index.md", {
      title: "Parts",
      build: { render: false },
      cascade: { build: { render: false } },
    }),
    parsed("content/parts/hero.md", { title: "Hero" }),
    // A folder of headless pages alone (no _index.md) makes no list page.
    parsed("content/snips/x.md", { title: "X", build: { render: false } }),
    parsed("content/snips/deeper/y.md", { title: "Y", build: { render: false } }),
    parsed("content/mixed/z.md", { title: "Z", build: { render: false } }),
    parsed("content/mixed/shown.md", { title: "Shown" }),
  ]);
  assert.deepEqual(diagnostics, []);
  const record = (url: string) => snapshot.pages.get(url)!;
  // Every page keeps its record: templates can still reach a headless page.
  for (const url of ["/docs/hidden/", "/docs/headless/", "/docs/snippet/", "/parts/hero/"]) {
    assert.ok(snapshot.pages.has(url), `${url} has a record`);
  }
  const flags = (url: string) => [url, record(url).rendered, record(url).listed];
  assert.deepEqual(
    ["/docs/a/", "/docs/hidden/", "/docs/headless/", "/docs/snippet/", "/parts/", "/parts/hero/"]
      .map(flags),
    [
      ["/docs/a/", true, true],
      ["/docs/hidden/", true, false],
      ["/docs/headless/", false, false],
      ["/docs/snippet/", false, false],
      ["/parts/", false, false],
      ["/parts/hero/", false, false],
    ],
  );
  assert.deepEqual(["/snips/", "/mixed/"].map(flags), [
    ["/snips/", false, false],
    ["/mixed/", true, true],
  ]);
  const views = createViews(snapshot, { reads: null });
  assert.equal(views.page("/docs/snippet/").title, "Snippet");
  assert.equal(views.page("/docs/snippet/").excerpt, "<p>content/docs/snippet.md</p>");
  // Its section lists what asks to be listed: `list: true` on a headless page too.
  assert.deepEqual(snapshot.sections.get("docs")!.pages, [
    "/docs/a/",
    "/docs/headless/",
    "/docs/b/",
  ]);
  assert.deepEqual(snapshot.site.pages.toSorted(), ["/docs/a/", "/docs/b/", "/mixed/shown/"]);
  assert.deepEqual(
    snapshot.sections.get("")!.sections,
    ["docs", "mixed"],
    "parts/ and snips/ are out of navigation",
  );
  assert.deepEqual(snapshot.terms.get("tags/x")!.pages, ["/docs/a/"]);
  assert.equal(snapshot.terms.get("tags/y"), undefined, "a headless page makes no term");
  assert.deepEqual(snapshot.site.menus.main.map((e) => e.url), ["/docs/a/"]);
  // prev/next link rendered pages only.
  assert.equal(record("/docs/a/").next, "/docs/b/");
  assert.equal(record("/docs/b/").prev, "/docs/a/");
  assert.equal(record("/docs/headless/").prev, null);
  assert.equal(record("/docs/hidden/").prev, null);
  // Breadcrumbs skip list pages without an output.
  assert.deepEqual(record("/parts/hero/").breadcrumbs, ["/"]);
  assert.deepEqual(redirects, [], "no redirect to a page without an output");
});

Deno.test("build: render false writes no output file; list false is left out of every listing", async () => {
  using dir = tempDir();
  const { out, files, result } = await buildSite(dir.path, {
    "floe.config.ts": `export default { baseURL: "https://example.org/", menus: {} };\n`,
    "content/_index.md": page("title: Home"),
    "content/docs/_index.md": page("title: Docs"),
    "content/docs/a.md": page("title: Alpha page\ndate: 2024-01-01\ntags: [x]"),
    "content/docs/hidden.md": page(
      "title: Hidden page\ndate: 2024-03-01\ntags: [x]\nmenu: main\nbuild:\n  list: false",
    ),
    "content/docs/headless.md": page(
      "title: Headless page\ndescription: Shown inline\ndate: 2024-02-01\ntags: [x]\n" +
        "aliases: [/old-headless/]\nbuild:\n  render: false\n  list: true",
    ),
    "content/docs/b.md": page("title: Bravo page\ndate: 2023-12-01"),
    "content/snippets/hero.md": page("title: Hero snippet\nbuild: { render: false }"),
    "layouts/docs/section.vto":
      `<ul>{{ for p of page.paginator.items }}<li>{{ p.title }}: {{ p.description }}{{ if p.rendered }} <a href="{{ p.url }}">link</a>{{ /if }}</li>{{ /for }}</ul>\n`,
  });
  assert.deepEqual(result.warnings, []);
  // render: false → no output file (nor a redirect to it); list: false → still rendered.
  assert.ok(files.includes("docs/hidden/index.html"));
  assert.ok(!files.includes("docs/headless/index.html"), "docs/headless/ was written");
  assert.ok(!files.some((f) => f.startsWith("snippets/hero")), "snippets/hero/ was written");
  assert.ok(!files.includes("old-headless/index.html"));
  // The section's list layout shows the headless page's fields, not the unlisted page.
  const listing = text(out, "docs/index.html");
  assert.match(listing, /<li>Headless page: Shown inline<\/li>/);
  assert.match(listing, /<li>Alpha page: +<a href="\/docs\/a\/">link<\/a><\/li>/);
  assert.doesNotMatch(listing, /Hidden page/);
  // Neither is in the site-wide outputs.
  for (
    const path of ["sitemap.xml", "index.xml", "atom.xml", "docs/index.xml", "search-index.json"]
  ) {
    const body = text(out, path);
    assert.doesNotMatch(body, /hidden|headless|snippets/i, `${path} lists them`);
    assert.match(body, /docs\/a\//, `${path} still lists the others`);
  }
  assert.doesNotMatch(text(out, "tags/x/index.html"), /Hidden page|Headless page/);
  assert.match(text(out, "tags/x/index.html"), /Alpha page/);
  // The unlisted page is nobody's neighbour, and is in no menu.
  assert.doesNotMatch(text(out, "docs/a/index.html"), /Hidden page|Headless page/);
  assert.doesNotMatch(text(out, "index.html"), /Hidden page/);
});

Deno.test("build: a wrong value is a located front matter error", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/_index.md": page("title: Home"),
    "content/a.md": page("title: A\nbuild: yes"),
    "content/b.md": page("title: B\nbuild:\n  render: no"),
    "content/c.md": page("title: C\nbuild: { publish: false }"),
  });
  const errors = (await failure(dir.path)).map(located);
  assert.deepEqual(errors, [
    'content/a.md:3:1: error[front-matter]: "build" must be a map, not "yes"',
    'content/b.md:3:1: error[front-matter]: "build.render" must be true or false, not "no"',
    'content/c.md:3:1: error[front-matter]: unknown build option "build.publish"',
  ]);
});

// --- urls.lowercase ------------------------------------------------------------

Deno.test("urls.lowercase: URLs from file and folder names are lower case; slug and url as written", async () => {
  const site = {
    "content/_index.md": page("title: Home", "See [the format](/guide/format/)."),
    "content/Guide/_index.md": page("title: Guide"),
    "content/Guide/Format.md": page("title: Format", "![diagram](Img/Diagram.PNG)"),
    "content/Guide/Img/Diagram.PNG": "png",
    "content/Guide/Bundle/index.md": page("title: Bundle", "![photo](Photo.JPG)"),
    "content/Guide/Bundle/Photo.JPG": "jpg",
    "content/Guide/Named.md": page("title: Named\nslug: KeepMe"),
    "content/Guide/Moved.md": page("title: Moved\nurl: /Elsewhere/Page/"),
    "static/Logo.SVG": "<svg/>",
  };
  using lower = tempDir();
  const { files, result } = await buildSite(lower.path, {
    ...site,
    "floe.config.ts": "export default { urls: { lowercase: true } };\n",
  });
  assert.deepEqual(result.warnings, [], "links written in lower case find their pages");
  for (
    const path of [
      "guide/index.html",
      "guide/format/index.html",
      "guide/img/diagram.png",
      "guide/bundle/index.html",
      "guide/bundle/photo.jpg",
      "guide/KeepMe/index.html",
      "Elsewhere/Page/index.html",
      "Logo.SVG",
    ]
  ) assert.ok(files.includes(path), `${path} missing in ${files.join(", ")}`);
  assert.ok(!files.some((f) => f.startsWith("Guide/")));
  // The Markdown's links to source files follow the files.
  const format = readFileSync(join(lower.path, "_site/guide/format/index.html"), "utf8");
  assert.match(format, /src="\.\.\/img\/diagram\.png"/);

  using asIs = tempDir();
  const plain = await buildSite(asIs.path, site);
  assert.ok(plain.files.includes("Guide/Format/index.html"), "off by default");
  assert.ok(plain.files.includes("Guide/Img/Diagram.PNG"));
});

Deno.test("urls.lowercase: two names that make one URL are a located error naming both", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": "export default { urls: { lowercase: true } };\n",
    "content/_index.md": page("title: Home"),
    "content/docs/Format.md": page("title: Upper"),
    "content/docs/format.md": page("title: Lower"),
    "content/docs/Img.png": "a",
    "content/docs/img.png": "b",
  });
  const errors = await failure(dir.path);
  assert.deepEqual(errors.map(located), [
    "content/docs/format.md:1:1: error[url-collision]: content/docs/Format.md and content/docs/format.md both map to /docs/format/",
    "content/docs/img.png:undefined:undefined: error[url-collision]: content/docs/Img.png and content/docs/img.png both write docs/img.png",
  ]);
  for (const d of errors) assert.match(d.hint ?? "", /differ only in case.*urls\.lowercase/);
});

// --- layout fallback -----------------------------------------------------------

Deno.test("layout: a missing layout is a warning and the page uses its usual layout", async () => {
  const base = {
    "content/_index.md": page("title: Home"),
    "content/docs/_index.md": page("title: Docs"),
    "content/docs/a.md": page("title: A"),
    "layouts/docs/page.vto": "<main class='docs-page'>{{ page.title }}</main>\n",
  };
  using plain = tempDir();
  const expected = await buildSite(plain.path, base);
  using dir = tempDir();
  const { out, result } = await buildSite(dir.path, {
    ...base,
    "content/docs/a.md": page("title: A\nlayout: nowhere"),
    "content/docs/_index.md": page("title: Docs\nlayout: gone/list"),
  });
  assert.deepEqual(result.warnings.map(located), [
    'content/docs/_index.md:3:1: warning[layout-missing]: layout "gone/list.vto" does not exist; using _default/section.vto',
    'content/docs/a.md:3:1: warning[layout-missing]: layout "nowhere.vto" does not exist; using docs/page.vto',
  ]);
  assert.match(
    result.warnings[1].hint ?? "",
    /create layouts\/nowhere\.vto, or use one of: .*docs\/page\.vto/,
  );
  for (const path of ["docs/a/index.html", "docs/index.html"]) {
    assert.equal(text(out, path), text(expected.out, path), `${path} is made as without the key`);
  }

  const errors = await failure(dir.path, { strict: true });
  assert.deepEqual(
    errors.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`),
    ["content/docs/_index.md:3 error layout-missing", "content/docs/a.md:3 error layout-missing"],
  );
});

Deno.test("layout: a missing layout set by a cascade is one warning for its pages", async () => {
  using dir = tempDir();
  const { result, files } = await buildSite(dir.path, {
    "content/_index.md": page("title: Home"),
    "content/docs/_index.md": page("title: Docs\ncascade:\n  layout: docs-special"),
    "content/docs/a.md": page("title: A"),
    "content/docs/b.md": page("title: B"),
  });
  assert.deepEqual(result.warnings.map((d) => [d.code, d.severity, d.message]), [[
    "layout-missing",
    "warning",
    'layout "docs-special.vto" does not exist (set by a cascade; used by content/docs/a.md and 1 more, which use their usual layouts)',
  ]]);
  assert.ok(files.includes("docs/a/index.html") && files.includes("docs/b/index.html"));
});

// --- aliases -----------------------------------------------------------------

Deno.test("aliases: two pages claiming one alias — a warning at both top-level keys; the first keeps it", async () => {
  using dir = tempDir();
  const { out, result, files } = await buildSite(dir.path, {
    "content/_index.md": page("title: Home"),
    // Sorted by URL, /b/ comes first; by source path a.md does: it keeps the alias.
    "content/a.md": page("title: A\nslug: zzz\naliases: [/old/, /only-a/]"),
    "content/b.md": page(
      "title: B\nparams:\n  aliases: [/nested/]\n  note: x\naliases:\n  - /old/\n  - /old/",
    ),
  });
  assert.deepEqual(result.warnings.map(located), [
    "content/b.md:6:1: warning[alias-conflict]: alias /old/ is claimed by content/a.md:4:1 and content/b.md:6:1; content/a.md keeps it",
  ]);
  assert.match(result.warnings[0].hint ?? "", /remove \/old\/ from the aliases of one of them/);
  assert.match(text(out, "old/index.html"), /url=\/zzz\//);
  assert.ok(files.includes("only-a/index.html"));
  assert.ok(!files.includes("nested/index.html"), "params.aliases is not an alias");

  const errors = await failure(dir.path, { strict: true });
  assert.deepEqual(errors.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`), [
    "content/b.md:6 error alias-conflict",
  ]);
});

Deno.test("aliases: an alias that is another page's URL is dropped with a warning; the page stays", async () => {
  using dir = tempDir();
  const { out, result } = await buildSite(dir.path, {
    "content/_index.md": page("title: Home"),
    "content/time/_index.md": page("title: Time"),
    "content/time/as-time.md": page("title: AsTime\naliases: [/time/]"),
  });
  assert.deepEqual(result.warnings.map(located), [
    "content/time/as-time.md:3:1: warning[alias-conflict]: alias /time/ of /time/as-time/ is already taken by content/time/_index.md; content/time/_index.md keeps it",
  ]);
  assert.match(text(out, "time/index.html"), /<h1>Time<\/h1>/);
  const errors = await failure(dir.path, { strict: true });
  assert.deepEqual(errors.map((d) => `${d.severity} ${d.code}`), ["error alias-conflict"]);
});

Deno.test("front matter keys are located at the top level, not in a nested mapping", () => {
  const cases: [string, number, number][] = [
    ["---\ntitle: x\nparams:\n  aliases: [/n/]\naliases:\n  - /o/\n---\n", 5, 1],
    ["---\nparams:\n  aliases: [/n/]\n'aliases': [/o/]\n---\n", 4, 1],
    [
      "+++\ntitle = 'x'\ntext = '''\n[aliases]\n'''\nlist = [\n  [1],\n]\naliases = ['/o/']\n[params]\naliases = ['/n/']\n+++\n",
      9,
      1,
    ],
    ["+++\n[params]\naliases = ['/n/']\n[aliases]\nx = 1\n+++\n", 4, 1],
    ['{\n  "params": { "aliases": ["/n/"] },\n  "aliases": ["/o/"]\n}\n', 3, 3],
    ['{\n  "title": "a \\" aliases",\n  "aliases": ["/o/"]\n}\n', 3, 3],
  ];
  for (const [source, line, column] of cases) {
    const fm = parseFrontMatter(source, "a.md");
    assert.ok("data" in fm, source);
    assert.deepEqual(locateKey(fm, "aliases"), { line, column }, source);
  }
});

Deno.test("build: the default theme lists a headless page (render false, list true) without linking it", async () => {
  using dir = tempDir();
  const { result, out } = await buildSite(dir.path, {
    "content/docs/_index.md": page("title: Docs"),
    "content/docs/a.md": page("title: Alpha\nweight: 1"),
    "content/docs/b.md": page("title: Beta\nweight: 2"),
    "content/docs/snippet.md": page(
      "title: Snippet\nweight: 3\nbuild:\n  render: false\n  list: true",
    ),
  });
  assert.deepEqual(result.diagnostics, [], "no broken links");
  const list = text(out, "docs/index.html");
  assert.match(list, /<h3>Snippet<\/h3>/);
  assert.doesNotMatch(list, /href="[^"]*snippet/);
  assert.doesNotMatch(text(out, "docs/a/index.html"), /snippet/i, "not in the section tree");
});

Deno.test("sections: blog.md beside a blog/ folder without _index.md is the section's page", async () => {
  using dir = tempDir();
  const { out, result, files } = await buildSite(dir.path, {
    "content/_index.md": page("title: Home"),
    "content/blog.md": page("title: The Blog", "All the posts.\n"),
    "content/blog/one.md": page("title: One\ndate: 2024-01-01"),
    "content/guide.md": page("title: Guide page"), // no guide/ folder: a page
  });
  assert.ok(result.ok);
  const blog = text(out, "blog/index.html");
  assert.match(blog, /<h1>The Blog<\/h1>/);
  assert.match(blog, /All the posts\./);
  assert.match(blog, /href="\/blog\/one\/"/, "it lists the folder's pages");
  assert.ok(files.includes("guide/index.html"));
  // With an _index.md in the folder, the file beside it is a page of its own: a collision.
  using other = tempDir();
  writeSite(other.path, {
    "content/_index.md": page("title: Home"),
    "content/docs/_index.md": page("title: Docs"),
    "content/docs.md": page("title: Docs page"),
  });
  const errors = await failure(other.path);
  assert.deepEqual(errors.map((d) => d.code), ["url-collision"]);
});
