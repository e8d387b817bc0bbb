/**
 * floe's own code passes the gates a JSR package must: formatting, lint (with
 * floe's own thread-safety plugin), type checks, doc lint and a publish dry run.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

async function deno(...args: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `deno ${args.join(" ")} failed:\n${text}`);
}

Deno.test("quality: deno fmt --check", () => deno("fmt", "--check"));
Deno.test("quality: deno lint (with the floe plugin)", () => deno("lint"));
Deno.test("quality: deno check", () => deno("check", "main.ts", "mod.ts", "workers/", "tests/"));
Deno.test("quality: deno doc --lint mod.ts", () => deno("doc", "--lint", "mod.ts"));
Deno.test("quality: deno publish --dry-run", () => deno("publish", "--dry-run", "--allow-dirty"));
