/**
 * The cache on disk, read back by a new process: a parsed page is the page that
 * was parsed, also after its shard was written again from pages read (their
 * encoded form is dropped once read or written, and made again from the page);
 * the link scans of pages not rendered again still find their broken links.
 *
 * @module
 */
import assert from "node:assert/strict";
import { encodePage, packParsed } from "../src/parse/page_codec.ts";
import { BodyFile } from "../src/base/body.ts";
import type { ParsedPage } from "../src/parse/parse_page.ts";
import { loadScans, loadState, ParseStore, saveScans, saveState } from "../src/remember/store.ts";
import { KeyTable } from "../src/base/key_table.ts";
import type { SiteSnapshot } from "../src/snapshot/types.ts";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { SiteSession } from "../mod.ts";
import { packStrings, unpackStrings } from "../src/base/string_list.ts";
import type { PageScan } from "../src/render/render_page.ts";
import { join } from "node:path";
import { runCli } from "./support/run_cli.ts";
import { readTree, tempDir, writeSite } from "./support/tree.ts";

function page(file: string, n: number): ParsedPage {
  return {
    file,
    hash: `h${n}`,
    bodyHash: `b${n}`,
    frontMatter: {
      title: `Page ${n}`,
      weight: n,
      big: n % 2 ? Infinity : 1e308,
      tags: ["a", "é"],
      nested: n % 3 ? { x: null } : { x: [1, -Infinity, { y: NaN }] },
    },
    keyLocations: { title: { line: 2, column: 8 } },
    html: new TextEncoder().encode(`<p>Body ${n} — ü</p>\n`),
    toc: [{ level: 2, id: "s", text: "S" }] as unknown as ParsedPage["toc"],
    excerpt: `<p>Body ${n}</p>`,
    links: [{ href: "/x/", line: 3 }],
    wordCount: 2,
    text: new TextEncoder().encode(`Body ${n} ü`),
    foreign: [],
  };
}

const STAT = { size: 10, mtimeMs: 1, options: "o" };
const FILES = Array.from({ length: 200 }, (_, i) => `content/p${i}.md`);

/** A cache folder in `dir` with a page of every one of {@link FILES}, saved; its path. */
async function storeAll(dir: string, make: typeof page): Promise<string> {
  const cache = `${dir}/.floe-cache`;
  const store = new ParseStore(cache);
  FILES.forEach((f, i) => store.set(f, STAT, make(f, i), encodePage(make(f, i))));
  await store.save();
  return cache;
}

Deno.test("parse store: pages read back equal the pages set, after each shard was written twice", async () => {
  using dir = tempDir();
  const cache = await storeAll(dir.path, page);

  // A later process reads every page, then a deletion and an edit make their
  // shards dirty: the other pages in them are written from what was read.
  const second = new ParseStore(cache);
  for (const f of FILES) assert.ok(second.page(f));
  second.retain(new Set(FILES.slice(1)));
  const edited = { ...page(FILES[1], 1000), file: FILES[1] };
  second.set(FILES[1], STAT, edited, encodePage(edited));
  await second.save();

  assert.equal(new ParseStore(cache).empty, false, "shards on disk, none read");
  assert.equal(new ParseStore(`${dir.path}/none`).empty, true, "no cache folder");
  assert.equal(new ParseStore(null).empty, true);

  const third = new ParseStore(cache);
  assert.equal(third.stat(FILES[0]), undefined, "a forgotten file is gone");
  assert.deepEqual(third.page(FILES[1]), edited);
  FILES.slice(2).forEach((f, i) => assert.deepEqual(third.page(f), page(f, i + 2), f));
  assert.equal(third.stat(FILES[7])?.bodyHash, "b7");
});

Deno.test("parse store: entries not read yet come from the file the store indexed, after another store wrote it again", async () => {
  using dir = tempDir();
  const cache = await storeAll(dir.path, page);

  // A store that has read the shards' indexes and a few texts, no page…
  const reader = new ParseStore(cache);
  for (const f of FILES) assert.equal(reader.stat(f)?.bodyHash, `b${FILES.indexOf(f)}`);
  assert.deepEqual(reader.text(FILES[0]), page(FILES[0], 0).text);
  // …while another process writes every shard again, with other pages.
  const other = (f: string, i: number) => ({ ...page(f, i + 500), file: f });
  await storeAll(dir.path, other);

  FILES.forEach((f, i) => assert.deepEqual(reader.text(f), page(f, i).text, f));
  FILES.slice(0, 100).forEach((f, i) => assert.deepEqual(reader.page(f), page(f, i), f));
  // Its own save writes the pages it has, the ones it never read included.
  reader.set(FILES[150], STAT, page(FILES[150], 150), encodePage(page(FILES[150], 150)));
  await reader.save();
  const after = new ParseStore(cache);
  const mine = FILES.filter((f, i) => {
    const ours = after.stat(f)?.bodyHash === `b${i}`;
    assert.deepEqual(after.page(f), ours ? page(f, i) : other(f, i), f);
    return ours;
  });
  assert.ok(mine.includes(FILES[150]) && mine.length < FILES.length, "one shard is the reader's");

  // Closed, the store reads what is on disk now for what it had not read.
  reader.close();
  assert.deepEqual(reader.page(FILES[0]), page(FILES[0], 0), "read before the close");
  const unread = FILES.findIndex((f, i) => i >= 100 && !mine.includes(f));
  assert.deepEqual(reader.page(FILES[unread]), other(FILES[unread], unread), "read after");
  after.close();
});

Deno.test("link scans: a new process checks the links of pages it did not render, from the scans on disk", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeSite(root, {
    "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
    "content/a.md":
      "---\ntitle: A\n---\nTo [nowhere](/nope/), [b](/b/) and [a part of b](/b/#later).\n",
    "content/b.md": "---\ntitle: B\n---\nB.\n",
  });
  const first = await runCli(["build", root]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /content\/a\.md:4:\d+: "\/nope\/"/);
  assert.match(first.stderr, /content\/a\.md:4:\d+: "\/b\/#later"/);

  // Only b is rendered again; a's links are checked from its stored scan, against
  // b's new ids: the anchor is there now, the missing page is still missing.
  writeSite(root, { "content/b.md": "---\ntitle: B\n---\nB.\n\n## Later\n\nMore.\n" });
  const second = await runCli(["build", root]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout + second.stderr, /rendered 1,/);
  assert.match(second.stderr, /content\/a\.md:4:\d+: "\/nope\/"/);
  assert.doesNotMatch(second.stderr, /#later/);
});

Deno.test("build state: a new process reuses a state whose snapshot was stored as the render workers got it", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeSite(root, {
    // A filter: pages render in workers, so the snapshot is shared with them.
    "floe.config.ts": `export default { filters: { shout: (s: string) => s.toUpperCase() } };\n`,
    "layouts/_default/page.vto": "<h1>{{ page.title |> shout }}</h1>{{ content }}\n",
    "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
    "content/a.md": "---\ntitle: A\n---\nA.\n",
    "content/b.md": "---\ntitle: B\n---\nB.\n",
  });
  const first = await runCli(["build", root, "--trace", join(dir.path, "trace.json")]);
  assert.equal(first.code, 0, first.stderr);
  const phases = JSON.parse(readFileSync(join(dir.path, "trace.json"), "utf8")).traceEvents
    .map((e: { name: string }) => e.name);
  assert.ok(phases.includes("share"), "the snapshot went to render workers");

  const built = readTree(join(root, "_site"));
  const again = await runCli(["build", root]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(
    again.stdout + again.stderr,
    /floe: 5 pages, .*\n.*rendered 0, written 0, reused \d+, removed 0/,
  );
  assert.deepEqual(readTree(join(root, "_site")), built);

  writeSite(root, { "content/b.md": "---\ntitle: Bee\n---\nB.\n" });
  const edited = await runCli(["build", root]);
  assert.equal(edited.code, 0, edited.stderr);
  assert.equal(readFileSync(join(root, "_site/b/index.html"), "utf8"), "<h1>BEE</h1><p>B.</p>\n\n");
});

Deno.test("link scans: typed arrays inside the stored value read back where they were (the envelope follows a length prefix)", async () => {
  using dir = tempDir();
  const cache = `${dir.path}/.floe-cache`;
  const scan = (hrefs: string[], lines: number[], ids: string[]) => ({
    hrefs: packStrings(hrefs),
    lines: new Uint32Array(lines),
    ids: packStrings(ids),
  });
  const scans = new Map([
    ["a/index.html", scan(["/b/", "/c/#x", "/b/"], [3, 7, 9], ["x"])],
    ["b/index.html", scan([], [], ["y", "x"])],
    ["c/index.html", scan(["/a/", ""], [1, 2], [])],
    // Text past ASCII is stored as UTF-8 and its ends in UTF-16 units: both come back.
    ["été/index.html", scan(["/été/#résumé", "/日本/", "/😀/"], [4, 5, 6], ["résumé", "x"])],
  ]);
  await saveScans(cache, scans);
  const back = loadScans(cache);
  assert.ok(back);
  const plain = (all: Map<string, PageScan>) =>
    [...all].map(([path, s]) => [path, unpackStrings(s.hrefs), [...s.lines], unpackStrings(s.ids)]);
  assert.deepEqual(plain(back), plain(scans));
  assert.deepEqual(plain(back)[0], ["a/index.html", ["/b/", "/c/#x", "/b/"], [3, 7, 9], ["x"]]);
  assert.deepEqual(plain(back)[3][1], ["/été/#résumé", "/日本/", "/😀/"]);
});

Deno.test("build state: keys, read ids and the snapshot read back as written, and a file cut short is no state", async () => {
  using dir = tempDir();
  const cache = `${dir.path}/.floe-cache`;
  const reads = (ids: number[]) => new Uint32Array(ids);
  const state = {
    fingerprint: "f",
    outDir: "/out",
    snapshot: { pages: new Map([["/a/", { title: "Ä" }]]) } as unknown as SiteSnapshot,
    bodies: new Map([["/a/", "h1"]]),
    outputs: new Map([
      ["a/index.html", {
        path: "a/index.html",
        kind: "page" as const,
        key: "/a/",
        hash: "x",
        bytes: 3,
        reads: reads([0, 2]),
      }],
      ["sitemap.xml", {
        path: "sitemap.xml",
        kind: "site" as const,
        hash: "y",
        bytes: 9,
        reads: reads([]),
      }],
      ["日本/index.html", {
        path: "日本/index.html",
        kind: "page" as const,
        key: "/日本/",
        hash: "z",
        bytes: 1,
        reads: reads([1, 2, 0]),
      }],
    ]),
    keys: new KeyTable(["p:/a/#title", "p:/日本/#title", "site#title", "b:/a/", "p:/a/#url"]),
    inputs: new Map([["content/a.md", [1, 2] as const]]),
    copies: [],
    redirects: [],
    warnings: [],
    foreign: new Map([["content/a.md", [{ kind: "hugo-shortcode" as const, line: 3, count: 1 }]]]),
    links: [],
    linkSearches: new Map([["pdocs/nope", 120]]),
    validUntil: Infinity,
  };
  await saveState(cache, state);
  const back = loadState(cache);
  assert.ok(back);
  const keysOf = (t: KeyTable) => Array.from({ length: t.size }, (_, i) => t.key(i));
  assert.deepEqual(keysOf(back.keys), keysOf(state.keys));
  assert.equal(back.keys.get("p:/a/#url"), 4);
  assert.equal(back.keys.intern("p:/日本/#url"), 5, "a new key after the stored ones");
  assert.deepEqual(
    [...back.outputs.values()].map((o) => ({ ...o, reads: [...o.reads] })),
    [...state.outputs.values()].map((o) => ({ ...o, reads: [...o.reads] })),
  );
  assert.deepEqual(back.snapshot, state.snapshot);
  assert.deepEqual(back.inputs, state.inputs);
  assert.deepEqual(back.foreign, state.foreign);
  assert.equal(back.validUntil, Infinity);
  assert.deepEqual(back.linkSearches, state.linkSearches);
  // A state.bin cut short, or with bytes after its parts, is not read as a state.
  const file = join(cache, "state.bin");
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, bytes.length - 1));
  assert.equal(loadState(cache), null);
  writeFileSync(file, new Uint8Array([...bytes, 0]));
  assert.equal(loadState(cache), null);
});

Deno.test("session: closed while its idle save is writing, the next session finds the state", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const pages = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [
      `content/p${i}.md`,
      `---\ntitle: P${i}\n---\n${"Some text. ".repeat(300)}\n`,
    ]),
  );
  writeSite(root, { "content/_index.md": "---\ntitle: Home\n---\nHome.\n", ...pages });
  const cache = join(root, ".floe-cache");
  const writing = () => {
    try {
      return readdirSync(cache).some((name) => name.endsWith(".tmp"));
    } catch {
      return false;
    }
  };
  const session = new SiteSession({ root, overrides: { workers: 1 } });
  assert.ok((await session.build()).ok);
  // The session saves once idle (a second on): close it while that save is under way.
  const deadline = Date.now() + 10_000;
  while (!writing() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 0));
  assert.ok(writing(), "the idle save began");
  await session.close();
  assert.ok(existsSync(join(cache, "state.bin")), "the state is written when close returns");
  const next = new SiteSession({ root, overrides: { workers: 1 } });
  const report = await next.build();
  await next.close();
  assert.equal(report.full, null);
  assert.equal(report.rendered.length, 0);
});

Deno.test("parse store: a big save is written by a worker, to the same bytes, and a worker that fails fails the save", async () => {
  using dir = tempDir();
  // As a one-shot build has its parses: bodies and texts in a body file, the
  // metas of a batch views into one buffer (see `packParsed`).
  const fill = (store: ParseStore, bodyFile: string) => {
    const file = new BodyFile(bodyFile);
    const pages = Array.from({ length: 2100 }, (_, n) => {
      const p = page(`content/s${n % 7}/p${n}.md`, n);
      return {
        ...p,
        html: file.append(p.html as Uint8Array),
        text: file.append(p.text as Uint8Array),
      };
    });
    const metas = packParsed(
      pages.map((p) => ({ meta: encodePage(p), html: p.html, text: p.text })),
    );
    file.close();
    pages.forEach((p, n) => {
      const { meta } = metas[n] as { meta: Uint8Array };
      store.set(p.file, { size: n, mtimeMs: n / 3, options: n % 2 ? "o" : "p" }, p, meta);
    });
    return (metas[0] as { meta: Uint8Array }).meta.buffer;
  };
  const [here, there] = [join(dir.path, "here"), join(dir.path, "there")];
  const onThisThread = new ParseStore(here);
  const kept = fill(onThisThread, join(dir.path, "bodies-a.bin"));
  await onThisThread.save();
  assert.ok(kept.byteLength > 0);
  const inWorker = new ParseStore(there, { inWorker: true });
  const moved = fill(inWorker, join(dir.path, "bodies-b.bin"));
  await inWorker.save();
  assert.equal(moved.byteLength, 0, "the metas went to the worker, not copied");
  const shards = readdirSync(here).sort();
  assert.ok(shards.length > 20);
  assert.deepEqual(readdirSync(there).sort(), shards);
  for (const name of shards) {
    assert.ok(readFileSync(join(here, name)).equals(readFileSync(join(there, name))), name);
  }
  const again = new ParseStore(there);
  const read = again.page(`content/s${1000 % 7}/p1000.md`)!;
  assert.equal(new TextDecoder().decode(read.html as Uint8Array), "<p>Body 1000 — ü</p>\n");
  assert.equal(read.frontMatter.title, "Page 1000");
  // A folder that cannot be made: the worker's error is the save's.
  writeFileSync(join(dir.path, "file"), "");
  const failing = new ParseStore(join(dir.path, "file", "cache"), { inWorker: true });
  fill(failing, join(dir.path, "bodies-c.bin"));
  await assert.rejects(failing.save());
});

Deno.test("parse store: pages let go after their save are read back from the shards, and texts stay as they were", async () => {
  using dir = tempDir();
  const cache = `${dir.path}/.floe-cache`;
  const store = new ParseStore(cache);
  const pages = FILES.map((f, i) => page(f, i));
  FILES.forEach((f, i) => store.set(f, STAT, pages[i], encodePage(pages[i])));
  const texts = FILES.map((f) => store.text(f));
  store.save();
  await store.release();
  FILES.forEach((f, i) => assert.equal(store.text(f), texts[i], `${f}: its text, not read back`));
  FILES.forEach((f, i) => {
    const read = store.page(f)!;
    assert.notEqual(read, pages[i], `${f}: let go, then read back`);
    assert.deepEqual(read, pages[i], f);
  });
  // Asked for again, a page read back is kept, and the store saves as before.
  assert.equal(store.page(FILES[3]), store.page(FILES[3]));
  const edited = { ...page(FILES[5], 900), file: FILES[5] };
  store.set(FILES[5], STAT, edited, encodePage(edited));
  await store.save();
  store.close();
  const next = new ParseStore(cache);
  FILES.forEach((f, i) => assert.deepEqual(next.page(f), i === 5 ? edited : pages[i], f));
  next.close();
});

Deno.test("parse store: a page is kept when its save failed or its shard was written again by another process", async () => {
  using dir = tempDir();
  writeFileSync(join(dir.path, "file"), "");
  const failing = new ParseStore(join(dir.path, "file", "cache"));
  const pages = FILES.map((f, i) => page(f, i));
  FILES.forEach((f, i) => failing.set(f, STAT, pages[i], encodePage(pages[i])));
  await assert.rejects(failing.save());
  await failing.release();
  FILES.forEach((f, i) => assert.equal(failing.page(f), pages[i], f));

  const cache = `${dir.path}/.floe-cache`;
  const store = new ParseStore(cache);
  FILES.forEach((f, i) => store.set(f, STAT, pages[i], encodePage(pages[i])));
  await store.save();
  // Another process writes every shard again, with other pages, before the release.
  await storeAll(dir.path, (f, i) => ({ ...page(f, i + 500), file: f }));
  await store.release();
  FILES.forEach((f, i) => assert.equal(store.page(f), pages[i], f));
  store.close();
});
