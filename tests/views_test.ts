/**
 * The snapshot as flat tables and the views templates see: a big section crosses
 * threads (no prev/next object chain for the serializer to recurse into), views
 * resolve references, log exactly what was read, and cannot be written to.
 */
import assert from "node:assert/strict";
import { resolveConfig } from "../src/config/load_config.ts";
import type { ParsedPage } from "../src/parse/parse_page.ts";
import { buildSnapshot } from "../src/snapshot/build_snapshot.ts";
import { loadLayouts } from "../src/parse/layouts.ts";
import { openSnapshot, shareSnapshot } from "../src/snapshot/transfer.ts";
import { createViews } from "../src/snapshot/views.ts";
import { tempDir, writeSite } from "./support/tree.ts";

function parsed(file: string, frontMatter: Record<string, unknown>): ParsedPage {
  return {
    file,
    hash: file,
    bodyHash: file,
    frontMatter,
    keyLocations: {},
    html: new Uint8Array(0),
    toc: [],
    excerpt: "",
    links: [],
    wordCount: 1,
    foreign: [],
    text: new Uint8Array(0),
  };
}

async function snapshotOf(pages: ParsedPage[]) {
  using dir = tempDir();
  writeSite(dir.path, { "content/_index.md": "" });
  const { config } = await resolveConfig({ root: dir.path });
  const { layouts } = await loadLayouts([]);
  const inputs = { pages: [], assets: [], layouts: [], data: [], statics: [] };
  return buildSnapshot({ config, inputs, parsed: pages, layouts, data: {}, now: Date.now() });
}

Deno.test("a 5,000-page section crosses threads, and views walk its prev/next chain", async () => {
  const pages = [parsed("content/_index.md", { title: "Home" })];
  for (let i = 0; i < 5000; i++) {
    const n = String(i).padStart(4, "0");
    pages.push(parsed(`content/blog/p${n}.md`, { title: `P${n}`, weight: i + 1 }));
  }
  const { snapshot, diagnostics } = await snapshotOf(pages);
  assert.deepEqual(diagnostics, []);
  const copy = openSnapshot(shareSnapshot(snapshot));
  assert.equal(copy.pages.size, snapshot.pages.size);
  const views = createViews(copy, { reads: null });
  let page = views.page("/blog/p0000/");
  let steps = 0;
  while (page.next) {
    page = page.next;
    steps++;
  }
  assert.equal(steps, 4999);
  assert.equal(page.title, "P4999");
  assert.equal(page.section.pages.length, 5000);
});

Deno.test("views log the record fields read, and nothing else", async () => {
  const { snapshot } = await snapshotOf([
    parsed("content/_index.md", { title: "Home" }),
    parsed("content/docs/a.md", { title: "A", weight: 1, tags: ["x"] }),
    parsed("content/docs/b.md", { title: "B", weight: 2 }),
  ]);
  const tracker = { reads: new Set<string>() };
  const views = createViews(snapshot, tracker);
  const b = views.page("/docs/b/");
  assert.equal(b.prev?.title, "A");
  assert.deepEqual([...tracker.reads], ["p:/docs/b/#prev", "p:/docs/a/#title"]);
  tracker.reads = new Set();
  assert.equal(views.page("/docs/a/").terms.tags[0].page.url, "/tags/x/");
  assert.deepEqual([...tracker.reads], ["p:/docs/a/#terms", "t:tags/x#page", "p:/tags/x/#url"]);
  tracker.reads = new Set();
  assert.deepEqual(views.site.pages.map((p) => p.url), ["/docs/a/", "/docs/b/"]);
  assert.ok(tracker.reads.has("site#pages"));
});

Deno.test("views are read-only, and so is everything they hand out", async () => {
  const { snapshot } = await snapshotOf([
    parsed("content/_index.md", { title: "Home", params: { list: [1, 2] } }),
  ]);
  const views = createViews(openSnapshot(shareSnapshot(snapshot)), { reads: null });
  const home = views.page("/") as unknown as Record<string, unknown>;
  assert.throws(() => (home.title = "x"), TypeError);
  const params = views.page("/").params as { params: { list: number[] } };
  assert.throws(() => params.params.list.push(3), TypeError);
  assert.ok("title" in views.page("/"));
  assert.equal(
    JSON.parse(JSON.stringify(views.page("/"))).section,
    "",
    "a view serializes as its record",
  );
  const data = createViews(snapshot, { reads: null }).data as Record<string, unknown>;
  assert.throws(() => (data.x = 1), TypeError);
});
