import assert from "node:assert/strict";
import { locateKey, parseFrontMatter } from "../src/parse/front_matter.ts";
import { createMarkdown, renderMarkdown } from "../src/parse/markdown.ts";
import { parsePage } from "../src/parse/parse_page.ts";
import { slugify } from "../src/parse/slugify.ts";
import { checkFrontMatter } from "../src/parse/known_keys.ts";
import { normalizeUrl, outputPathFor, slugProblem } from "../src/snapshot/urls.ts";

const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });

Deno.test("front matter: YAML, TOML and JSON give the same data", () => {
  const yaml = parseFrontMatter("---\ntitle: Hi\nweight: 2\ndate: 2024-01-05\n---\nBody", "a.md");
  const toml = parseFrontMatter(
    '+++\ntitle = "Hi"\nweight = 2\ndate = 2024-01-05\n+++\nBody',
    "a.md",
  );
  const json = parseFrontMatter(
    '{\n"title": "Hi", "weight": 2, "date": "2024-01-05"\n}\nBody',
    "a.md",
  );
  for (const r of [yaml, toml, json]) {
    assert.ok("data" in r);
    assert.deepEqual({ ...r.data }, { title: "Hi", weight: 2, date: "2024-01-05" });
    assert.equal(r.body.trim(), "Body");
  }
  assert.ok("data" in yaml && yaml.bodyLine === 6);
});

Deno.test("front matter: none, empty, BOM-free text, and key locations", () => {
  const none = parseFrontMatter("# Title\n", "a.md");
  assert.ok("data" in none && Object.keys(none.data).length === 0 && none.bodyLine === 1);
  const empty = parseFrontMatter("---\n---\nx", "a.md");
  assert.ok("data" in empty && Object.keys(empty.data).length === 0);
  const fm = parseFrontMatter("---\ntitle: a\n  # comment\nlayout: x\n---\n", "a.md");
  assert.ok("data" in fm);
  assert.deepEqual(locateKey(fm, "layout"), { line: 4, column: 1 });
  const open = parseFrontMatter("---\ntitle: a\n", "a.md");
  assert.ok("diagnostics" in open);
  assert.match(open.diagnostics[0].message, /never closed/);
  // A text starting with "{{" is not JSON front matter.
  const vento = parseFrontMatter("{{ if x }}\n", "a.vto");
  assert.ok("data" in vento && vento.body === "{{ if x }}\n");
});

Deno.test("front matter: the body is the file after the closing fence, byte for byte", () => {
  const cases: [string, string, string, number][] = [
    // [file, raw, body, bodyLine]
    ["---\ntitle: a\n---\nBody\n\n  indented\n", "title: a", "Body\n\n  indented\n", 4],
    ["---\ntitle: a\n---", "title: a", "", 4], // the closing fence ends the file
    ["---\r\ntitle: a\r\nx: 1\r\n--- \r\nBody\r\n", "title: a\r\nx: 1\r", "Body\r\n", 5],
    ["---\n---\n\nBody", "", "\nBody", 3],
    ['{\n"title": "a"\n}\nBody', '{\n"title": "a"\n}', "Body", 4],
    ["+++\ntitle = 'a'\n+++\n", "title = 'a'", "", 4],
  ];
  for (const [file, raw, body, bodyLine] of cases) {
    const fm = parseFrontMatter(file, "a.md");
    assert.ok("data" in fm, file);
    assert.deepEqual([fm.raw, fm.body, fm.bodyLine], [raw, body, bodyLine], file);
  }
  assert.ok("diagnostics" in parseFrontMatter("---", "a.md"), "one fence, no line break");
  assert.ok("diagnostics" in parseFrontMatter("---\ntitle: a\n----\n", "a.md"));
});

Deno.test("markdown: heading ids are stable slugs, unique per page", () => {
  const r = renderMarkdown(
    md,
    "# Hello, World!\n\n## Hello, World!\n\n## Ünïcode Straße\n\n## !!!\n",
    1,
  );
  assert.deepEqual(r.toc.map((h) => h.id), [
    "hello-world",
    "hello-world-1",
    "ünïcode-straße",
    "section",
  ]);
  assert.deepEqual(r.toc.map((h) => h.level), [1, 2, 2, 2]);
  assert.match(r.html, /<h2 id="hello-world-1">/);
});

Deno.test("markdown: excerpt is the part before <!--more-->, else the first paragraph", () => {
  assert.equal(
    renderMarkdown(md, "One.\n\nTwo.\n\n<!--more-->\n\nThree.", 1).excerpt,
    "<p>One.</p>\n<p>Two.</p>\n",
  );
  assert.equal(renderMarkdown(md, "# T\n\nFirst.\n\nSecond.", 1).excerpt, "<p>First.</p>\n");
  assert.equal(renderMarkdown(md, "# Only a heading", 1).excerpt, "");
});

Deno.test("markdown: links with their file lines, word count, template syntax untouched", () => {
  const r = renderMarkdown(md, "Intro [a](/a/).\n\n![img](/i.png)\n\n`{{ x }}` and {{ y }}", 5);
  assert.deepEqual(r.links.map((l) => [l.href, l.line]), [["/a/", 5], ["/i.png", 7]]);
  assert.match(r.html, /\{\{ y \}\}/);
  assert.equal(r.wordCount, 6);
});

Deno.test("markdown: link lines inside paragraphs and table cells", () => {
  const r = renderMarkdown(
    md,
    "one\ntwo [a](/a/)\n\n| x | y |\n|---|---|\n| 1 | [b](/b/) |\n| 2 | [c](/c/) |\n",
    5,
  );
  assert.deepEqual(r.links.map((l) => [l.href, l.line]), [["/a/", 6], ["/b/", 10], ["/c/", 11]]);
});

Deno.test("slugify", () => {
  assert.equal(slugify("Hello, World!"), "hello-world");
  assert.equal(slugify("  C++ & <b>Rust</b> "), "c-rust");
  assert.equal(slugify("日本語 タイトル"), "日本語-タイトル");
  assert.equal(slugify("---"), "");
});

Deno.test("urls: output paths and safe normalization", () => {
  assert.equal(outputPathFor("/"), "index.html");
  assert.equal(outputPathFor("/a/b/"), "a/b/index.html");
  assert.equal(outputPathFor("/feed.xml"), "feed.xml");
  assert.equal(outputPathFor("/my%20notes/"), "my notes/index.html");
  assert.deepEqual(normalizeUrl("about/team"), { url: "/about/team/" });
  assert.deepEqual(normalizeUrl("/./x//y"), { url: "/x/y/" });
  assert.deepEqual(normalizeUrl("/feeds/all.xml"), { url: "/feeds/all.xml" });
  for (
    const bad of ["../x", "/a/../../b", "//host/x", "https://e.org/", "C:\\x", "/a/%2e%2e/b", ""]
  ) {
    assert.ok("problem" in normalizeUrl(bad), bad);
  }
  assert.equal(slugProblem("fine-slug"), undefined);
  for (const bad of ["a/b", "..", "a\\b", " "]) assert.ok(slugProblem(bad), bad);
});

Deno.test("front matter: build options as booleans, Hugo's words too, anything else located", () => {
  const at = () => ({ line: 3, column: 1 });
  assert.deepEqual(
    checkFrontMatter(
      { build: { render: "never", list: "local", publishResources: false } },
      at,
      "a.md",
    ),
    { data: { build: { render: false, list: true } } },
  );
  assert.deepEqual(checkFrontMatter({ build: { render: false } }, at, "a.md"), {
    data: { build: { render: false } },
  });
  const bad = checkFrontMatter({ build: { render: "yes", lists: false } }, at, "a.md");
  assert.ok("diagnostics" in bad);
  assert.deepEqual(bad.diagnostics.map((d) => [d.line, d.message]), [
    [3, '"build.render" must be true or false, not "yes"'],
    [3, 'unknown build option "build.lists"'],
  ]);
  const notMap = checkFrontMatter({ build: "never" }, at, "a.md");
  assert.ok("diagnostics" in notMap);
  assert.match(notMap.diagnostics[0].message, /"build" must be a map/);
});

Deno.test("parse: a page handed its bytes is parsed from them, not read again", async () => {
  const md = createMarkdown({ html: true, typographer: false, linkify: false, breaks: false });
  const dir = Deno.makeTempDirSync();
  try {
    const abs = `${dir}/a.md`;
    Deno.writeTextFileSync(abs, "---\ntitle: On disk\n---\nDisk body.\n");
    const bytes = new TextEncoder().encode("---\ntitle: Handed over\n---\nHanded body.\n");
    const given = await parsePage(md, { path: "content/a.md", abs, bytes });
    assert.ok("page" in given);
    assert.equal(given.page.frontMatter.title, "Handed over");
    assert.match(new TextDecoder().decode(given.page.html as Uint8Array), /Handed body/);
    const read = await parsePage(md, { path: "content/a.md", abs });
    assert.ok("page" in read);
    assert.equal(read.page.frontMatter.title, "On disk");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
