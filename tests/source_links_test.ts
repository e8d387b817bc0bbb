/**
 * Links written against source files (`setup.md`, `./img.png`, `../guide/`)
 * resolved to the pages and files they name, and kept right by incremental
 * builds when what they point at moves, appears or disappears.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SiteSession } from "../mod.ts";
import { resolveSourceLinks, type SourceIndex } from "../src/build/source_links.ts";
import { readTree, tempDir, writeSite } from "./support/tree.ts";
import { cleanBuild, reportErrors, treeDiff } from "./incremental/harness.ts";

const INDEX: SourceIndex = {
  contentDir: "content",
  urlOf: (source) =>
    ({
      "content/guide/setup.md": "/guide/setup/",
      "content/guide/_index.md": "/guide/",
      "content/guide/img/a b.png": "/guide/img/a%20b.png",
      "content/team/index.md": "/team/",
      "content/Ünï.md": "/%C3%BCn%C3%AF/",
      "content/docs/README.md": "/docs/readme/",
      "content/guide/intro.md": "/guide/intro/",
    })[source],
  published: (url) =>
    ["/guide/setup/", "/guide/", "/guide/intro/", "/team/", "/elsewhere/"].includes(url),
};

Deno.test("source links: each form resolves against the Markdown file, relative to the page's URL", () => {
  const links = [
    "setup.md", // a page beside it
    "setup.md#install", // with a fragment
    "./setup.md?x=1#y", // query and fragment kept
    "../team", // a bundle, without .md
    "./", // the folder: the section page, not the page itself
    "img/a%20b.png", // a copied file, percent-encoded
    "../%C3%9Cn%C3%AF.md", // non-ASCII names
    "../docs", // a folder with a README.md
    "/guide/setup.md", // from the content folder (VitePress, Docusaurus)
    "/team", // the same, without .md
  ].map((href) => ({ href }));
  const rewrites = resolveSourceLinks("content/guide/intro.md", "/guide/intro/", links, INDEX);
  assert.deepEqual(Object.fromEntries(rewrites), {
    "setup.md": "../setup/",
    "setup.md#install": "../setup/#install",
    "./setup.md?x=1#y": "../setup/?x=1#y",
    "../team": "../../team/",
    "./": "../",
    "img/a%20b.png": "../img/a%20b.png",
    "../%C3%9Cn%C3%AF.md": "../../%C3%BCn%C3%AF/",
    "../docs": "../../docs/readme/",
    "/guide/setup.md": "../setup/",
    "/team": "../../team/",
  });
});

Deno.test("source links: links that are right already, absolute, or name nothing are left as written", () => {
  const links = [
    "../setup/", // right from the page's URL (Hugo style)
    "../../elsewhere/", // a published URL without a source
    "/guide/setup/",
    "/guide/intro/#top", // the page itself, from the root
    "/../content/guide/setup.md", // not out of the content folder
    "https://deno.com/",
    "mailto:a@b.c",
    "//cdn.example/x.js",
    "#top",
    "?q=1",
    "missing.md", // reported by the link check at its line
    "%E0%A4%A", // malformed escape
  ].map((href) => ({ href }));
  assert.equal(resolveSourceLinks("content/guide/intro.md", "/guide/intro/", links, INDEX).size, 0);
});

Deno.test("source links: a link from the root resolves once a site, relative to each page that has it", () => {
  const memo = { ...INDEX, fromRoot: new Map() };
  const links = ["/guide/setup.md#a", "/team", "/guide/setup/", "/missing.md", "setup.md"]
    .map((href) => ({ href }));
  for (
    const [file, url] of [
      ["content/guide/intro.md", "/guide/intro/"],
      ["content/team/index.md", "/team/"],
      ["content/guide/intro.md", "/guide/intro/"],
      ["content/Ünï.md", "/%C3%BCn%C3%AF/"],
    ]
  ) {
    assert.deepEqual(
      resolveSourceLinks(file, url, links, memo),
      resolveSourceLinks(file, url, links, INDEX),
      url,
    );
  }
  assert.deepEqual(
    Object.fromEntries(resolveSourceLinks("content/Ünï.md", "/%C3%BCn%C3%AF/", links, memo)),
    { "/guide/setup.md#a": "../guide/setup/#a", "/team": "../team/" },
  );
  assert.deepEqual([...memo.fromRoot.keys()], [
    "/guide/setup.md#a",
    "/team",
    "/guide/setup/",
    "/missing.md",
  ]);
});

const SITE: Record<string, string> = {
  "floe.config.ts": `export default { title: "Links" };\n`,
  "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
  "content/docs/_index.md": "---\ntitle: Docs\n---\nDocs.\n",
  "content/docs/a.md": "---\ntitle: A\n---\nSee [b](b.md) and ![p](img/p.svg).\n",
  "content/docs/b.md": "---\ntitle: B\n---\nB.\n",
  "content/docs/c.md": "---\ntitle: C\n---\nC.\n",
  "content/docs/img/p.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
};

Deno.test("source links: incremental builds follow the pages links point at", async (t) => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  writeSite(root, SITE);
  const file = (path: string) => join(root, "content", path);
  const html = (path: string) => readFileSync(join(out, path), "utf8");
  let session = new SiteSession({ root, overrides: { outputDir: out, workers: 1 } });
  const build = async (changed: string[]) => {
    const report = await session.build({ changed });
    assert.ok(report.ok, reportErrors(report));
    const clean = await cleanBuild(root, join(dir.path, "clean"));
    assert.ok(clean.ok);
    assert.equal(treeDiff(readTree(out), clean.tree), null, "incremental == clean");
    return report;
  };
  try {
    await build([]);
    assert.match(
      html("docs/a/index.html"),
      /href="\.\.\/b\/">b<\/a> and <img src="\.\.\/img\/p\.svg"/,
    );

    await t.step("the target's URL changes: the linking page follows", async () => {
      writeFileSync(file("docs/b.md"), "---\ntitle: B\nslug: bee\n---\nB.\n");
      const r = await build([file("docs/b.md")]);
      assert.ok(r.rendered.includes("docs/a/index.html"), `rendered: ${r.rendered}`);
      assert.match(html("docs/a/index.html"), /href="\.\.\/bee\/"/);
    });
    await t.step("the target's body changes: the linking page is not rendered", async () => {
      writeFileSync(file("docs/b.md"), "---\ntitle: B\nslug: bee\n---\nB, longer.\n");
      const r = await build([file("docs/b.md")]);
      assert.ok(!r.rendered.includes("docs/a/index.html"), `rendered: ${r.rendered}`);
    });
    await t.step("the target disappears: the link is left as written (and reported)", async () => {
      rmSync(file("docs/b.md"));
      const r = await build([file("docs/b.md")]);
      assert.ok(r.rendered.includes("docs/a/index.html"));
      assert.match(html("docs/a/index.html"), /href="b\.md"/);
      assert.ok(r.diagnostics.some((w) => w.code === "broken-link" && w.line === 4), "at its line");
    });
    await t.step("the target comes back", async () => {
      writeFileSync(file("docs/b.md"), SITE["content/docs/b.md"]);
      await build([file("docs/b.md")]);
      assert.match(html("docs/a/index.html"), /href="\.\.\/b\/"/);
    });
    await t.step("a new link in an edited body (a patched snapshot)", async () => {
      writeFileSync(file("docs/a.md"), `${SITE["content/docs/a.md"]}\nAnd [c](./c.md).\n`);
      const r = await build([file("docs/a.md")]);
      assert.ok(!("diff" in r.phases), "patched");
      assert.match(html("docs/a/index.html"), /href="\.\.\/c\/">c<\/a>/);
    });
    await t.step("a new session from the cache patches with links still resolved", async () => {
      await session.close();
      session = new SiteSession({ root, overrides: { outputDir: out, workers: 1 } });
      writeFileSync(file("docs/a.md"), `${SITE["content/docs/a.md"]}\nAnd [c](./c.md), again.\n`);
      const r = await build([file("docs/a.md")]);
      assert.equal(r.full, null);
      assert.match(html("docs/a/index.html"), /href="\.\.\/b\/">b<\/a>/);
    });
  } finally {
    await session.close();
  }
});
