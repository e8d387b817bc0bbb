/**
 * A build stopped half-way — Ctrl-C, a TERM, a kill -9 — leaves the previous
 * output as it was and no staging folder for long; two builds of one output
 * folder at once do not run over each other; a trace that cannot be written
 * after the output was committed does not fail the run.
 *
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run_cli.ts";
import { readTree, tempDir, writeSite } from "../support/tree.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** A site big enough that its render phase lasts a while. */
function bigSite(root: string, pages: number): void {
  const files: Record<string, string> = { "content/_index.md": "---\ntitle: Home\n---\nHi.\n" };
  const text = "Some words to render, with a [link](/) and `code`.\n\n".repeat(20);
  for (let i = 0; i < pages; i++) {
    files[`content/posts/p${String(i).padStart(5, "0")}.md`] =
      `---\ntitle: Post ${i}\ndate: 2024-01-01\n---\n${text}`;
  }
  writeSite(root, files);
}

const stagingIn = (dir: string) => readdirSync(dir).filter((n) => n.includes("floe-staging"));

/** Whether a build is rendering: its staging folder (made before parsing) has outputs in it. */
const rendering = (dir: string) =>
  stagingIn(dir).some((name) => readdirSync(join(dir, name)).length > 0);

/** Starts `floe build`, waits until it is rendering, sends `signal`. */
async function interruptBuild(root: string, signal: Deno.Signal): Promise<Deno.CommandOutput> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", MAIN, "build", root, "--clean", "-q"],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const deadline = Date.now() + 60_000;
  while (!rendering(root) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.ok(rendering(root), "the build got to rendering");
  child.kill(signal);
  return await child.output();
}

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  Deno.test(`interrupt: ${signal} mid-build exits ${code}, output unchanged, no staging left`, async () => {
    using dir = tempDir();
    const root = join(dir.path, "site");
    bigSite(root, 1500);
    const first = await runCli(["build", root, "-q"]);
    assert.equal(first.code, 0, first.stderr);
    const before = readTree(join(root, "_site"));
    writeFileSync(join(root, "content/posts/p00000.md"), "---\ntitle: Changed\n---\nNew.\n");
    const out = await interruptBuild(root, signal);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, code, stderr);
    assert.match(stderr, /build interrupted; the output folder was not changed/);
    assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
    assert.deepEqual(stagingIn(root), []);
    assert.ok(!existsSync(join(root, "._site.floe-lock")), "the lock is released");
    assert.deepEqual(readTree(join(root, "_site")), before);
  });
}

Deno.test("interrupt: a staging folder and a lock left by a killed build are cleared by the next one", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  bigSite(root, 3);
  // What `kill -9` leaves: a half-filled staging folder and a lock, both of a process gone.
  const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
  mkdirSync(join(root, `._site.floe-staging-${dead}-abc/posts`), { recursive: true });
  writeFileSync(join(root, `._site.floe-staging-${dead}-abc/posts/x.html`), "half");
  writeFileSync(join(root, "._site.floe-lock"), `${dead}\n`);
  const run = await runCli(["build", root, "-q"]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(stagingIn(root), []);
  assert.ok(!existsSync(join(root, "._site.floe-lock")));
  assert.ok(existsSync(join(root, "_site/posts/p00000/index.html")));
});

Deno.test("interrupt: a second build of an output folder a live build holds is refused", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  bigSite(root, 3);
  // This test process stands for a build under way.
  writeFileSync(join(root, "._site.floe-lock"), `${Deno.pid}\n`);
  const run = await runCli(["build", root]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, new RegExp(`another floe \\(process ${Deno.pid}\\) is building into`));
  assert.match(run.stderr, /hint: wait for it to finish or stop it/);
  assert.ok(!existsSync(join(root, "_site")), "nothing written");
  assert.ok(existsSync(join(root, "._site.floe-lock")), "the holder's lock is kept");
});

Deno.test("interrupt: a trace that cannot be written after the commit is a warning, not a failure", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  bigSite(root, 3);
  const run = await runCli(["build", root, "--trace", join(dir.path, "no/such/folder/trace.json")]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stderr,
    /warning\[trace\]: could not write the trace .*: no such file or folder \(ENOENT\)/,
  );
  assert.ok(existsSync(join(root, "_site/index.html")));
});
