import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./support/run_cli.ts";
import { V8_FLAGS } from "../src/cli/v8_flags.ts";
import { FLOE_VERSION } from "../src/base/version.ts";
import { assertSameTree, tempDir } from "./support/tree.ts";

Deno.test("cli: `new site` writes a starter site that builds without warnings", async () => {
  using dir = tempDir();
  const site = join(dir.path, "my-site");
  const created = await runCli(["new", "site", site]);
  assert.equal(created.code, 0, created.stderr);
  const built = await runCli(["build", site, "--workers", "2"]);
  assert.equal(built.code, 0, built.stderr);
  assert.equal(built.stderr, "", "no warnings");
  // 4 content pages, /tags/, 404; robots.txt (the site's), sitemap, 2 feeds × 2
  // sections, search index, theme css + js.
  assert.match(built.stdout, /floe: 6 pages, 15 files in [\d.]+ s with 2 workers/);
  const post = readFileSync(join(site, "_site/posts/hello-world/index.html"), "utf8");
  assert.match(post, /<h1>Hello, world<\/h1>/);
  assert.ok(existsSync(join(site, "_site/robots.txt")));
  // Its tasks run floe with floe's V8 flags (a small young generation: see v8_flags.ts).
  const { tasks } = JSON.parse(readFileSync(join(site, "deno.json"), "utf8"));
  for (const [name, command] of Object.entries(tasks)) {
    assert.equal(
      command,
      `deno run -A --v8-flags=${V8_FLAGS} jsr:@floe/floe@^${FLOE_VERSION}/cli ${name}`,
    );
  }
  assert.deepEqual(Object.keys(tasks), ["build", "serve"]);
  const again = await runCli(["new", "site", site]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /exists and is not empty/);
});

Deno.test("cli: --trace writes Chrome trace events with a track per worker", async () => {
  using dir = tempDir();
  const site = join(dir.path, "s");
  await runCli(["new", "site", site]);
  // More pages than a one-shot build renders on its own thread.
  for (let i = 0; i < 12; i++) {
    writeFileSync(
      join(site, `content/posts/extra-${i}.md`),
      `---\ntitle: Extra ${i}\n---\nText.\n`,
    );
  }
  const trace = join(dir.path, "trace.json");
  const run = await runCli(["build", site, "--quiet", "--workers", "2", "--trace", trace]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, "", "--quiet prints nothing on success");
  const { traceEvents } = JSON.parse(readFileSync(trace, "utf8"));
  const threads = traceEvents.filter((e: { ph: string }) => e.ph === "M").map((
    e: { args: { name: string } },
  ) => e.args.name);
  assert.deepEqual(threads.sort(), ["main", "parse-0", "parse-1", "render-0", "render-1"]);
  const phases = traceEvents.filter((e: { tid: number; ph: string }) => e.tid === 0 && e.ph === "X")
    .map((e: { name: string }) => e.name);
  // Site-wide outputs are made while the workers render: that phase overlaps "render".
  // A first build sends the snapshot to the render workers as soon as it is built.
  assert.ok(phases.includes("outputs"), phases.join(", "));
  assert.deepEqual(phases.filter((name: string) => name !== "outputs"), [
    "config",
    "load",
    "discover",
    "parse",
    "snapshot",
    "share",
    "plan",
    "render",
    "post",
    "write",
  ]);
});

Deno.test("cli: help lists the commands", async () => {
  const run = await runCli(["help"]);
  assert.equal(run.code, 0);
  for (const command of ["floe build", "floe new site", "floe audit"]) {
    assert.ok(run.stdout.includes(command));
  }
});

Deno.test("cli: output does not depend on the machine's time zone", async () => {
  using dir = tempDir();
  const site = new URL("./fixtures/basic/site", import.meta.url).pathname;
  const expected = new URL("./fixtures/basic/expected", import.meta.url).pathname;
  const out = join(dir.path, "out");
  const run = await runCli(["build", site, "--out", out, "--quiet"], undefined, {
    TZ: "America/New_York",
  });
  assert.equal(run.code, 0, run.stderr);
  assertSameTree(out, expected);
});

Deno.test("cli: --out is relative to the current folder", async () => {
  using dir = tempDir();
  const site = join(dir.path, "s");
  await runCli(["new", "site", site]);
  const run = await runCli(["build", "s", "--out", "public", "--quiet"], dir.path);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(existsSync(join(dir.path, "public/index.html")));
  assert.ok(!existsSync(join(site, "public")));
});
