/**
 * The command line as a careless user meets it: a known option used wrongly is
 * named as such (not "unknown"), `--workers` is bounded, `--help` and
 * `--version` answer without doing anything, and `deno task floe` takes paths
 * from where the user typed them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

const SITE = {
  "content/_index.md": "---\ntitle: Home\n---\nHi.\n",
  "content/a.md": "---\ntitle: A\n---\nA.\n",
};

const MISUSES: readonly (readonly [string[], RegExp, RegExp])[] = [
  [["--workers", "-3"], /--workers needs a value/, /--workers=<value>/],
  [["--out"], /--out needs a value/, /write --out <value>/],
  [["-o"], /--out needs a value/, /write --out <value>/],
  [["--drafts=true"], /--drafts takes no value/, /write --drafts alone/],
  [["--workers=-3"], /--workers must be a whole number ≥ 1, not "-3"/, /./],
  [["--darfts"], /unknown option --darfts/, /--drafts/],
];

for (const [args, message, hint] of MISUSES) {
  Deno.test(`cli: ${args.join(" ")} is named for what it is`, async () => {
    using dir = tempDir();
    writeSite(dir.path, SITE);
    const run = await runCli(["build", dir.path, ...args]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, message);
    assert.match(run.stderr, hint);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    assert.ok(!existsSync(join(dir.path, "_site")), "nothing built");
  });
}

Deno.test("cli: --workers is capped by the pages (64 asked, 2 pages: 2 workers)", async () => {
  using dir = tempDir();
  writeSite(dir.path, SITE);
  const run = await runCli(["build", dir.path, "--workers", "64"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /with 2 workers/);
});

Deno.test("cli: --version and audit --help answer and do nothing else", async () => {
  const version = await runCli(["--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^floe \d+\.\d+\.\d+\n$/);
  using dir = tempDir();
  const help = await runCli(["audit", "--help"], dir.path);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /Usage:/);
  assert.doesNotMatch(help.stdout, /finding|no problems/i, "no audit ran");
});

Deno.test("cli: deno task floe resolves paths from where the user typed them (INIT_CWD)", async () => {
  using dir = tempDir();
  const task = new URL("../../tools/task_floe.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", task, "new", "site", "my-site"],
    cwd: new URL("../..", import.meta.url).pathname,
    env: { INIT_CWD: dir.path, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.ok(existsSync(join(dir.path, "my-site/content")), "written where the user was");
  assert.ok(!existsSync(new URL("../../my-site", import.meta.url)), "not into the checkout");
});

Deno.test("cli: mod.ts imported by path from another project builds a site, with nothing downloaded", async () => {
  using dir = tempDir();
  writeSite(join(dir.path, "site"), SITE);
  const mod = new URL("../../mod.ts", import.meta.url).pathname;
  writeSite(join(dir.path, "project"), {
    // A project that brings its own node_modules, as floe's checkout does.
    "deno.json": `{ "nodeModulesDir": "manual" }\n`,
    "use.ts": `import { build } from ${JSON.stringify(mod)};
const report = await build({ root: ${JSON.stringify(join(dir.path, "site"))}, cacheDir: false });
console.log(report.pages, "pages");
`,
  });
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", "use.ts"],
    cwd: join(dir.path, "project"),
    // An empty Deno cache: a download would be needed, and would fail offline.
    env: { DENO_DIR: join(dir.path, "deno-dir"), NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.match(new TextDecoder().decode(out.stdout), /^\d+ pages\n$/);
  assert.ok(existsSync(join(dir.path, "site/_site/a/index.html")));
  assert.doesNotMatch(stderr, /Download/);
});
