/**
 * Incremental builds give the bytes of a clean build: after every edit of a random
 * site, a session's build (and a new session's, through the disk cache) leaves
 * exactly the files a clean build makes; a failed build leaves the last good
 * output; a cancelled or killed build, built again, gives the clean output.
 *
 * Each test runs tests/incremental/fuzz.ts (the shared harness) in a `deno run`
 * child process: under `deno test`, every new Worker is type-checked when it
 * starts (seconds each on this machine), and these runs start a few hundred pools
 * (every clean build is a one-shot session with its own). A failure prints the
 * seed, the step, the edits so far and the command that replays it. Long runs:
 * `deno run -A tests/incremental/fuzz.ts --seed 1 --runs 20 --steps 200`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { EDIT_KINDS } from "../support/random_site.ts";

const FUZZ = new URL("./fuzz.ts", import.meta.url).pathname;
const verbose = Boolean(Deno.env.get("FLOE_TEST_VERBOSE"));

/** Runs fuzz.ts with `args`; fails with its output when it fails. */
async function fuzz(...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", FUZZ, ...args, ...(verbose ? [] : ["--quiet"])],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(stdout);
  const err = new TextDecoder().decode(stderr);
  if (verbose) console.log(out);
  assert.equal(code, 0, `fuzz.ts ${args.join(" ")} failed:\n${out}\n${err}`);
  return out;
}

Deno.test("incremental == clean: every edit kind once, broken edits and their fixes", async () => {
  // Each kind once, so no kind depends on the luck of a seed; a broken file stays
  // broken across other edits until its fix.
  const script = [
    ...EDIT_KINDS.filter((k) => !k.startsWith("broken-") && k !== "fix"),
    // Edits made while the site is broken must show once it is fixed.
    "broken-front-matter",
    "title",
    "fix",
    "broken-data",
    "date",
    "fix",
    "broken-layout",
    "include",
    "title",
    "fix",
    "broken-config",
    "tag-add",
    "fix",
    "layout-toggle",
  ];
  const out = await fuzz(
    "--seed",
    "11",
    "--steps",
    String(script.length),
    "--script",
    script.join(","),
  );
  assert.match(out, /seed 11: ok/);
});

Deno.test("incremental == clean: random edits, a new session every 5 steps", async () => {
  assert.match(await fuzz("--seed", "1", "--steps", "16", "--fresh-every", "5"), /seed 1: ok/);
});

Deno.test("incremental == clean: two workers", async () => {
  const out = await fuzz("--seed", "2", "--steps", "4", "--workers", "2", "--fresh-every", "3");
  assert.match(out, /seed 2: ok/);
});

Deno.test("a cancelled build, built again (same session, then a new one), gives the clean output", async () => {
  assert.match(
    await fuzz("--mode", "interrupted", "--seed", "300", "--steps", "6"),
    /seed 300: ok/,
  );
});

Deno.test("a build process killed mid-way, then a new one, gives the clean output", async () => {
  assert.match(await fuzz("--mode", "killed", "--seed", "4", "--steps", "3"), /seed 4: ok/);
});
