/**
 * Long runs of the incremental-build property (see harness.ts):
 *
 * ```sh
 * deno run -A tests/incremental/fuzz.ts --seed 7 --steps 500
 * deno run -A tests/incremental/fuzz.ts --seed 1 --runs 20 --steps 100   # seeds 1…20
 * ```
 *
 * Flags: `--seed N` (default: from the clock, printed), `--steps M` (default 200),
 * `--runs R` (seeds N…N+R-1), `--workers W` (default 1), `--fresh-every K` (a new
 * session every K steps, default 4; 0: never), `--pages P`, `--no-broken` (no
 * deliberately broken edits), `--keep` (keep the temporary site and outputs),
 * `--quiet` (no line per step), `--script kind,kind,…` (these edit kinds first, in
 * order; see `EDIT_KINDS` in tests/support/random_site.ts), `--validate` (only check that every edit gives a
 * site a clean build accepts, or rejects when it is meant to be broken).
 * `--mode interrupted`: each step's build is cancelled (AbortSignal) mid-way, then
 * run again; `--mode killed`: each step's build runs in a child process killed
 * (SIGKILL) mid-way, then a new session builds.
 *
 * Exits 1 on the first failure, printing the seed, the step, the edits so far
 * and the command that replays it.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { RandomSite } from "../support/random_site.ts";
import {
  cleanBuild,
  type Interruption,
  runIncremental,
  runInterrupted,
  runKilled,
  workspace,
} from "./harness.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    seed: { type: "string" },
    steps: { type: "string", default: "200" },
    runs: { type: "string", default: "1" },
    workers: { type: "string", default: "1" },
    "fresh-every": { type: "string", default: "4" },
    pages: { type: "string" },
    "no-broken": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    validate: { type: "boolean", default: false },
    script: { type: "string" },
    mode: { type: "string", default: "incremental" },
  },
});

const firstSeed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const steps = Number(values.steps);
const runs = Number(values.runs);
const workers = Number(values.workers);
const pages = values.pages === undefined ? undefined : Number(values.pages);
const log = values.quiet ? () => {} : (line: string) => console.log(line);

/** Every edit must give a site the clean build accepts, unless it is meant to be broken. */
async function validate(seed: number): Promise<void> {
  const ws = workspace(values.keep);
  try {
    const site = RandomSite.create(ws.root, seed, { pages });
    for (let step = 0; step <= steps; step++) {
      const edit = step ? site.randomEdit({ allowBroken: !values["no-broken"] }) : null;
      const result = await cleanBuild(ws.root, ws.cleanOut, workers);
      const expectBroken = site.broken !== null;
      log(
        `step ${step}: ${edit ? `${edit.kind}: ${edit.detail}` : "first build"} → ${
          result.ok ? `ok, ${result.tree.size} files` : "failed"
        }${expectBroken ? " (broken on purpose)" : ""}`,
      );
      if (!result.ok && !expectBroken) {
        throw new Error(`seed ${seed} step ${step}: the clean build failed:\n${result.errors}`);
      }
    }
  } finally {
    ws.dispose();
  }
}

/** When `--mode interrupted` cancels the build of each step, in turn. */
const INTERRUPTIONS: readonly Interruption[] = Object.freeze([
  { kind: "timeout", ms: 0 },
  { kind: "progress", phase: "render", done: 1 },
  { kind: "timeout", ms: 5 },
  { kind: "progress", phase: "parse", done: 1 },
  { kind: "timeout", ms: 20 },
  { kind: "timeout", ms: 50 },
]);

/** When `--mode killed` kills the child build of each step, in turn (ms after it starts). */
const KILL_AFTER_MS: readonly number[] = Object.freeze([120, 30, 250, 80]);

let failed = false;
for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
  console.log(`seed ${seed}: ${steps} steps, ${workers} worker(s)`);
  try {
    if (values.validate || values.mode === "validate") {
      await validate(seed);
      console.log(`seed ${seed}: ok — every edit gave a site the clean build accepts`);
    } else if (values.mode === "interrupted") {
      const interruptions = Array.from(
        { length: steps },
        (_, i) => INTERRUPTIONS[i % INTERRUPTIONS.length],
      );
      const { cancelled } = await runInterrupted({
        seed,
        steps,
        workers,
        pages,
        log,
        interruptions,
      });
      console.log(`seed ${seed}: ok — ${cancelled} of ${steps} builds cancelled`);
      if (steps >= 4 && cancelled < 2) throw new Error(`only ${cancelled} builds were cancelled`);
    } else if (values.mode === "killed") {
      const killAfterMs = Array.from({ length: steps }, (_, i) => KILL_AFTER_MS[i % 4]);
      const { killed } = await runKilled({
        seed,
        steps,
        workers,
        pages,
        log,
        keep: values.keep,
        killAfterMs,
      });
      console.log(`seed ${seed}: ok — ${killed} of ${steps} child builds killed`);
      if (steps >= 3 && killed < 1) throw new Error("no child build was killed");
    } else if (values.mode !== "incremental") throw new Error(`unknown --mode ${values.mode}`);
    else {
      const stats = await runIncremental({
        seed,
        steps,
        workers,
        freshEvery: Number(values["fresh-every"]),
        pages,
        allowBroken: !values["no-broken"],
        script: values.script?.split(",").filter(Boolean),
        keep: values.keep,
        log,
      });
      console.log(
        `seed ${seed}: ok — ${stats.steps} steps, ${stats.failedBuilds} failed builds (on purpose), ${stats.fullBuilds} full builds, ${stats.rendered} pages rendered, ${
          (stats.ms / 1000).toFixed(1)
        } s`,
      );
    }
  } catch (e) {
    console.error((e as Error).message);
    failed = true;
    break;
  }
}
if (failed) Deno.exit(1);
