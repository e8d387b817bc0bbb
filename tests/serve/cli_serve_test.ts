/**
 * `floe serve` as a user runs it: flags reach the build (`--drafts`), the
 * terminal gets one line per rebuild, and Ctrl-C — also in the middle of a
 * build — ends the process at once, with no staging folder left, the output
 * intact and the cache written (the next `floe build` redoes nothing).
 *
 * @module
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run_cli.ts";
import { tempDir } from "../support/tree.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const FIXTURE = new URL("../fixtures/basic/site/", import.meta.url).pathname;

/** A running `floe serve` and the lines it has printed. */
class ServeProcess {
  readonly child: Deno.ChildProcess;
  readonly lines: string[] = [];
  readonly #reading: Promise<void>;

  constructor(args: readonly string[]) {
    this.child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-check", MAIN, "serve", ...args],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).spawn();
    this.#reading = Promise.all([this.#read(this.child.stdout), this.#read(this.child.stderr)])
      .then(() => {});
  }

  async #read(stream: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<void> {
    let buffer = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      const parts = buffer.split("\n");
      buffer = parts.pop()!;
      this.lines.push(...parts);
    }
    if (buffer) this.lines.push(buffer);
  }

  /** The first printed line matching `re`, waiting up to 30 s. */
  async line(re: RegExp, from = 0): Promise<string> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const found = this.lines.slice(from).find((l) => re.test(l));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no line matching ${re} in:\n${this.lines.join("\n")}`);
  }

  async stop(signal: Deno.Signal): Promise<{ code: number; ms: number }> {
    const start = Date.now();
    this.child.kill(signal);
    const status = await this.child.status;
    await this.#reading;
    return { code: status.code, ms: Date.now() - start };
  }
}

function stagingLeft(parent: string): string[] {
  return readdirSync(parent).filter((name) => name.includes("floe-staging"));
}

Deno.test("floe serve: --drafts, a line per rebuild, and Ctrl-C in the middle of a build", async () => {
  using dir = tempDir("floe-cli-serve-");
  const root = join(dir.path, "site");
  cpSync(FIXTURE, root, { recursive: true });
  const serve = new ServeProcess([root, "--port", "0", "--drafts"]);
  try {
    const listening = await serve.line(/^floe: serving http:\/\/127\.0\.0\.1:\d+\/sub\/ /);
    const url = listening.split(" ")[2];
    assert.match(serve.lines.join("\n"), /first build → rendered \d+, written \d+/);
    // --drafts reaches the build: the draft page is served.
    const draft = await fetch(`${url}blog/draft/`);
    assert.equal(draft.status, 200);
    await draft.body?.cancel();

    const page = join(root, "content/docs/install.md");
    writeFileSync(page, `${readFileSync(page, "utf8")}\nMore text.\n`);
    const line = await serve.line(/content\/docs\/install\.md → rendered 1, written \d+/);
    assert.match(line, /in \d+ ms \(revision \d+\)$/);

    // A change to every page (the layout), then Ctrl-C while that build runs.
    const layout = join(root, "layouts/_default/base.vto");
    const from = serve.lines.length;
    writeFileSync(layout, readFileSync(layout, "utf8").replace("<main>", "<main class=x>"));
    await new Promise((r) => setTimeout(r, 15));
    const { code, ms } = await serve.stop("SIGINT");
    assert.equal(code, 0, serve.lines.join("\n"));
    assert.ok(ms < 10_000, `took ${ms} ms to stop`);
    assert.ok(serve.lines.slice(from).includes("floe: stopped"), serve.lines.join("\n"));
    assert.deepEqual(stagingLeft(root), []);
    assert.ok(existsSync(join(root, "_site/index.html")));
  } finally {
    try {
      serve.child.kill("SIGKILL");
    } catch {
      // ended already
    }
  }
  // What the server built last is remembered: the same build from a new process
  // redoes at most the layout edit it may not have finished.
  const again = await runCli(["build", root, "--drafts"]);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /full build/);
});

Deno.test("floe serve: bad flags are usage errors", async () => {
  const port = await runCli(["serve", ".", "--port", "eighty"]);
  assert.equal(port.code, 1);
  assert.match(port.stderr, /--port must be a port number/);
  const flag = await runCli(["serve", ".", "--explain"]);
  assert.equal(flag.code, 1);
  assert.match(flag.stderr, /unknown option --explain/);
});
