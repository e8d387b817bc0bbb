/**
 * The incremental-build property, shared by the test (incremental_test.ts) and
 * the long-run script (fuzz.ts): after every random edit of a random site, a
 * session's build must leave exactly what a clean build makes — the same files,
 * byte for byte — and a failed build must leave the previous good output alone.
 *
 * @module
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, BuildError, type BuildReport, formatDiagnostic, SiteSession } from "../../mod.ts";
import { describeEdits, type EditRecord, RandomSite } from "../support/random_site.ts";
import { readTree } from "../support/tree.ts";

/** Options of one run of the property. */
export interface RunOptions {
  readonly seed: number;
  /** Edits after the first build. */
  readonly steps: number;
  /** Workers per pool (default 1). */
  readonly workers?: number;
  /** Replace the session with a new one (a new process: disk cache only) every N steps; 0: never. */
  readonly freshEvery?: number;
  /** Pages of the generated site (default 36). */
  readonly pages?: number;
  /** Deliberately broken edits (and their fixes). Default true. */
  readonly allowBroken?: boolean;
  /** Keep the temporary folder (its path is logged). */
  readonly keep?: boolean;
  /** Edit kinds to apply first, in order ("fix" repairs a broken file); random edits after. */
  readonly script?: readonly string[];
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** A tree as a map of relative paths to bytes. */
export type Tree = Map<string, Uint8Array>;

const decoder = new TextDecoder();

/**
 * Where two output trees differ, in words (`null` when they are the same): files
 * only on one side, and for differing files the first differing line.
 */
export function treeDiff(actual: Tree, expected: Tree, limit = 5): string | null {
  const lines: string[] = [];
  const extra = [...actual.keys()].filter((p) => !expected.has(p));
  const missing = [...expected.keys()].filter((p) => !actual.has(p));
  if (extra.length) lines.push(`unexpected files: ${extra.join(", ")}`);
  if (missing.length) lines.push(`missing files: ${missing.join(", ")}`);
  let shown = 0;
  const differing: string[] = [];
  for (const [path, bytes] of expected) {
    const got = actual.get(path);
    if (!got || Buffer.compare(got, bytes) === 0) continue;
    differing.push(path);
    if (shown++ >= limit) continue;
    const a = decoder.decode(got).split("\n");
    const b = decoder.decode(bytes).split("\n");
    let i = 0;
    while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
    lines.push(
      `${path} differs at line ${i + 1}:\n    got:      ${
        JSON.stringify(a[i] ?? "(end of file)").slice(0, 400)
      }\n    expected: ${JSON.stringify(b[i] ?? "(end of file)").slice(0, 400)}`,
    );
  }
  if (differing.length > limit) lines.push(`…and ${differing.length - limit} more differing files`);
  if (differing.length) lines.unshift(`differing files: ${differing.join(", ")}`);
  return lines.length ? lines.join("\n") : null;
}

/** A tree of a folder that may not exist (an empty tree then). */
export function readTreeOrEmpty(dir: string): Tree {
  try {
    return readTree(dir);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return new Map();
    throw e;
  }
}

/** The clean build's verdict: its tree, or its errors. */
export type CleanResult =
  | { ok: true; tree: Tree; warnings: readonly string[] }
  | { ok: false; errors: string };

/** A truly clean build (no cache read or written) into `outDir`, emptied first. */
export async function cleanBuild(root: string, outDir: string, workers = 1): Promise<CleanResult> {
  rmSync(outDir, { recursive: true, force: true });
  let report: BuildReport;
  try {
    report = await build({ root, overrides: { outputDir: outDir, workers }, cacheDir: false });
  } catch (e) {
    if (e instanceof BuildError) {
      return { ok: false, errors: e.diagnostics.map((d) => formatDiagnostic(d)).join("\n") };
    }
    throw e;
  }
  return { ok: true, tree: readTree(outDir), warnings: warningsOf(report) };
}

/** The warnings of a report, formatted, in the order it has them. */
function warningsOf(report: BuildReport): string[] {
  return report.diagnostics.map((d) => formatDiagnostic(d));
}

/** Errors of a report, one per line. */
export function reportErrors(report: BuildReport): string {
  return report.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d))
    .join("\n") || (report.cancelled ? "(cancelled)" : "(no error diagnostics)");
}

/**
 * Checks a session build against the clean build of the same inputs, and the
 * report against the trees: files that changed bytes are in `written`, files that
 * disappeared in `removed`. `lastGood` is the output of the session's last good
 * build. Returns the new last good tree. Throws an Error naming what differs.
 */
export function checkAgainstClean(
  report: BuildReport,
  outDir: string,
  clean: CleanResult,
  lastGood: Tree,
): Tree {
  const tree = readTreeOrEmpty(outDir);
  if (!clean.ok) {
    if (report.ok) {
      throw new Error(
        `the session build succeeded, but a clean build fails with:\n${clean.errors}`,
      );
    }
    const diff = treeDiff(tree, lastGood);
    if (diff) {
      throw new Error(
        `a failed build changed the output folder (vs the last good output):\n${diff}`,
      );
    }
    return lastGood;
  }
  if (!report.ok) {
    throw new Error(
      `the session build failed, but a clean build succeeds:\n${reportErrors(report)}`,
    );
  }
  const diff = treeDiff(tree, clean.tree);
  if (diff) throw new Error(`incremental output differs from the clean build:\n${diff}`);
  const warnings = warningsOf(report);
  if (JSON.stringify(warnings) !== JSON.stringify(clean.warnings)) {
    throw new Error(
      `the warnings differ from the clean build's:\n--- session\n${
        warnings.join("\n")
      }\n--- clean\n${clean.warnings.join("\n")}`,
    );
  }
  const written = new Set(report.written);
  const unreported = [...tree].filter(([path, bytes]) => {
    const before = lastGood.get(path);
    return (!before || Buffer.compare(before, bytes) !== 0) && !written.has(path);
  }).map(([path]) => path);
  if (unreported.length) {
    throw new Error(`files changed but not in report.written: ${unreported.join(", ")}`);
  }
  const gone = [...lastGood.keys()].filter((p) => !tree.has(p));
  const removed = [...report.removed];
  if (JSON.stringify(gone) !== JSON.stringify(removed)) {
    throw new Error(
      `report.removed ${JSON.stringify(removed)} but the files gone are ${JSON.stringify(gone)}`,
    );
  }
  const pages = new Set(report.outputs.map((o) => o.path));
  const strays = report.rendered.filter((p) => !pages.has(p));
  if (strays.length) throw new Error(`report.rendered names non-outputs: ${strays.join(", ")}`);
  return tree;
}

/** A temporary folder holding the site and the output folders of a run. */
export interface Workspace {
  readonly dir: string;
  readonly root: string;
  readonly out: string;
  readonly cleanOut: string;
  dispose(): void;
}

/** Makes a workspace; `keep` leaves it on disk when disposed. */
export function workspace(keep = false): Workspace {
  const dir = Deno.makeTempDirSync({ prefix: "floe-incremental-" });
  return {
    dir,
    root: join(dir, "site"),
    out: join(dir, "out"),
    cleanOut: join(dir, "clean"),
    dispose: () => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The command that replays a run. */
export function replayCommand(options: RunOptions, steps: number, mode = "incremental"): string {
  const extra = [
    mode !== "incremental" ? ` --mode ${mode}` : "",
    options.workers && options.workers !== 1 ? ` --workers ${options.workers}` : "",
    options.freshEvery !== undefined ? ` --fresh-every ${options.freshEvery}` : "",
    options.pages !== undefined ? ` --pages ${options.pages}` : "",
    options.allowBroken === false ? " --no-broken" : "",
    options.script?.length ? ` --script ${options.script.join(",")}` : "",
  ].join("");
  return `deno run -A tests/incremental/fuzz.ts --seed ${options.seed} --steps ${steps}${extra}`;
}

/** Statistics of a run, for the log. */
export interface RunStats {
  steps: number;
  failedBuilds: number;
  fullBuilds: number;
  rendered: number;
  ms: number;
}

/**
 * Runs the property for one seed: a first build, then `steps` random edits, each
 * followed by a session build and a clean build that must agree. Throws an Error
 * naming the seed, the step and every edit so far.
 */
export async function runIncremental(options: RunOptions): Promise<RunStats> {
  const { seed, steps, workers = 1, freshEvery = 4, log = () => {} } = options;
  const ws = workspace(options.keep);
  if (options.keep) log(`workspace: ${ws.dir}`);
  const sessionOptions = { root: ws.root, overrides: { outputDir: ws.out, workers } };
  const edits: EditRecord[] = [];
  const stats: RunStats = { steps: 0, failedBuilds: 0, fullBuilds: 0, rendered: 0, ms: 0 };
  const started = performance.now();
  let session: SiteSession | undefined;
  let step = 0;
  let lastGood: Tree = new Map();
  let lastConfig = "";
  try {
    const site = RandomSite.create(ws.root, seed, { pages: options.pages });
    session = new SiteSession(sessionOptions);
    for (step = 0; step <= steps; step++) {
      let edit: EditRecord | null = null;
      let fresh = false;
      if (step > 0) {
        const scripted = options.script?.[step - 1];
        edit = scripted
          ? site.applyEdit(scripted)
          : site.randomEdit({ allowBroken: options.allowBroken });
        edits.push(edit);
        if (freshEvery > 0 && step % freshEvery === 0) {
          await session.close();
          // Every other one as the CLI builds: one-shot, its state written at once.
          const oneShot = (step / freshEvery) % 2 === 1;
          session = new SiteSession({ ...sessionOptions, oneShot });
          fresh = true;
        }
      }
      const t0 = performance.now();
      const report = await session.build({ changed: edit?.changed });
      const ms = performance.now() - t0;
      const clean = await cleanBuild(ws.root, ws.cleanOut, workers);
      if (!clean.ok && site.broken === null) {
        throw new Error(`the generator made a site the clean build rejects:\n${clean.errors}`);
      }
      lastGood = checkAgainstClean(report, ws.out, clean, lastGood);
      // Only what a build cannot account for may make it a full one.
      const config = readFileSync(join(ws.root, "floe.config.ts"), "utf8");
      if (report.ok && step > 0 && report.full !== null && config === lastConfig) {
        throw new Error(`a full build ("${report.full}") though the config did not change`);
      }
      if (report.ok) lastConfig = config;
      stats.steps = step;
      if (!report.ok) stats.failedBuilds++;
      if (report.full !== null) stats.fullBuilds++;
      stats.rendered += report.rendered.length;
      log(
        `step ${step}${fresh ? " (new session)" : ""}: ${
          edit ? `${edit.kind}: ${edit.detail}` : "first build"
        } → ${
          report.ok ? "ok" : "failed"
        }, ${report.rendered.length} rendered, ${report.written.length} written, ${report.removed.length} removed${
          report.full ? `, full (${report.full})` : ""
        }, ${ms.toFixed(0)} ms`,
      );
    }
  } catch (e) {
    const message = (e as Error).stack ?? String(e);
    throw new Error(
      `incremental build property failed: seed=${seed} step=${step}${
        options.workers ? ` workers=${workers}` : ""
      }\n${message}\nedits so far:\n${describeEdits(edits) || "  (none)"}\nreplay: ${
        replayCommand(options, step)
      } --keep`,
    );
  } finally {
    await session?.close();
    ws.dispose();
  }
  stats.ms = performance.now() - started;
  return stats;
}

/** How a build is interrupted in {@link runInterrupted}. */
export type Interruption =
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "progress"; readonly phase: "parse" | "render"; readonly done: number };

/**
 * A build cancelled mid-way, then run again: after each random edit, a session
 * build is aborted (after `ms`, or once `done` items of a phase are finished); its
 * output folder must still be the last good output (or, when it finished before
 * the abort, the clean output); the same session's next build, and a new
 * session's, must equal the clean build.
 */
export async function runInterrupted(
  options: RunOptions & { readonly interruptions: readonly Interruption[] },
): Promise<{ cancelled: number }> {
  const { seed, workers = 1, log = () => {} } = options;
  const ws = workspace(options.keep);
  if (options.keep) log(`workspace: ${ws.dir}`);
  let abort: (() => void) | null = null;
  const progress = { phase: "", done: -1 };
  const sessionOptions = {
    root: ws.root,
    overrides: { outputDir: ws.out, workers },
    onProgress: (p: { phase: string; done: number }) => {
      if (p.phase === progress.phase && p.done >= progress.done) abort?.();
    },
  };
  const edits: EditRecord[] = [];
  let step = 0;
  let cancelled = 0;
  let session: SiteSession | undefined;
  try {
    const site = RandomSite.create(ws.root, seed, { pages: options.pages });
    session = new SiteSession(sessionOptions);
    let lastGood = checkAgainstClean(
      await session.build(),
      ws.out,
      await cleanBuild(ws.root, ws.cleanOut, workers),
      new Map(),
    );
    for (const interruption of options.interruptions) {
      step++;
      const edit = site.randomEdit({ allowBroken: false });
      edits.push(edit);
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (interruption.kind === "timeout") {
        timer = setTimeout(() => controller.abort(), interruption.ms);
      } else {
        Object.assign(progress, { phase: interruption.phase, done: interruption.done });
        abort = () => controller.abort();
      }
      const report = await session.build({ changed: edit.changed, signal: controller.signal });
      clearTimeout(timer);
      abort = null;
      Object.assign(progress, { phase: "", done: -1 });
      const clean = await cleanBuild(ws.root, ws.cleanOut, workers);
      if (report.cancelled) {
        cancelled++;
        if (report.ok) throw new Error("a cancelled build reports ok");
        const diff = treeDiff(readTreeOrEmpty(ws.out), lastGood);
        if (diff) throw new Error(`a cancelled build changed the output folder:\n${diff}`);
      } else if (!report.ok) {
        throw new Error(
          `an aborted build failed without saying cancelled:\n${reportErrors(report)}`,
        );
      } else lastGood = checkAgainstClean(report, ws.out, clean, lastGood);
      log(
        `step ${step}: ${edit.kind}: ${edit.detail}; ${JSON.stringify(interruption)} → ${
          report.cancelled ? "cancelled" : "finished first"
        }`,
      );
      // Again, in the same session…
      lastGood = checkAgainstClean(await session.build(), ws.out, clean, lastGood);
      // …and in a new one, which has nothing to do.
      if (step % 2 === 0) {
        await session.close();
        session = new SiteSession(sessionOptions);
        const again = await session.build();
        lastGood = checkAgainstClean(again, ws.out, clean, lastGood);
        if (again.rendered.length || again.written.length || again.full !== null) {
          throw new Error(
            `a new session with nothing changed did work: full=${again.full} rendered=${again.rendered.length} written=${again.written.length}`,
          );
        }
      }
    }
  } catch (e) {
    throw new Error(
      `interrupted-build property failed: seed=${seed} step=${step}\n${
        (e as Error).stack ?? e
      }\nedits so far:\n${describeEdits(edits) || "  (none)"}\nreplay: ${
        replayCommand(options, options.interruptions.length, "interrupted")
      }`,
    );
  } finally {
    await session?.close();
    ws.dispose();
  }
  return { cancelled };
}

/**
 * A build process killed (SIGKILL) mid-way, then a new process: after each random
 * edit, a child process builds the site (with the disk cache; every other time
 * with `clean: true`, a full build) and is killed after `killAfterMs[i]`
 * milliseconds of building; a new session then must give the clean output.
 */
export async function runKilled(
  options: RunOptions & { readonly killAfterMs: readonly number[] },
): Promise<{ killed: number }> {
  const { seed, workers = 1, log = () => {} } = options;
  const ws = workspace(options.keep);
  if (options.keep) log(`workspace: ${ws.dir}`);
  const edits: EditRecord[] = [];
  let step = 0;
  let killed = 0;
  try {
    const site = RandomSite.create(ws.root, seed, { pages: options.pages });
    await buildInChild(ws, workers, false, null);
    for (const ms of options.killAfterMs) {
      step++;
      const edit = site.randomEdit({ allowBroken: false });
      edits.push(edit);
      const outcome = await buildInChild(ws, workers, step % 2 === 1, ms);
      if (outcome === "killed") killed++;
      // The new session starts from what the child left.
      const before = outcome === "killed" ? readTreeOrEmpty(ws.out) : outcome;
      const session = new SiteSession({ root: ws.root, overrides: { outputDir: ws.out, workers } });
      try {
        const report = await session.build();
        const clean = await cleanBuild(ws.root, ws.cleanOut, workers);
        checkAgainstClean(report, ws.out, clean, before);
        if (outcome !== "killed" && (report.rendered.length || report.written.length)) {
          throw new Error(
            `after a finished child build, a new session did work: rendered=${report.rendered.length} written=${report.written.length}`,
          );
        }
        log(
          `step ${step}: ${edit.kind}: ${edit.detail}; kill after ${ms} ms → ${
            outcome === "killed" ? "killed" : "finished first"
          }; then ${report.rendered.length} rendered${
            report.full ? ` (full: ${report.full})` : ""
          }`,
        );
      } finally {
        await session.close();
      }
    }
  } catch (e) {
    throw new Error(
      `killed-build property failed: seed=${seed} step=${step}\n${
        (e as Error).stack ?? e
      }\nedits so far:\n${describeEdits(edits) || "  (none)"}\nreplay: ${
        replayCommand(options, options.killAfterMs.length, "killed")
      }`,
    );
  } finally {
    ws.dispose();
  }
  return { killed };
}

/**
 * Builds in a child process (this module run as a script), killing it `killAfterMs`
 * after it says it starts building (`null`: let it finish). Returns the output
 * tree when it finished, or "killed".
 */
async function buildInChild(
  ws: Workspace,
  workers: number,
  clean: boolean,
  killAfterMs: number | null,
): Promise<Tree | "killed"> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL(import.meta.url).pathname,
      "build",
      ws.root,
      ws.out,
      String(workers),
      clean ? "clean" : "cache",
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let killed = false;
  if (killAfterMs !== null && text.startsWith("building")) {
    timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
        killed = true;
      } catch { /* it already ended */ }
    }, killAfterMs);
  }
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  const status = await child.status;
  clearTimeout(timer);
  const errors = await stderr;
  if (killed && !status.success) return "killed";
  if (!status.success || !text.includes("built")) {
    throw new Error(`the child build failed (${status.code}):\n${text}\n${errors}`);
  }
  return readTree(ws.out);
}

// Run as a script: the child process of `runKilled`.
if (import.meta.main && Deno.args[0] === "build") {
  const [, root, outputDir, workers, mode] = Deno.args;
  const session = new SiteSession({
    root,
    overrides: { outputDir, workers: Number(workers) },
    clean: mode === "clean",
  });
  console.log("building");
  const report = await session.build();
  await session.close();
  if (!report.ok) {
    console.error(reportErrors(report));
    Deno.exit(1);
  }
  console.log(`built ${report.rendered.length}`);
}
