/**
 * Exact render counts for the default theme's section tree (like
 * render_counts_test.ts): a title edit re-renders exactly the pages whose sidebar,
 * listing, breadcrumbs or prev/next show that title — no page of another section,
 * no page whose tree shows the edited page's branch closed, no blog post.
 *
 * The site: `docs/` (three pages; `guide/` with two pages and `guide/deep/` with
 * one; `other/` with one), `api/` (two pages), `blog/` (two dated posts: no
 * sidebar), and `big/`, 60 pages: more than the tree lists whole, so each of its
 * pages shows the ten before and after it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BuildReport, SiteSession } from "../../mod.ts";
import { readTree, tempDir, writeSite } from "../support/tree.ts";
import { cleanBuild, reportErrors, treeDiff } from "./harness.ts";

const md = (title: string, extra = "") => `---\ntitle: ${title}\n${extra}---\nSome text.\n`;
const num = (i: number) => String(i).padStart(2, "0");
const BIG = 60;

const SITE: Record<string, string> = {
  "floe.config.ts": `export default { title: "Tree", baseURL: "https://tree.example/" };\n`,
  "content/_index.md": md("Tree home"),
  "content/docs/_index.md": md("Docs", "weight: 1\n"),
  "content/docs/alpha.md": md("Alpha Docs Page", "weight: 1\n"),
  "content/docs/bravo.md": md("Bravo Docs Page", "weight: 2\n"),
  "content/docs/charlie.md": md("Charlie Docs Page", "weight: 3\n"),
  "content/docs/guide/_index.md": md("Guide Branch", "weight: 4\n"),
  "content/docs/guide/xray.md": md("Xray Guide Page", "weight: 1\n"),
  "content/docs/guide/yankee.md": md("Yankee Guide Page", "weight: 2\n"),
  "content/docs/guide/deep/_index.md": md("Deep Branch", "weight: 3\n"),
  "content/docs/guide/deep/zulu.md": md("Zulu Deep Page", "weight: 1\n"),
  "content/docs/other/_index.md": md("Other Branch", "weight: 5\n"),
  "content/docs/other/oscar.md": md("Oscar Other Page", "weight: 1\n"),
  "content/api/_index.md": md("API", "weight: 2\n"),
  "content/api/mike.md": md("Mike API Page", "weight: 1\n"),
  "content/api/november.md": md("November API Page", "weight: 2\n"),
  "content/blog/_index.md": md("Blog", "weight: 3\n"),
  "content/blog/first.md": md("First Blog Post", "date: 2025-01-01\n"),
  "content/blog/second.md": md("Second Blog Post", "date: 2025-02-01\n"),
  "content/big/_index.md": md("Big", "weight: 4\n"),
  ...Object.fromEntries(
    Array.from({ length: BIG }, (_, k) => k + 1).map((
      i,
    ) => [`content/big/e${num(i)}.md`, md(`Entry ${num(i)} of Big`, `weight: ${i}\n`)]),
  ),
};

const html = (url: string) => `${url.replace(/^\//, "")}index.html`;
const sorted = (list: Iterable<string>) => [...list].sort();
const DOCS_TREE = sorted([
  "/docs/",
  "/docs/alpha/",
  "/docs/bravo/",
  "/docs/charlie/",
  "/docs/guide/",
  "/docs/guide/xray/",
  "/docs/guide/yankee/",
  "/docs/guide/deep/",
  "/docs/guide/deep/zulu/",
  "/docs/other/",
  "/docs/other/oscar/",
].map(html));

/** Output pages whose text contains `needle`. */
function pagesShowing(outDir: string, needle: string): string[] {
  const decoder = new TextDecoder();
  return sorted(
    [...readTree(outDir)]
      .filter(([path, bytes]) => path.endsWith(".html") && decoder.decode(bytes).includes(needle))
      .map(([path]) => path),
  );
}

Deno.test("render counts: a title edit re-renders exactly the pages whose section tree shows it", async (t) => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  writeSite(root, SITE);
  const session = new SiteSession({ root, overrides: { outputDir: out, workers: 1 } });
  const rebuild = async (changed: string[]): Promise<BuildReport> => {
    const report = await session.build({ changed });
    assert.ok(report.ok, `the build failed:\n${reportErrors(report)}`);
    return report;
  };
  /** Retitles a page; the pages showing the old title must be `expected`, and exactly they are rendered. */
  const retitle = async (file: string, from: string, to: string, expected: string[]) => {
    assert.deepEqual(pagesShowing(out, from), sorted(expected), `pages showing "${from}"`);
    const path = join(root, file);
    writeFileSync(path, SITE[file].replace(`title: ${from}`, `title: ${to}`));
    const report = await rebuild([path]);
    assert.equal(report.full, null, `a full build: ${report.full}`);
    assert.deepEqual(report.rendered, sorted(expected));
    assert.deepEqual(pagesShowing(out, from), [], `"${from}" is gone everywhere`);
  };

  try {
    await t.step("first build", async () => {
      const report = await rebuild([]);
      assert.notEqual(report.full, null);
    });

    await t.step(
      "a page in a subsection: its branch's pages, the branches below it; not the rest of docs/",
      () =>
        retitle("content/docs/guide/xray.md", "Xray Guide Page", "Xray Renamed", [
          // The page itself, its next neighbour, its section's listing and tree…
          html("/docs/guide/xray/"),
          html("/docs/guide/yankee/"),
          html("/docs/guide/"),
          // …and the pages below it, whose tree has guide/ open.
          html("/docs/guide/deep/"),
          html("/docs/guide/deep/zulu/"),
        ]),
    );

    await t.step(
      "a page at the top of docs/: every page of the docs tree",
      () => retitle("content/docs/alpha.md", "Alpha Docs Page", "Alpha Renamed", DOCS_TREE),
    );

    await t.step(
      "a subsection's title: every page of the docs tree (its branch link)",
      () => retitle("content/docs/guide/_index.md", "Guide Branch", "Guide Renamed", DOCS_TREE),
    );

    await t.step(
      "a page of api/: the three pages of api/, nothing of docs/",
      () =>
        retitle("content/api/mike.md", "Mike API Page", "Mike Renamed", [
          html("/api/"),
          html("/api/mike/"),
          html("/api/november/"),
        ]),
    );

    await t.step(
      "a blog post: itself, its neighbour and the listing (posts have no tree)",
      () =>
        retitle("content/blog/first.md", "First Blog Post", "First Renamed", [
          html("/blog/"),
          html("/blog/first/"),
          html("/blog/second/"),
        ]),
    );

    await t.step(
      "a page of a section too large to list: the 21 pages whose window holds it, its listing page",
      () =>
        retitle("content/big/e30.md", "Entry 30 of Big", "Entry 30 Renamed", [
          ...Array.from({ length: 21 }, (_, k) => html(`/big/e${num(20 + k)}/`)),
          // Ten per listing page: the third lists entries 21 to 30.
          html("/big/page/3/"),
        ]),
    );

    await t.step("after all that, the output is the clean build's", async () => {
      const clean = await cleanBuild(root, join(dir.path, "clean"));
      assert.ok(clean.ok, clean.ok ? "" : clean.errors);
      const diff = treeDiff(readTree(out), clean.tree);
      assert.equal(diff, null, `incremental output differs from the clean build:\n${diff}`);
    });
  } finally {
    await session.close();
  }
});
