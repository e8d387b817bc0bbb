/**
 * Body files: a one-shot build's parse workers write the pages' bodies to files
 * in the cache folder and send on where each is. What is read back is what was
 * written; the parse cache is written from them; the output is the output of a
 * build that keeps bodies in memory; no body file outlives its build, and those
 * of a killed build are removed by the next.
 *
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BodyFile, BodyReader, readBody, removeBodyFiles } from "../src/base/body.ts";
import {
  decodePage,
  encodePage,
  fromBytes,
  packParsed,
  toBytes,
  unspill,
} from "../src/parse/page_codec.ts";
import type { ParsedPage } from "../src/parse/parse_page.ts";
import { ParseStore } from "../src/remember/store.ts";
import { build } from "../mod.ts";
import { assertSameTree, tempDir, writeSite } from "./support/tree.ts";
import { resolveConfig } from "../src/config/load_config.ts";
import { loadLayouts } from "../src/parse/layouts.ts";
import { buildSnapshot } from "../src/snapshot/build_snapshot.ts";
import { createRenderer } from "../src/render/render_page.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("body file: bodies read back as written, whole or into a buffer", () => {
  using dir = tempDir();
  const file = new BodyFile(join(dir.path, `bodies-${Deno.pid}-0.bin`));
  const texts = ["<p>one</p>", "", "<p>ü — 三</p>\n".repeat(5000), "<p>last</p>"];
  const refs = texts.map((t) => file.append(encode(t)));
  file.close();
  assert.deepEqual(refs.map((r) => r.length), texts.map((t) => encode(t).length));
  texts.forEach((t, i) => assert.equal(new TextDecoder().decode(readBody(refs[i])), t));
  const reader = new BodyReader();
  const out = new Uint8Array(4 + refs[3].length);
  assert.equal(reader.read(refs[3], out, 4), out);
  assert.equal(new TextDecoder().decode(out.subarray(4)), "<p>last</p>");
  const inMemory = encode("<p>here</p>");
  assert.equal(reader.read(inMemory), inMemory, "bytes in memory are not copied");
  // As text, through one buffer the reader grows: a long body after short ones,
  // then short ones again, each whole and none with the bytes of another.
  for (const i of [0, 3, 2, 0, 1, 3]) assert.equal(reader.text(refs[i]), texts[i]);
  assert.equal(reader.text(inMemory), "<p>here</p>");
  reader.close();
});

Deno.test("body file: bodies wait in memory for one write; a file that cannot be written hands them back", () => {
  using dir = tempDir();
  const path = join(dir.path, `bodies-${Deno.pid}-4.bin`);
  const file = new BodyFile(path);
  const first = file.append(encode("<p>one</p>"));
  const second = file.append(encode("<p>two é</p>"));
  assert.equal(existsSync(path), false, "nothing is written before a flush");
  file.flush();
  assert.equal(statSync(path).size, first.length + second.length);
  assert.equal(file.unwritten(second), undefined, "a flushed body is in the file");
  const third = file.append(encode("<p>three</p>"));
  assert.equal(third.offset, first.length + second.length, "a body goes after the flushed ones");
  file.close(); // flushes what is left
  assert.deepEqual([first, second, third].map((r) => new TextDecoder().decode(readBody(r))), [
    "<p>one</p>",
    "<p>two é</p>",
    "<p>three</p>",
  ]);

  // A folder where the file should be: the write fails, and the bodies are still here.
  const blocked = join(dir.path, `bodies-${Deno.pid}-5.bin`);
  Deno.mkdirSync(blocked);
  const full = new BodyFile(blocked);
  const page = {
    file: "content/a.md",
    hash: "h",
    bodyHash: "b",
    frontMatter: { title: "A" },
    keyLocations: {},
    html: encode("<p>kept</p>"),
    toc: [],
    excerpt: "",
    links: [],
    wordCount: 1,
    text: encode("kept"),
    foreign: [],
  } satisfies ParsedPage;
  const sent = toBytes({ page, meta: encodePage(page) }, full);
  assert.ok("meta" in sent && !(sent.html instanceof Uint8Array));
  assert.throws(() => full.flush());
  const back = unspill(sent, full);
  assert.ok("meta" in back);
  assert.equal(back.html, page.html, "the body comes back as the bytes it was");
  assert.equal(back.text, page.text);
  const other = { file: "/elsewhere.bin", offset: 0, length: 3 };
  const elsewhere = unspill({ ...sent, html: other }, full);
  assert.ok("meta" in elsewhere && elsewhere.html === other, "another file's body stays");
});

Deno.test("body file: a parse crosses as its meta and where its body and text are", () => {
  using dir = tempDir();
  const page = {
    file: "content/a.md",
    hash: "h",
    bodyHash: "b",
    frontMatter: { title: "A", n: Infinity },
    keyLocations: {},
    html: encode('<h2 id="x">X</h2>'),
    toc: [],
    excerpt: "",
    links: [],
    wordCount: 1,
    text: encode("X — ü"),
    foreign: [],
  } satisfies ParsedPage;
  const file = new BodyFile(join(dir.path, `bodies-${Deno.pid}-1.bin`));
  const sent = toBytes({ page, meta: encodePage(page) }, file);
  file.close();
  assert.ok("meta" in sent && !(sent.html instanceof Uint8Array), "the body stays in the file");
  assert.ok(!(sent.text instanceof Uint8Array), "the text stays in the file");
  const back = fromBytes(sent);
  assert.ok("page" in back);
  const read = { ...back.page, html: readBody(back.page.html), text: readBody(back.page.text) };
  assert.deepEqual(read, page);
});

Deno.test("a batch of parses crosses with its data in one buffer; bodies keep their own, body files' references stay as they are", () => {
  using dir = tempDir();
  const page = (n: number) => ({
    file: `content/p${n}.md`,
    hash: "h",
    bodyHash: `b${n}`,
    frontMatter: { title: `P${n}` },
    keyLocations: {},
    html: encode(`<p>${"é".repeat(n)}</p>`),
    toc: [],
    excerpt: "",
    links: [],
    wordCount: n,
    text: encode("é".repeat(n)),
    foreign: [],
  } satisfies ParsedPage);
  const file = new BodyFile(join(dir.path, `bodies-${Deno.pid}-3.bin`));
  const failed = { diagnostics: [] };
  // In memory (a dev server), in a body file (`floe build`), and a page that failed.
  const batch = [
    toBytes({ page: page(1), meta: encodePage(page(1)) }),
    toBytes({ page: page(2), meta: encodePage(page(2)) }, file),
    failed,
    toBytes({ page: page(3), meta: encodePage(page(3)) }),
  ];
  file.close();
  const packed = packParsed(batch);
  assert.equal(packed[2], failed);
  const metas = new Set<ArrayBufferLike>();
  packed.forEach((sent, i) => {
    if (!("meta" in sent)) return;
    const before = batch[i] as typeof sent;
    metas.add(sent.meta.buffer);
    assert.deepEqual(sent.meta, before.meta);
    // A body goes on to a render worker: as a view, it would take the batch's buffer along.
    assert.equal(sent.html, before.html);
    assert.equal(sent.text, before.text);
    const back = fromBytes(sent);
    assert.ok("page" in back);
    const n = [1, 2, 0, 3][i];
    assert.deepEqual({
      ...back.page,
      html: readBody(back.page.html),
      text: readBody(back.page.text),
    }, page(n));
  });
  assert.equal(metas.size, 1, "one buffer for the data");
  const total = batch.reduce((sum, sent) => sum + ("meta" in sent ? sent.meta.length : 0), 0);
  assert.equal([...metas][0].byteLength, total, "and nothing else in it");
});

Deno.test("parse store: a shard written from body files reads back bodies and texts", async () => {
  using dir = tempDir();
  const cache = join(dir.path, ".floe-cache");
  const file = new BodyFile(join(dir.path, `bodies-${Deno.pid}-2.bin`));
  const store = new ParseStore(cache);
  const bodies = new Map<string, string>();
  for (let i = 0; i < 100; i++) {
    const path = `content/p${i}.md`;
    const body = `<p>page ${i} ${"é".repeat(i)}</p>`;
    bodies.set(path, body);
    // As a parse worker writes them (the body, then its text: read as one), and
    // the other way round.
    const [html, text] = i % 2
      ? [file.append(encode(body)), file.append(encode(`page ${i} ${"é".repeat(i)}`))]
      : [file.append(encode(`page ${i} ${"é".repeat(i)}`)), file.append(encode(body))].reverse();
    const page = decodePage(encode(JSON.stringify(meta(path))), html, text);
    store.set(path, { size: i, mtimeMs: 1, options: "o" }, page, encodePage(page));
  }
  file.close(); // as a worker flushes a batch before it sends it
  await store.save();
  const again = new ParseStore(cache);
  for (const [path, body] of bodies) {
    const { html, text } = again.page(path)!;
    assert.ok(html instanceof Uint8Array && text instanceof Uint8Array, "read from the cache");
    assert.equal(new TextDecoder().decode(html), body);
    assert.equal(new TextDecoder().decode(text), body.slice(3, -4));
  }
});

function meta(file: string): Omit<ParsedPage, "html" | "text"> {
  return {
    file,
    hash: "h",
    bodyHash: `b:${file}`,
    frontMatter: { title: file },
    keyLocations: {},
    toc: [],
    excerpt: "",
    links: [],
    wordCount: 0,
    foreign: [],
  };
}

Deno.test("body files: a process removes its own, and those of processes that are gone", () => {
  using dir = tempDir();
  const names = [
    `bodies-${Deno.pid}-aa.bin`, // this process's
    "bodies-999999999-bb.bin", // no such process
    "bodies-1-cc.bin", // init: running
    "parse-00.bin", // not a body file
  ];
  for (const name of names) writeFileSync(join(dir.path, name), "x");
  removeBodyFiles(dir.path, false);
  assert.deepEqual(readdirSync(dir.path).sort(), [names[0], names[2], names[3]].sort());
  removeBodyFiles(dir.path, true);
  assert.deepEqual(readdirSync(dir.path).sort(), [names[2], names[3]].sort());
  removeBodyFiles(join(dir.path, "missing"), true); // no folder: nothing to do
});

Deno.test("a build with parse workers writes body files and leaves none; its output and cache are right", async () => {
  using site = tempDir();
  const gen = new URL("../bench/gen_corpus.mjs", import.meta.url).pathname;
  const made = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", gen, site.path, "120"],
    stdout: "null",
  }).output();
  assert.equal(made.code, 0);
  const cache = join(site.path, ".floe-cache");
  // What a killed build left: the next build that writes body files removes it.
  const stale = join(cache, "bodies-999999999-dd.bin");
  Deno.mkdirSync(cache, { recursive: true });
  writeFileSync(stale, "x");

  const spilled = join(site.path, "out-spilled");
  await build({ root: site.path, overrides: { outputDir: spilled, workers: 2 } });
  assert.ok(!existsSync(stale), "the killed build's body file was removed");
  assert.deepEqual(readdirSync(cache).filter((n) => n.startsWith("bodies-")), []);

  const memory = join(site.path, "out-memory");
  await build({ root: site.path, cacheDir: false, overrides: { outputDir: memory, workers: 1 } });
  assertSameTree(spilled, memory);

  // The next build reads every body from the parse cache written from the files.
  const warm = join(site.path, "out-warm");
  await build({ root: site.path, overrides: { outputDir: warm, workers: 2 } });
  assertSameTree(warm, memory);
});

Deno.test("a small site parsed in workers and rendered on the main thread leaves no body file open", async () => {
  if (Deno.build.os !== "linux") return; // reads /proc/self/fd
  using site = tempDir();
  writeSite(site.path, {
    "content/_index.md": "---\ntitle: Home\n---\nHi\n",
    "content/a.md": "---\ntitle: A\n---\nA page\n",
  });
  // Two workers parse (into body files); a site this small renders on this thread,
  // which reads the bodies: a deleted file held open keeps its disk space.
  await build({ root: site.path, overrides: { outputDir: join(site.path, "out"), workers: 2 } });
  const open = [...Deno.readDirSync("/proc/self/fd")].flatMap(({ name }) => {
    try {
      return [Deno.readLinkSync(`/proc/self/fd/${name}`)];
    } catch {
      return []; // closed since it was listed
    }
  });
  assert.deepEqual(open.filter((target) => target.startsWith(site.path)), []);
});

Deno.test("a body file gone under a running build is the page's io error, not a crash", async () => {
  using dir = tempDir();
  writeSite(dir.path, { "content/_index.md": "" });
  const { config } = await resolveConfig({ root: dir.path });
  const { layouts } = await loadLayouts([]);
  const home: ParsedPage = {
    ...meta("content/_index.md"),
    html: new Uint8Array(0),
    text: new Uint8Array(0),
  };
  const { snapshot } = buildSnapshot({
    config,
    inputs: { pages: [], assets: [], layouts: [], data: [], statics: [] },
    parsed: [home],
    layouts,
    data: {},
    now: Date.now(),
  });
  const render = await createRenderer({
    snapshot: { tables: snapshot },
    outDir: join(dir.path, "out"),
    configModule: null,
    markdown: config.markdown,
    scan: false,
  });
  const missing = { file: join(dir.path, `bodies-${Deno.pid}-gone.bin`), offset: 0, length: 9 };
  const outcome = await render({ key: "/", body: missing, toc: [], previousHash: null });
  assert.ok("diagnostics" in outcome);
  assert.equal(outcome.diagnostics[0].code, "io");
  assert.match(outcome.diagnostics[0].message, /could not read the body of content\/_index\.md/);
  assert.ok(!existsSync(join(dir.path, "out", "index.html")));
});
