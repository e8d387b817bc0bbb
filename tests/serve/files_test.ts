/**
 * The dev server's parts on their own: request resolution (base path, index
 * files, traversal and symlinks refused), content types, the read/write gate,
 * the client tag's injection, the event format and the watcher's debounce.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { basePath, contentType, resolveRequest } from "../../src/serve/files.ts";
import { Gate } from "../../src/serve/gate.ts";
import { clientTag, injectClient } from "../../src/serve/client.ts";
import { type ReloadEvent, sseMessage } from "../../src/serve/dev_server.ts";
import { SiteWatcher } from "../../src/serve/watch.ts";
import { tempDir } from "../support/tree.ts";

function outputFolder(root: string): string {
  const out = join(root, "_site");
  mkdirSync(join(out, "docs"), { recursive: true });
  writeFileSync(join(out, "index.html"), "<p>home</p>");
  writeFileSync(join(out, "docs", "index.html"), "<p>docs</p>");
  writeFileSync(join(out, "style.css"), "p{}");
  writeFileSync(join(root, "secret.txt"), "do not serve");
  return out;
}

Deno.test("resolveRequest: files, index.html of folders, and a redirect to the slash", async () => {
  using dir = tempDir();
  const out = outputFolder(dir.path);
  assert.deepEqual(await resolveRequest(out, "/", "/"), {
    kind: "file",
    path: join(out, "index.html"),
  });
  assert.deepEqual(await resolveRequest(out, "/", "/docs/"), {
    kind: "file",
    path: join(out, "docs", "index.html"),
  });
  assert.deepEqual(await resolveRequest(out, "/", "/docs"), {
    kind: "redirect",
    location: "/docs/",
  });
  assert.deepEqual(await resolveRequest(out, "/", "/style.css"), {
    kind: "file",
    path: join(out, "style.css"),
  });
  assert.deepEqual(await resolveRequest(out, "/", "/nope.html"), { kind: "missing" });
});

Deno.test("resolveRequest: the site is served under its base path only", async () => {
  using dir = tempDir();
  const out = outputFolder(dir.path);
  assert.deepEqual(await resolveRequest(out, "/sub/", "/sub/docs/"), {
    kind: "file",
    path: join(out, "docs", "index.html"),
  });
  assert.deepEqual(await resolveRequest(out, "/sub/", "/sub"), {
    kind: "redirect",
    location: "/sub/",
  });
  assert.deepEqual(await resolveRequest(out, "/sub/", "/docs/"), { kind: "missing" });
  assert.equal(basePath("https://example.org/sub"), "/sub/");
  assert.equal(basePath("https://example.org/"), "/");
  assert.equal(basePath("/"), "/");
});

Deno.test("resolveRequest: traversal, encoded or not, and symlinks out of the folder are refused", async () => {
  using dir = tempDir();
  const out = outputFolder(dir.path);
  symlinkSync(join(dir.path, "secret.txt"), join(out, "link.txt"));
  symlinkSync(dir.path, join(out, "up"));
  symlinkSync(join(out, "style.css"), join(out, "inside.css"));
  for (
    const path of [
      "/../secret.txt",
      "/docs/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/..%2fsecret.txt",
      "/docs/..%2F..%2Fsecret.txt",
      "/..%5csecret.txt",
      "/a%00b",
      "/link.txt",
      "/up/secret.txt",
      "/%E0%A4%A", // not UTF-8
    ]
  ) {
    assert.equal((await resolveRequest(out, "/", path)).kind, "refused", path);
  }
  // Double encoding decodes once: a file literally named `%2e%2e` is not a parent.
  assert.equal((await resolveRequest(out, "/", "/%252e%252e/secret.txt")).kind, "missing");
  // A symlink that stays inside the folder is served.
  assert.equal((await resolveRequest(out, "/", "/inside.css")).kind, "file");
});

Deno.test("contentType: the kinds of files a site holds", () => {
  const cases: Record<string, string> = {
    "a/index.html": "text/html; charset=utf-8",
    "s.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "m.mjs": "text/javascript; charset=utf-8",
    "search-index.json": "application/json",
    "sitemap.xml": "application/xml",
    "logo.svg": "image/svg+xml",
    "p.PNG": "image/png",
    "p.jpeg": "image/jpeg",
    "f.woff2": "font/woff2",
    "robots.txt": "text/plain; charset=utf-8",
    "site.webmanifest": "application/manifest+json",
    "x.unknown": "application/octet-stream",
    "README": "application/octet-stream",
  };
  for (const [path, type] of Object.entries(cases)) assert.equal(contentType(path), type, path);
});

Deno.test("Gate: a write waits for the reads under way and holds new ones", async () => {
  const gate = new Gate();
  const log: string[] = [];
  let endRead!: () => void;
  const read = gate.read(async () => {
    log.push("read 1 start");
    await new Promise<void>((r) => endRead = r);
    log.push("read 1 end");
  });
  await Promise.resolve();
  const write = gate.write(async () => {
    log.push("write start");
    await new Promise((r) => setTimeout(r, 5));
    log.push("write end");
  });
  await new Promise((r) => setTimeout(r, 1));
  const read2 = gate.read(() => Promise.resolve(log.push("read 2")));
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(log, ["read 1 start"]);
  endRead();
  await Promise.all([read, write, read2]);
  assert.deepEqual(log, ["read 1 start", "read 1 end", "write start", "write end", "read 2"]);
});

Deno.test("injectClient: before </head>, else before </body>, else at the end", () => {
  const tag = clientTag("/sub/", 7, "abcd");
  assert.match(tag, /src="\/sub\/__floe\/client\.js"/);
  assert.match(tag, /data-events="\/sub\/__floe\/events"/);
  assert.match(tag, /data-revision="7"/);
  assert.equal(
    injectClient("<html><head><title>x</title></HEAD><body></body>", "<T>"),
    "<html><head><title>x</title><T></HEAD><body></body>",
  );
  assert.equal(injectClient("<p>a</p></body>", "<T>"), "<p>a</p><T></body>");
  assert.equal(injectClient("<p>a</p>", "<T>"), "<p>a</p><T>");
});

Deno.test("sseMessage: one `build` event whose id is the revision and whose data is the event", () => {
  const event: ReloadEvent = {
    server: "s1",
    revision: 4,
    changed: ["/docs/a/", "/style.css"],
    removed: ["/old/"],
    cssOnly: false,
    errors: [],
  };
  const message = sseMessage(event);
  assert.ok(message.endsWith("\n\n"));
  const lines = message.trimEnd().split("\n");
  assert.deepEqual(lines.slice(0, 2), ["event: build", "id: 4"]);
  assert.equal(lines.length, 3);
  assert.deepEqual(JSON.parse(lines[2].slice("data: ".length)), event);
});

Deno.test("SiteWatcher: a burst of writes is one change set; scratch files and other folders are ignored", async () => {
  using dir = tempDir();
  const content = join(dir.path, "content");
  mkdirSync(join(content, "docs"), { recursive: true });
  mkdirSync(join(dir.path, "_site"));
  const sets: string[][] = [];
  const watcher = new SiteWatcher((paths) => sets.push(paths), { quietMs: 40 });
  try {
    watcher.watch({ folders: [content], files: [join(dir.path, "floe.config.ts")] });
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(join(content, "docs", "a.md"), "one");
    writeFileSync(join(content, "docs", "a.md"), "two");
    writeFileSync(join(content, "b.md"), "b");
    writeFileSync(join(content, "docs", ".a.md.swp"), "vim");
    writeFileSync(join(dir.path, "_site", "index.html"), "out");
    writeFileSync(join(dir.path, "floe.config.ts"), "export default {}");
    const deadline = Date.now() + 5000;
    while (sets.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(sets, [[
      join(content, "b.md"),
      join(content, "docs", "a.md"),
      join(dir.path, "floe.config.ts"),
    ]]);
  } finally {
    watcher.close();
  }
});
