/**
 * A session owns one site's state across builds: config, the parse cache, the
 * last good build's snapshot and provenance, the worker pools and the output
 * writer. It is the one entry point for full and partial builds: the CLI's
 * one-shot build is a session used once, and the dev server keeps one open.
 *
 * A build, as data flowing (DESIGN.md): config → discover → parse (workers, only
 * files whose size or mtime moved) → snapshot (the one barrier, always whole) →
 * plan (what changed: the snapshot diffed field by field against the last good
 * one; the outputs whose recorded reads changed) → render (workers, only those
 * outputs) → post (site-wide files, again only those whose reads changed; the link
 * check over every page's stored scan) → commit (changed files moved into place)
 * → remember. An incremental build gives the same bytes as a clean one; what it
 * cannot account for (config, floe or library versions, a missing cache) makes a
 * full build, and the report says why.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { compareStrings } from "../base/compare.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { sha256 } from "../base/hash.ts";
import { FLOE_VERSION, OUTPUT_DEPENDENCIES } from "../base/version.ts";
import type { UserConfig } from "../config/config.ts";
import { resolveConfig, type ResolvedConfig } from "../config/load_config.ts";
import { discover, type InputFile, type Inputs } from "../discover/discover.ts";
import { BuildError, type Diagnostic, error, sortDiagnostics } from "../errors/diagnostic.ts";
import { listOutputFiles, openStaging, type Staging } from "../output/writer.ts";
import type { ParsedPage, ParseInit, ParseItem, ParseOutcome } from "../parse/parse_page.ts";
import { now } from "../pool/protocol.ts";
import { makeBatches, type PoolSpan, WorkerPool } from "../pool/worker_pool.ts";
import { checkLinks } from "../post/link_check.ts";
import { type SiteOutput, siteOutputs, type SiteSource } from "../post/outputs.ts";
import type { RenderInit, RenderItem, RenderOutcome } from "../render/render_page.ts";
import { diffSnapshots } from "../remember/diff.ts";
import {
  type BuildState,
  dropCache,
  loadCache,
  type ParseEntry,
  type Provenance,
  saveCache,
} from "../remember/store.ts";
import { buildSnapshot, type CopyJob, type SnapshotResult } from "../snapshot/build_snapshot.ts";
import { loadData } from "../snapshot/data_files.ts";
import { loadLayouts } from "../snapshot/layouts.ts";
import { shareSnapshot } from "../snapshot/transfer.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";
import { siteLinks } from "../snapshot/urls.ts";
import { createViews, type ReadTracker } from "../snapshot/views.ts";
import { type PhaseSpan, traceEvents } from "./trace.ts";

/**
 * How a session is opened: the site, its config, where its cache lives.
 *
 * @example
 * ```ts
 * import type { SessionOptions } from "./session.ts";
 * const options: SessionOptions = { root: "site", overrides: { drafts: true } };
 * ```
 */
export interface SessionOptions {
  /** The site folder. Default: the current folder. */
  readonly root?: string;
  /** A config file other than `<root>/floe.config.ts`. */
  readonly configFile?: string;
  /** Settings that win over the config file (what CLI flags set). */
  readonly overrides?: UserConfig;
  /**
   * Where builds are remembered between processes: default `<root>/.floe-cache`;
   * `false` keeps nothing on disk (the session still remembers in memory).
   */
  readonly cacheDir?: string | false;
  /** Ignore what the disk cache remembers (the first build is a full one). */
  readonly clean?: boolean;
  /** End each pool as soon as its stage is done (one-shot builds: lower peak memory). */
  readonly oneShot?: boolean;
  /** Write a Chrome trace-event JSON file of each build here. */
  readonly trace?: string;
  /** Called as pages are parsed and rendered. */
  readonly onProgress?: (progress: BuildProgress) => void;
}

/**
 * Progress of a running build, for a progress display.
 *
 * @example
 * ```ts
 * import type { BuildProgress } from "./session.ts";
 * const p: BuildProgress = { phase: "render", done: 10, total: 100 };
 * ```
 */
export interface BuildProgress {
  /** Which stage the counts are about. */
  readonly phase: "parse" | "render";
  /** Items finished so far. */
  readonly done: number;
  /** Items in the stage. */
  readonly total: number;
}

/**
 * Options of one build of a session.
 *
 * @example
 * ```ts
 * import type { SessionBuildOptions } from "./session.ts";
 * const options: SessionBuildOptions = { signal: AbortSignal.timeout(10_000) };
 * ```
 */
export interface SessionBuildOptions {
  /** Cancels the build: workers stop, nothing is written, the report says `cancelled`. */
  readonly signal?: AbortSignal;
  /**
   * Paths a watcher saw change. A hint only: the session still checks every
   * input's size and mtime, so a missed event never leaves stale output.
   */
  readonly changed?: readonly string[];
}

/**
 * One output made again, and why.
 *
 * @example
 * ```ts
 * import type { Explanation } from "./session.ts";
 * const e: Explanation = { output: "docs/a/index.html", cause: "title of /docs/b/" };
 * ```
 */
export interface Explanation {
  /** Path relative to the output folder. */
  readonly output: string;
  /** The change it was made again for, in words. */
  readonly cause: string;
}

/**
 * What a build did: a value, not an exception, also when it failed.
 *
 * @example
 * ```ts
 * import type { BuildReport } from "./session.ts";
 * declare const report: BuildReport;
 * if (!report.ok) console.error(report.diagnostics);
 * ```
 */
export interface BuildReport {
  /** No errors and not cancelled: the output folder holds this build. */
  readonly ok: boolean;
  /** The build was cancelled through its signal; nothing was written. */
  readonly cancelled: boolean;
  /** Errors and warnings, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** Absolute output folder (empty when the config could not be read). */
  readonly outDir: string;
  /** Pages in the site (rendered or reused). */
  readonly pages: number;
  /** Files in the output folder. */
  readonly files: number;
  /** Workers per pool. */
  readonly workers: number;
  /** Page outputs rendered through layouts this build (paths relative to `outDir`), sorted. */
  readonly rendered: readonly string[];
  /** Site-wide files made again this build, sorted. */
  readonly generated: readonly string[];
  /** Files whose bytes were written (new or changed), sorted. */
  readonly written: readonly string[];
  /** Files deleted from the output folder, sorted. */
  readonly removed: readonly string[];
  /** Outputs left as they were. */
  readonly reused: number;
  /** Why everything was rebuilt, or `null` for an incremental build. */
  readonly full: string | null;
  /** For every output made again: the change that caused it. */
  readonly explain: readonly Explanation[];
  /** Wall time, in milliseconds. */
  readonly durationMs: number;
  /** Milliseconds per phase. */
  readonly phases: Readonly<Record<string, number>>;
  /** Bytes of the snapshot (or patch) sent to the render workers. */
  readonly snapshotBytes: number;
  /** Every output of the build with its hash, by path. */
  readonly outputs: readonly {
    readonly path: string;
    readonly hash: string;
    readonly bytes: number;
  }[];
}

type ParsePool = WorkerPool<ParseInit, ParseItem, ParseOutcome>;
type RenderPool = WorkerPool<RenderInit, RenderItem, RenderOutcome>;

/** Pages one worker handles before a second one pays for its start-up (measured). */
const PAGES_PER_WORKER = 2000;

/** Everything that is not an error in the user's site ends a build this way. */
class Cancelled extends Error {}

/**
 * One site's state across builds.
 *
 * @example
 * ```ts
 * import { SiteSession } from "./session.ts";
 * const session = new SiteSession({ root: "site" });
 * try {
 *   const first = await session.build();
 *   const again = await session.build(); // renders nothing: nothing changed
 *   console.log(first.rendered.length, again.rendered.length);
 * } finally {
 *   await session.close();
 * }
 * ```
 */
export class SiteSession {
  readonly #options: SessionOptions;
  #parsePool: ParsePool | undefined;
  #renderPool: RenderPool | undefined;
  #poolSize = 0;
  /** Config fingerprint the pools were made for: a config edit recycles them. */
  #poolConfig = "";
  /** The snapshot the render workers hold, so the next build can send a patch. */
  #workerSnapshot: SiteSnapshot | undefined;
  #parseCache: Map<string, ParseEntry> | undefined;
  #state: BuildState | null | undefined;
  #builds = 0;

  /** Opens a session; nothing runs until the first {@link SiteSession.build}. */
  constructor(options: SessionOptions = {}) {
    this.#options = options;
  }

  /**
   * Builds the site, redoing only what changed since the last good build of this
   * session (or, on the first build, of any process, through the disk cache).
   */
  async build(options: SessionBuildOptions = {}): Promise<BuildReport> {
    const run = new BuildRun(this.#options, options.signal);
    try {
      return await this.#build(run);
    } catch (e) {
      if (e instanceof Cancelled || (options.signal?.aborted && !(e instanceof BuildError))) {
        this.#dropPools();
        return run.failed([], true);
      }
      if (e instanceof BuildError) return run.failed(e.diagnostics, false);
      throw e;
    } finally {
      await run.discard();
      this.#builds++;
    }
  }

  async #build(run: BuildRun): Promise<BuildReport> {
    const { config } = await run.phase("config", () =>
      resolveConfig({
        root: this.#options.root ?? ".",
        configFile: this.#options.configFile,
        overrides: this.#options.overrides,
      }));
    run.outDir = config.dirs.output;
    const fingerprint = configFingerprint(config);
    const cacheDir = this.#cacheDir(config.root);
    const previous = this.#previousState(cacheDir);
    const full = previous === null
      ? this.#builds === 0 ? "first build (nothing remembered)" : "nothing remembered"
      : previous.fingerprint !== fingerprint
      ? "the config, floe or a library changed"
      : !existsSync(config.dirs.output)
      ? "the output folder is missing"
      : null;
    const last = full === null ? previous : null;

    const inputs = await run.phase("discover", () => Promise.resolve(discover(config)));
    run.check();
    this.#preparePools(inputs.pages.length, config, fingerprint);

    const parseCache = this.#loadParseCache(cacheDir);
    const parseOptions = JSON.stringify([config.markdown, config.taxonomies, config.search]);
    const [parsed, layoutsLoaded, dataLoaded] = await run.phase("parse", () =>
      Promise.all([
        this.#parse(run, config, inputs.pages, parseCache, parseOptions),
        loadLayouts(inputs.layouts),
        loadData(inputs.data),
      ]));
    run.diagnostics.push(
      ...parsed.diagnostics,
      ...layoutsLoaded.diagnostics,
      ...dataLoaded.diagnostics,
    );
    if (parsed.reparsed && cacheDir) await saveCache(cacheDir, "parse.bin", parseCache);

    const snap = await run.phase("snapshot", () =>
      Promise.resolve(buildSnapshot({
        config,
        inputs,
        parsed: parsed.pages,
        layouts: layoutsLoaded.layouts,
        data: dataLoaded.data,
        now: Date.now(),
      })));
    run.diagnostics.push(...snap.diagnostics);
    run.failOnErrors();
    run.check();

    const plan = await run.phase("plan", () => Promise.resolve(planBuild(snap, last, config)));
    run.full = full;
    run.staging = await openStaging(config.dirs.output);
    const rendered = await run.phase("render", () => this.#render(run, config, snap, plan, last));
    run.diagnostics.push(...rendered.diagnostics);
    run.failOnErrors();
    run.check();

    const outputs = new Map<string, Provenance>(rendered.outputs);
    await run.phase("post", () => {
      const copies = copyOutputs(run, snap.copies, inputs, last);
      for (const [path, p] of copies) outputs.set(path, p);
      const site = makeSiteOutputs(run, config, snap, plan, last, outputs);
      for (const [path, p] of site) outputs.set(path, p);
      if (config.checkLinks) run.diagnostics.push(...linkCheck(config, snap, outputs));
      return Promise.resolve();
    });
    run.failOnErrors();
    run.check();

    const removed = previous === null || full !== null
      ? listOutputFiles(config.dirs.output).filter((p) => !outputs.has(p))
      : [...previous.outputs.keys()].filter((p) => !outputs.has(p));
    const state: BuildState = {
      fingerprint,
      snapshot: snap.snapshot as SiteSnapshot,
      bodies: plan.bodies,
      outputs,
    };
    await run.phase("write", async () => {
      if (cacheDir) dropCache(cacheDir, "state.bin");
      this.#state = null;
      await run.staging!.commit(run.written, removed);
      run.staging = undefined;
      if (cacheDir) await saveCache(cacheDir, "state.bin", state);
      this.#state = state;
    });
    return run.succeeded(outputs, removed, snap, this.#poolSize);
  }

  #cacheDir(root: string): string | null {
    const dir = this.#options.cacheDir;
    return dir === false ? null : resolve(root, dir ?? ".floe-cache");
  }

  #previousState(cacheDir: string | null): BuildState | null {
    if (this.#state !== undefined) return this.#state;
    this.#state = cacheDir && !this.#options.clean
      ? loadCache<BuildState>(cacheDir, "state.bin")
      : null;
    return this.#state;
  }

  #loadParseCache(cacheDir: string | null): Map<string, ParseEntry> {
    if (!this.#parseCache) {
      this.#parseCache = (cacheDir && !this.#options.clean
        ? loadCache<Map<string, ParseEntry>>(cacheDir, "parse.bin")
        : null) ?? new Map();
    }
    return this.#parseCache;
  }

  /** Pools keep their size for the life of the session; a config edit recycles them. */
  #preparePools(pages: number, config: DeepReadonly<ResolvedConfig>, fingerprint: string): void {
    if (this.#poolSize === 0) this.#poolSize = config.workers || autoWorkers(pages);
    if (this.#poolConfig !== fingerprint) {
      this.#dropPools();
      this.#poolConfig = fingerprint;
    }
  }

  #parsePoolReady(): ParsePool {
    if (!this.#parsePool || this.#parsePool.broken) {
      this.#parsePool?.terminate();
      this.#parsePool = new WorkerPool(
        new URL("../../workers/parse_worker.ts", import.meta.url),
        this.#poolSize,
        "parse",
      );
    }
    return this.#parsePool;
  }

  #renderPoolReady(): RenderPool {
    if (!this.#renderPool || this.#renderPool.broken) {
      this.#renderPool?.terminate();
      this.#workerSnapshot = undefined;
      this.#renderPool = new WorkerPool(
        new URL("../../workers/render_worker.ts", import.meta.url),
        this.#poolSize,
        "render",
      );
    }
    return this.#renderPool;
  }

  #dropPools(): void {
    this.#parsePool?.terminate();
    this.#renderPool?.terminate();
    this.#parsePool = undefined;
    this.#renderPool = undefined;
    this.#workerSnapshot = undefined;
  }

  /** Parses the content files the cache cannot vouch for; the rest come from the cache. */
  async #parse(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    files: readonly InputFile[],
    cache: Map<string, ParseEntry>,
    options: string,
  ): Promise<{ pages: ParsedPage[]; diagnostics: Diagnostic[]; reparsed: boolean }> {
    const pages: ParsedPage[] = [];
    const todo: InputFile[] = [];
    for (const file of files) {
      const entry = cache.get(file.path);
      if (
        entry && entry.size === file.size && entry.mtimeMs === file.mtimeMs &&
        entry.options === options
      ) pages.push(entry.page);
      else todo.push(file);
    }
    const present = new Set(files.map((f) => f.path));
    let reparsed = false;
    for (const path of cache.keys()) {
      if (!present.has(path)) {
        cache.delete(path);
        reparsed = true;
      }
    }
    const diagnostics: Diagnostic[] = [];
    if (todo.length) {
      reparsed = true;
      const pool = this.#parsePoolReady();
      await run.guard(pool.init({
        markdown: config.markdown,
        taxonomies: config.taxonomies,
        text: config.search,
      }));
      // Largest first, so no big file starts last.
      const order = [...todo].sort((a, b) => b.size - a.size || compareStrings(a.path, b.path));
      let done = 0;
      const results = await run.guard(pool.run(
        makeBatches(order.map(({ path, abs }) => ({ path, abs })), pool.size),
        (n) => run.progress("parse", done += n, order.length),
      ));
      run.spans.push(...pool.takeSpans());
      const byPath = new Map(order.map((f) => [f.path, f]));
      for (const outcome of results.flat()) {
        if ("page" in outcome) {
          const file = byPath.get(outcome.page.file)!;
          cache.set(file.path, {
            size: file.size,
            mtimeMs: file.mtimeMs,
            options,
            page: outcome.page,
          });
          pages.push(outcome.page);
        } else diagnostics.push(...outcome.diagnostics);
      }
    }
    if (this.#options.oneShot && this.#parsePool) {
      // Parse workers' heaps are dead weight from here on.
      this.#parsePool.terminate();
      this.#parsePool = undefined;
    }
    // Path order: nothing downstream may depend on which worker finished first.
    pages.sort((a, b) => compareStrings(a.file, b.file));
    return { pages, diagnostics, reparsed };
  }

  async #render(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    snap: SnapshotResult,
    plan: BuildPlan,
    last: BuildState | null,
  ): Promise<{ outputs: Map<string, Provenance>; diagnostics: Diagnostic[] }> {
    const outputs = new Map<string, Provenance>();
    const snapshot = snap.snapshot as SiteSnapshot;
    for (const [url, record] of snapshot.pages) {
      if (plan.render.has(url)) continue;
      outputs.set(record.outputPath, last!.outputs.get(record.outputPath)!);
    }
    if (!plan.render.size) return { outputs, diagnostics: [] };

    const pool = this.#renderPoolReady();
    const held = this.#workerSnapshot;
    const patch = held && held === last?.snapshot ? plan.patch : undefined;
    const shared = patch
      ? null
      : await run.phase("share", () => Promise.resolve(shareSnapshot(snapshot)));
    run.snapshotBytes = shared?.bytes.byteLength ?? 0;
    this.#workerSnapshot = undefined;
    await run.guard(pool.init({
      snapshot: shared ?? { patch: patch! },
      outDir: run.staging!.dir,
      configModule: config.configModule,
      markdown: config.markdown,
      scan: config.checkLinks,
    }));
    this.#workerSnapshot = snapshot;
    const items: RenderItem[] = [...plan.render].map((url) => {
      const extras = snap.extras.get(url)!;
      const previous = last?.outputs.get(snapshot.pages.get(url)!.outputPath);
      return { key: url, body: extras.body, toc: extras.toc, previousHash: previous?.hash ?? null };
    }).sort((a, b) => cost(b, snapshot) - cost(a, snapshot) || compareStrings(a.key, b.key));
    let done = 0;
    const results = await run.guard(pool.run(
      makeBatches(items, pool.size),
      (n) => run.progress("render", done += n, items.length),
    ));
    run.spans.push(...pool.takeSpans());
    const diagnostics: Diagnostic[] = [];
    for (const outcome of results.flat()) {
      if ("diagnostics" in outcome) {
        diagnostics.push(...outcome.diagnostics);
        continue;
      }
      outputs.set(outcome.outputPath, {
        path: outcome.outputPath,
        kind: "page",
        hash: outcome.hash,
        bytes: outcome.bytes,
        reads: outcome.reads,
        scan: outcome.scan,
      });
      run.rendered.push(outcome.outputPath);
      if (outcome.written) run.written.push(outcome.outputPath);
      run.explain.push({ output: outcome.outputPath, cause: plan.causes.get(outcome.key)! });
    }
    return { outputs, diagnostics: mergeRepeated(diagnostics) };
  }

  /** Ends the workers. The session can build again afterwards (with new workers). */
  close(): Promise<void> {
    this.#dropPools();
    return Promise.resolve();
  }
}

/** What a build must redo, decided before any work. */
interface BuildPlan {
  /** URLs of the pages to render. */
  readonly render: ReadonlySet<string>;
  /** Why each of them is rendered. */
  readonly causes: ReadonlyMap<string, string>;
  /** The read keys that changed (`null`: everything is new). */
  readonly changed: ReadonlySet<string> | null;
  /** For workers holding the last good snapshot. */
  readonly patch: import("../snapshot/transfer.ts").SnapshotPatch | undefined;
  /** Page URL → fingerprint of its body, for the next build. */
  readonly bodies: ReadonlyMap<string, string>;
}

/**
 * Decides which pages to render: all of them without a last good build; else
 * those that are new, and those whose recorded reads include a changed key.
 */
function planBuild(
  snap: SnapshotResult,
  last: BuildState | null,
  config: DeepReadonly<ResolvedConfig>,
): BuildPlan {
  const snapshot = snap.snapshot as SiteSnapshot;
  const bodies = new Map<string, string>();
  for (const [url, extras] of snap.extras) {
    bodies.set(url, extras.source ? `${extras.source.hash}:${extras.source.file}` : "");
  }
  const render = new Set<string>();
  const causes = new Map<string, string>();
  if (!last) {
    for (const url of snapshot.pages.keys()) {
      render.add(url);
      causes.set(url, "full build");
    }
    return { render, causes, changed: null, patch: undefined, bodies };
  }
  const diff = diffSnapshots(last.snapshot, snapshot);
  const changed = new Set(diff.keys);
  for (const [url, body] of bodies) {
    if (last.bodies.get(url) !== body) changed.add(`b:${url}`);
  }
  void config;
  for (const [url, record] of snapshot.pages) {
    const previous = last.outputs.get(record.outputPath);
    if (!previous || previous.kind !== "page") {
      render.add(url);
      causes.set(url, "new output");
      continue;
    }
    const cause = previous.reads.find((key) => changed.has(key));
    if (cause !== undefined) {
      render.add(url);
      causes.set(url, describeRead(cause));
    }
  }
  return { render, causes, changed, patch: diff.patch, bodies };
}

/** Copies static files and bundle assets whose source changed (or whose output is new). */
function copyOutputs(
  run: BuildRun,
  copies: readonly CopyJob[],
  inputs: Inputs,
  last: BuildState | null,
): Map<string, Provenance> {
  const bySource = new Map<string, InputFile>();
  for (const f of [...inputs.statics, ...inputs.assets]) bySource.set(f.abs, f);
  const outputs = new Map<string, Provenance>();
  for (const copy of copies) {
    const file = bySource.get(copy.from)!;
    const hash = `stat:${copy.source}:${file.size}:${file.mtimeMs}`;
    const previous = last?.outputs.get(copy.to);
    outputs.set(copy.to, { path: copy.to, kind: "copy", hash, bytes: file.size, reads: [] });
    if (previous?.hash === hash) continue;
    const target = join(run.staging!.dir, copy.to);
    run.ensureDir(dirname(target));
    Deno.copyFileSync(copy.from, target);
    run.written.push(copy.to);
    run.explain.push({
      output: copy.to,
      cause: previous ? `${copy.source} changed` : "new output",
    });
  }
  return outputs;
}

/**
 * Makes the site-wide files: an untracked one (cheap) always, a tracked one only
 * when it is new or a read it recorded changed. Writes those whose bytes changed.
 */
function makeSiteOutputs(
  run: BuildRun,
  config: DeepReadonly<ResolvedConfig>,
  snap: SnapshotResult,
  plan: BuildPlan,
  last: BuildState | null,
  pages: ReadonlyMap<string, Provenance>,
): Map<string, Provenance> {
  const snapshot = snap.snapshot as SiteSnapshot;
  const taken = new Set<string>([...pages.keys(), ...snap.copies.map((c) => c.to)]);
  const specs = siteOutputs({
    snapshot,
    redirects: snap.redirects,
    config,
    taken: (path) => taken.has(path),
  });
  const tracker: ReadTracker = { reads: null };
  const views = createViews(snapshot, tracker);
  const decoder = new TextDecoder();
  const source: SiteSource = {
    views,
    allPages: () => {
      tracker.reads?.add("p:*");
      return [...snapshot.pages.keys()].map((url) => views.page(url));
    },
    body: (url) => {
      tracker.reads?.add(`b:${url}`);
      return decoder.decode(snap.extras.get(url)?.body);
    },
    text: (url) => {
      tracker.reads?.add(`b:${url}`);
      return snap.extras.get(url)?.text ?? "";
    },
  };
  const outputs = new Map<string, Provenance>();
  for (const spec of specs) {
    if (taken.has(spec.path)) {
      run.diagnostics.push(
        error("url-collision", `${spec.path} is written by floe and by the site`, {
          hint: spec.path === "search-index.json"
            ? "rename the site's file, or set `search: false` in the config"
            : "floe writes this file itself: rename or remove the site's file or page",
        }),
      );
      continue;
    }
    taken.add(spec.path);
    const previous = last?.outputs.get(spec.path);
    const cause = siteOutputCause(spec, previous, plan.changed);
    if (cause === null) {
      outputs.set(spec.path, previous!);
      continue;
    }
    outputs.set(spec.path, makeOne(run, spec, source, tracker, previous, cause));
  }
  return outputs;
}

function siteOutputCause(
  spec: SiteOutput,
  previous: Provenance | undefined,
  changed: ReadonlySet<string> | null,
): string | null {
  if (!previous || previous.kind !== "site") return "new output";
  if (!spec.tracked || changed === null) return changed === null ? "full build" : "always made";
  const key = previous.reads.find((k) => changed.has(k));
  return key === undefined ? null : describeRead(key);
}

function makeOne(
  run: BuildRun,
  spec: SiteOutput,
  source: SiteSource,
  tracker: ReadTracker,
  previous: Provenance | undefined,
  cause: string,
): Provenance {
  const reads = new Set<string>();
  tracker.reads = spec.tracked ? reads : null;
  let content: string;
  try {
    content = spec.make(source);
  } finally {
    tracker.reads = null;
  }
  const bytes = new TextEncoder().encode(content);
  const hash = sha256(bytes);
  if (spec.tracked || hash !== previous?.hash) run.generated.push(spec.path);
  if (hash !== previous?.hash) {
    const target = join(run.staging!.dir, spec.path);
    run.ensureDir(dirname(target));
    Deno.writeFileSync(target, bytes);
    run.written.push(spec.path);
    run.explain.push({ output: spec.path, cause });
  }
  return { path: spec.path, kind: "site", hash, bytes: bytes.length, reads: [...reads] };
}

/** Checks every internal link of every page, from the scans of this and earlier builds. */
function linkCheck(
  config: DeepReadonly<ResolvedConfig>,
  snap: SnapshotResult,
  outputs: ReadonlyMap<string, Provenance>,
): Diagnostic[] {
  const links = siteLinks(config.baseURL);
  const pages = [];
  for (const [url, page] of (snap.snapshot as SiteSnapshot).pages) {
    const scan = outputs.get(page.outputPath)?.scan;
    if (!scan) continue;
    pages.push({
      outputPath: page.outputPath,
      url,
      source: page.file,
      sourceLinks: snap.extras.get(url)!.sourceLinks,
      links: scan.links,
      ids: scan.ids,
    });
  }
  return checkLinks({
    pages,
    files: new Set(outputs.keys()),
    basePath: links.basePath,
    siteOrigin: links.origin,
    severity: config.strictLinks ? "error" : "warning",
  });
}

/** A changed read key in words, for `--explain`. */
function describeRead(key: string): string {
  const [kind, rest] = [key.slice(0, 2), key.slice(2)];
  const hash = rest.lastIndexOf("#");
  const [record, field] = hash < 0 ? [rest, ""] : [rest.slice(0, hash), rest.slice(hash + 1)];
  switch (kind) {
    case "p:":
      return record === "*" ? "pages added or removed" : `${field} of page ${record}`;
    case "s:":
      return `${field} of section "${record}"`;
    case "t:":
      return `${field} of term ${record}`;
    case "x:":
      return `${field} of taxonomy ${record}`;
    case "b:":
      return `content of ${record}`;
    case "l:":
      return `layout ${rest}`;
    case "d:":
      return rest === "*" ? "the list of data files" : `data ${rest}`;
    default:
      return key.startsWith("site#") ? `site ${key.slice(5)}` : key;
  }
}

/** A render job's expected cost: big bodies and long listings first. */
function cost(item: RenderItem, snapshot: SiteSnapshot): number {
  return item.body.length + 120 * (snapshot.pages.get(item.key)?.paginator?.items.length ?? 1);
}

/**
 * One template mistake breaks every page using the layout: report it once, naming
 * the first page and how many more.
 */
function mergeRepeated(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; pages: number }>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = [d.code, d.file, d.line, d.column, d.message.replace(/ \(rendering [^)]*\)$/, "")]
      .join("\0");
    const group = groups.get(key);
    if (group) group.pages++;
    else groups.set(key, { first: d, pages: 1 });
  }
  return [...groups.values()].map(({ first, pages }) =>
    pages === 1 ? first : {
      ...first,
      message: first.message.replace(
        /\(rendering ([^)]*)\)$/,
        `(rendering $1 and ${pages - 1} more)`,
      ),
    }
  );
}

/** The default pool size: one worker per {@link PAGES_PER_WORKER} pages, at most one per core. */
function autoWorkers(pages: number): number {
  const cores = navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(cores, Math.ceil(pages / PAGES_PER_WORKER)));
}

/**
 * Everything a remembered build depends on besides the inputs: the cache format
 * is in the envelope; here floe's and the libraries' versions, the resolved config
 * (workers aside: they never change the output), the config module and the local
 * modules it imports, and the output folder.
 */
function configFingerprint(config: DeepReadonly<ResolvedConfig>): string {
  const { workers: _, configModule: __, ...settings } = config;
  return sha256(JSON.stringify([
    FLOE_VERSION,
    OUTPUT_DEPENDENCIES,
    settings,
    config.configFile ? moduleGraphHash(config.configFile) : null,
  ]));
}

/** Hash of a module and, recursively, the relative modules it imports. */
function moduleGraphHash(file: string, seen = new Set<string>()): string {
  if (seen.has(file)) return "";
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return "missing";
  }
  const hash = createHash("sha256").update(text);
  const imports = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
  for (const [, spec] of text.matchAll(imports)) {
    hash.update(moduleGraphHash(resolve(dirname(file), spec), seen));
  }
  return hash.digest("hex");
}

/** The mutable bookkeeping of one build, and the report made from it. */
class BuildRun {
  readonly started = now();
  readonly phases: PhaseSpan[] = [];
  readonly spans: PoolSpan[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly rendered: string[] = [];
  readonly generated: string[] = [];
  readonly written: string[] = [];
  readonly explain: Explanation[] = [];
  readonly #madeDirs = new Set<string>();
  outDir = "";
  full: string | null = null;
  snapshotBytes = 0;
  staging: Staging | undefined;

  constructor(
    readonly options: SessionOptions,
    readonly signal: AbortSignal | undefined,
  ) {}

  async phase<T>(name: string, run: () => Promise<T>): Promise<T> {
    const start = now();
    try {
      return await run();
    } finally {
      this.phases.push({ name, start, end: now() });
    }
  }

  /** Throws {@link Cancelled} once the signal has fired. */
  check(): void {
    if (this.signal?.aborted) throw new Cancelled();
  }

  /** Waits for a pool exchange, or for cancellation, whichever comes first. */
  guard<T>(work: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (!signal) return work;
    this.check();
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(new Cancelled());
      signal.addEventListener("abort", abort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
    });
  }

  progress(phase: BuildProgress["phase"], done: number, total: number): void {
    this.options.onProgress?.({ phase, done, total });
  }

  ensureDir(dir: string): void {
    if (this.#madeDirs.has(dir)) return;
    Deno.mkdirSync(dir, { recursive: true });
    this.#madeDirs.add(dir);
  }

  failOnErrors(): void {
    if (this.diagnostics.some((d) => d.severity === "error")) {
      throw new BuildError(this.diagnostics);
    }
  }

  async discard(): Promise<void> {
    await this.staging?.discard();
    this.staging = undefined;
  }

  #timing(): { durationMs: number; phases: Record<string, number> } {
    return {
      durationMs: now() - this.started,
      phases: Object.fromEntries(this.phases.map((p) => [p.name, p.end - p.start])),
    };
  }

  async #trace(): Promise<void> {
    if (this.options.trace) {
      await writeFile(this.options.trace, JSON.stringify(traceEvents(this.phases, this.spans)));
    }
  }

  async succeeded(
    outputs: ReadonlyMap<string, Provenance>,
    removed: readonly string[],
    snap: SnapshotResult,
    workers: number,
  ): Promise<BuildReport> {
    await this.#trace();
    const sorted = (list: readonly string[]) => [...list].sort(compareStrings);
    const written = new Set(this.written);
    return {
      ok: true,
      cancelled: false,
      diagnostics: sortDiagnostics(this.diagnostics),
      outDir: this.outDir,
      pages: (snap.snapshot as SiteSnapshot).pages.size,
      files: outputs.size,
      workers,
      rendered: sorted(this.rendered),
      generated: sorted(this.generated),
      written: sorted(this.written),
      removed: sorted(removed),
      reused: [...outputs.keys()].filter((p) => !written.has(p)).length,
      full: this.full,
      explain: [...this.explain].sort((a, b) => compareStrings(a.output, b.output)),
      ...this.#timing(),
      snapshotBytes: this.snapshotBytes,
      outputs: [...outputs.values()]
        .map(({ path, hash, bytes }) => ({ path, hash, bytes }))
        .sort((a, b) => compareStrings(a.path, b.path)),
    };
  }

  failed(diagnostics: readonly Diagnostic[], cancelled: boolean): BuildReport {
    return {
      ok: false,
      cancelled,
      diagnostics: sortDiagnostics(diagnostics),
      outDir: this.outDir,
      pages: 0,
      files: 0,
      workers: 0,
      rendered: [],
      generated: [],
      written: [],
      removed: [],
      reused: 0,
      full: this.full,
      explain: [],
      ...this.#timing(),
      snapshotBytes: this.snapshotBytes,
      outputs: [],
    };
  }
}
