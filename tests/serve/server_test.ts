/**
 * The dev server over HTTP, on a copy of the `basic` fixture (its baseURL has the
 * base path `/sub/`): what it serves and refuses, the events it sends for each
 * kind of edit, and the loop's promises — rapid edits end in the last one's
 * output, config edits take effect, a dead worker is replaced, a taken port is
 * skipped.
 *
 * @module
 */
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DevServer, type ReloadEvent, startDevServer } from "../../mod.ts";
import { cleanBuild, readTreeOrEmpty, treeDiff } from "../incremental/harness.ts";
import { tempDir } from "../support/tree.ts";

const FIXTURE = new URL("../fixtures/basic/site/", import.meta.url).pathname;

/** The events of one SSE connection, as they arrive. */
class EventReader {
  readonly events: ReloadEvent[] = [];
  readonly #controller = new AbortController();
  readonly #done: Promise<void>;

  constructor(url: string) {
    this.#done = this.#read(url);
  }

  async #read(url: string): Promise<void> {
    try {
      const response = await fetch(url, { signal: this.#controller.signal });
      assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
      let buffer = "";
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split("\n").find((l) => l.startsWith("data: "));
          if (data) this.events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch (e) {
      if (!this.#controller.signal.aborted) throw e;
    }
  }

  /** The first event (from `from` on) that `match` accepts, waiting up to 20 s. */
  async next(match: (e: ReloadEvent) => boolean, from = 0): Promise<ReloadEvent> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no matching event; got ${JSON.stringify(this.events, null, 1)}`);
  }

  async close(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}

async function withServer(
  fn: (server: DevServer, root: string) => Promise<void>,
  edit?: (root: string) => void,
): Promise<void> {
  using dir = tempDir("floe-serve-");
  const root = join(dir.path, "site");
  cpSync(FIXTURE, root, { recursive: true });
  edit?.(root);
  const server = await startDevServer({ root, port: 0, cacheDir: false, debounceMs: 20 });
  try {
    await fn(server, root);
  } finally {
    await server.close();
  }
}

function edit(root: string, path: string, change: (text: string) => string): void {
  const file = join(root, path);
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

Deno.test("serve: binds to loopback and serves the site under its base path", async () => {
  await withServer(async (server, root) => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/sub\/$/);
    assert.equal(server.first.report.ok, true);
    const origin = new URL(server.url).origin;

    const home = await fetch(`${origin}/sub/`);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get("content-type"), "text/html; charset=utf-8");
    const html = await home.text();
    assert.match(html, /<script type="module" src="\/sub\/__floe\/client\.js"/);
    // The client is injected into what is served, never into the files.
    assert.doesNotMatch(readFileSync(join(root, "_site", "index.html"), "utf8"), /__floe/);

    const css = await fetch(`${origin}/sub/css/site.css`);
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
    assert.equal(await css.text(), readFileSync(join(root, "static/css/site.css"), "utf8"));
    const svg = await fetch(`${origin}/sub/css/logo.svg`);
    assert.equal(svg.headers.get("content-type"), "image/svg+xml");
    await svg.body?.cancel();
    const feed = await fetch(`${origin}/sub/index.xml`);
    assert.equal(feed.headers.get("content-type"), "application/xml");
    await feed.body?.cancel();

    const folder = await fetch(`${origin}/sub/docs`, { redirect: "manual" });
    assert.equal(folder.status, 301);
    assert.equal(folder.headers.get("location"), "/sub/docs/");
    const root_ = await fetch(`${origin}/`, { redirect: "manual" });
    assert.equal(root_.status, 302);
    assert.equal(root_.headers.get("location"), "/sub/");
    await root_.body?.cancel();
    await folder.body?.cancel();

    const missing = await fetch(`${origin}/sub/no/such/page/`);
    assert.equal(missing.status, 404);
    const body = await missing.text();
    assert.ok(body.startsWith(readFileSync(join(root, "_site", "404.html"), "utf8")));
    assert.match(body, /__floe\/client\.js/);
    const outside = await fetch(`${origin}/docs/`);
    assert.equal(outside.status, 404);
    await outside.body?.cancel();

    const head = await fetch(`${origin}/sub/`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
    const post = await fetch(`${origin}/sub/`, { method: "POST" });
    assert.equal(post.status, 405);
    await post.body?.cancel();

    const client = await fetch(`${origin}/sub/__floe/client.js`);
    assert.equal(client.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.match(await client.text(), /new EventSource/);
    const noBase = await fetch(`${origin}/__floe/events`);
    assert.equal(noBase.status, 404);
    await noBase.body?.cancel();
  });
});

Deno.test("serve: traversal over the wire is refused", async () => {
  await withServer(async (server, root) => {
    writeFileSync(join(root, "..", "secret.txt"), "SECRET");
    const { port } = server;
    // Raw requests: fetch would normalise the dots away before sending.
    for (
      const path of [
        "/sub/../secret.txt",
        "/sub/../../secret.txt",
        "/sub/%2e%2e/secret.txt",
        "/sub/..%2fsecret.txt",
        "/sub/..%5c..%5csecret.txt",
        "/sub/%2e%2e%2f%2e%2e%2fsecret.txt",
      ]
    ) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      await conn.write(
        new TextEncoder().encode(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      );
      let text = "";
      for await (const chunk of conn.readable.pipeThrough(new TextDecoderStream())) text += chunk;
      assert.doesNotMatch(text, /SECRET/, path);
      assert.match(text, /^HTTP\/1\.1 (403|404)/, `${path}: ${text.slice(0, 40)}`);
    }
  });
});

Deno.test("serve: events say what each build changed, and carry its errors with a code frame", async () => {
  await withServer(async (server) => {
    const events = new EventReader(`${server.url}__floe/events`);
    try {
      // First the server's state: its revision and errors, no changes.
      const hello = await events.next(() => true);
      assert.deepEqual(Object.keys(hello).sort(), ["errors", "revision", "server"]);
      assert.equal(hello.revision, server.revision);
      assert.deepEqual(hello.errors, []);
      const root = new URL(server.url).pathname; // "/sub/"
      assert.equal(root, "/sub/");
    } finally {
      await events.close();
    }
  });
  await withServer(async (server, root) => {
    const events = new EventReader(`${server.url}__floe/events`);
    try {
      const start = (await events.next(() => true)).revision;

      edit(root, "content/docs/install.md", (t) => `${t}\nA new closing line.\n`);
      const body = await events.next((e) => e.revision === start + 1);
      assert.ok(body.changed.includes("/sub/docs/install/"), body.changed.join());
      assert.equal(body.cssOnly, false);
      assert.deepEqual(body.errors, []);

      edit(root, "static/css/site.css", (t) => `${t}\nmain { color: teal }\n`);
      const css = await events.next((e) => e.revision === start + 2);
      assert.deepEqual(css.changed, ["/sub/css/site.css"]);
      assert.equal(css.cssOnly, true);

      edit(root, "content/docs/install.md", (t) => t.replace("title: Install", "title: [Install"));
      const broken = await events.next((e) => e.revision === start + 3);
      assert.deepEqual(broken.changed, []);
      assert.equal(broken.errors.length, 1);
      const [error] = broken.errors;
      assert.equal(error.file, "content/docs/install.md");
      // js-yaml finds the missing `]` at the start of the next line.
      assert.equal(error.line, 3);
      assert.equal(error.column, 1);
      assert.ok(error.message.length > 0 && (error.hint ?? "").length > 0);
      assert.deepEqual(error.frame.map((l) => l.number), [1, 2, 3, 4, 5]);
      assert.equal(error.frame[1].text, "title: [Install");
      // The last good output is still served.
      const page = await (await fetch(`${server.url}docs/install/`)).text();
      assert.match(page, /A new closing line/);

      edit(root, "content/docs/install.md", (t) => t.replace("title: [Install", "title: Fixed"));
      const fixed = await events.next((e) => e.revision === start + 4);
      assert.deepEqual(fixed.errors, []);
      assert.ok(fixed.changed.includes("/sub/docs/install/"));

      edit(root, "content/blog/second.md", (t) => t);
      await new Promise((r) => setTimeout(r, 300));
      await server.idle();
      // A save that changes no output sends nothing.
      assert.equal(events.events.at(-1)!.revision, start + 4);
      const gone = events.events.length;
      Deno.removeSync(join(root, "content/docs/install.md"));
      const removed = await events.next((e) => e.removed.includes("/sub/docs/install/"), gone);
      assert.equal(removed.revision, start + 5);
    } finally {
      await events.close();
    }
  });
});

Deno.test("serve: a build failing with many errors sends the first twenty and one line for the rest", async () => {
  await withServer(async (server, root) => {
    const events = new EventReader(`${server.url}__floe/events`);
    try {
      const start = (await events.next(() => true)).revision;
      // 25 pages whose front matter does not parse: 25 errors in one build.
      for (let i = 0; i < 25; i++) {
        writeFileSync(join(root, `content/blog/bad-${i}.md`), "---\ntitle: [oops\n---\nText.\n");
      }
      // The watcher may see the files in more than one batch: wait for the build of all.
      const failed = await events.next((e) =>
        e.revision > start && e.errors.at(-1)?.message === "and 5 more errors"
      );
      assert.equal(failed.errors.length, 21);
      assert.ok(failed.errors.slice(0, 20).every((e) => e.file?.startsWith("content/blog/bad-")));
      const last = failed.errors[20];
      assert.equal(last.message, "and 5 more errors");
      assert.match(last.hint ?? "", /terminal/);
      assert.deepEqual(last.frame, []);
    } finally {
      await events.close();
    }
  });
});

Deno.test("serve: ten rapid edits end in the output of the last one", async () => {
  await withServer(async (server, root) => {
    for (let i = 1; i <= 10; i++) {
      edit(root, "content/docs/install.md", (t) => t.replace(/^title: .*$/m, `title: Take ${i}`));
      edit(root, "content/blog/second.md", (t) => `${t}\nLine ${i}.\n`);
      await new Promise((r) => setTimeout(r, i % 3 === 0 ? 0 : 7));
    }
    // Let the watcher hand the last burst over, then wait for the builds.
    await new Promise((r) => setTimeout(r, 200));
    await server.idle();
    const served = readTreeOrEmpty(join(root, "_site"));
    using clean = tempDir("floe-clean-");
    const expected = await cleanBuild(root, join(clean.path, "out"));
    assert.ok(expected.ok);
    assert.equal(treeDiff(served, expected.tree), null);
    assert.match(readFileSync(join(root, "_site/docs/install/index.html"), "utf8"), /Take 10/);
  });
});

Deno.test("serve: a config edit takes effect (new filter code, new settings)", async () => {
  await withServer(async (server, root) => {
    const page = () => fetch(`${server.url}docs/install/`).then((r) => r.text());
    assert.match(await page(), /INSTALL!/);
    edit(root, "floe.config.ts", (t) =>
      t.replace(`.toUpperCase() + "!"`, `.toUpperCase() + "?!"`)
        .replace(`footer: "Made in a test"`, `footer: "Made again"`));
    const deadline = Date.now() + 20_000;
    while (!/INSTALL\?!/.test(await page()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const html = await page();
    assert.match(html, /INSTALL\?!/);
    assert.match(html, /Made again/);

    // Settings from a module the config imports: this process has loaded the
    // config before, so the new module must be seen all the same.
    writeFileSync(join(root, "params.ts"), `export const footer = "From a module";\n`);
    edit(
      root,
      "floe.config.ts",
      (t) =>
        `import { footer } from "./params.ts";\n${t.replace(`footer: "Made again"`, "footer")}`,
    );
    const until = async (re: RegExp) => {
      const end = Date.now() + 20_000;
      while (!re.test(await page()) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.match(await page(), re);
    };
    await until(/From a module/);
    writeFileSync(join(root, "params.ts"), `export const footer = "Edited module";\n`);
    await until(/Edited module/);
  });
});

Deno.test("serve: a worker that dies is replaced; the server goes on", async () => {
  await withServer(
    async (server, root) => {
      const page = () => fetch(`${server.url}docs/install/`).then((r) => r.text());
      const wait = async (re: RegExp) => {
        const deadline = Date.now() + 20_000;
        while (!re.test(await page()) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.match(await page(), re);
      };
      edit(root, "content/docs/install.md", (t) => t.replace("title: Install", "title: crash"));
      await new Promise((r) => setTimeout(r, 300));
      await server.idle();
      edit(root, "content/docs/install.md", (t) => t.replace("title: crash", "title: Recovered"));
      await wait(/RECOVERED!/);
    },
    (root) =>
      edit(root, "floe.config.ts", (t) =>
        t.replace(
          "shout: (value: unknown) =>",
          `shout: (value: unknown) => {
      if (value === "crash") setTimeout(() => { throw new Error("the worker dies"); });
      return String(value).toUpperCase() + "!";
    },
    unused: (value: unknown) =>`,
        )),
  );
});

Deno.test("serve: a port in use is skipped for the next free one", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    using dir = tempDir("floe-serve-");
    const root = join(dir.path, "site");
    cpSync(FIXTURE, root, { recursive: true });
    const port = taken.addr.port;
    let server: DevServer;
    try {
      server = await startDevServer({ root, port, cacheDir: false });
    } catch (e) {
      // The next port may be taken by something else on this machine.
      if (e instanceof Deno.errors.AddrInUse) return;
      throw e;
    }
    try {
      assert.ok(server.port > port && server.port <= port + 20, `${server.port} after ${port}`);
      assert.equal((await fetch(server.url)).status, 200);
    } finally {
      await server.close();
    }
  } finally {
    taken.close();
  }
});
