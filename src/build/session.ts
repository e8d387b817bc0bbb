/**
 * A session owns one site's state across builds: config, the parse cache, the
 * last good build's snapshot and provenance, the worker pools and the output
 * writer. It is the one entry point for full and partial builds: the CLI's
 * one-shot build is a session used once, and a dev server keeps one open.
 *
 * A build, as data flowing (DESIGN.md): config → discover (size and mtime of
 * every input) → parse (workers; only files whose size or mtime moved) →
 * snapshot (whole, or — when only page bodies changed — the last one with those
 * pages' records patched) → plan (the outputs whose recorded reads changed) →
 * render (workers; only those) → post (copies and site-wide files, again only
 * what changed; the link check) → commit (changed files moved into place,
 * vanished ones deleted) → remember. An incremental build gives the same bytes as
 * a clean one; what the session cannot account for (config, floe or library
 * versions, a missing cache) makes a full build, and the report says why.
 *
 * @module
 */
import { type Body, readBody, removeBodyFiles } from "../base/body.ts";
import { existsSync, mkdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { append, compareStrings } from "../base/arrays.ts";
import { eventLoopTurns } from "../base/turns.ts";
import { FLOE_VERSION, OUTPUT_DEPENDENCIES } from "../base/version.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import type { UserConfig } from "../config/config.ts";
import { resolveConfig, type ResolvedConfig } from "../config/load_config.ts";
import {
  collectPlugins,
  type Plugin,
  PluginError,
  type PluginRegistry,
  startBuild,
} from "../config/plugin.ts";
import { pluginDiagnostic } from "../config/plugin_diagnostic.ts";
import { withDefaultPlugins } from "../post/plugins/defaults.ts";
import {
  countPages,
  discover,
  type InputFile,
  type Inputs,
  rediscover,
} from "../discover/discover.ts";
import { BuildError, type Diagnostic, error, sortDiagnostics } from "../errors/diagnostic.ts";
import { describeIoError, ioErrorCode, ioErrorHint } from "../errors/io_error.ts";
import { lockOutput, type OutputLock } from "../output/lock.ts";
import { refuseOutputFolder } from "../output/ownership.ts";
import { listOutputFiles, openStaging, removeDeadStaging } from "../output/writer.ts";
import { type ParsedPage, type ParseItem, withBytes } from "../parse/parse_page.ts";
import { fromBytes, type Parsed, type ParsedBytes } from "../parse/page_codec.ts";
// Loaded with this module, not when a small build parses here: a dynamic import
// then cost a one-page build about 10 ms more than this.
import { createParser } from "../parse/parser.ts";
import type { ParseWorkerInit } from "../parse/plugins.ts";
import { makeBatches, PoolAborted, PoolFailure, WorkerPool } from "../pool/worker_pool.ts";
import type { PageScan, RenderInit, RenderItem, RenderOutcome } from "../render/render_page.ts";
import { KeyMap } from "../render/worker_keys.ts";
import {
  type BuildState,
  dropCache,
  loadScans,
  loadState,
  ParseStore,
  type Provenance,
  saveScans,
  saveState,
  type StoredSnapshot,
} from "../remember/store.ts";
import { buildSnapshot } from "../snapshot/build_snapshot.ts";
import { loadData } from "../parse/data_files.ts";
import { loadLayouts } from "../parse/layouts.ts";
import { type SharedSnapshot, shareSnapshot } from "../snapshot/transfer.ts";
import type { PageRecord, SiteSnapshot } from "../snapshot/types.ts";
import { copyOutputs, type KeptValues, makeSiteOutputs, type PageData } from "./outputs.ts";
import { checkSiteLinks } from "./link_check.ts";
import { type BuildPlan, planBuild, ReaderIndex } from "./plan.ts";
import { KeyTable } from "../base/key_table.ts";
import { type StringList, unpackStrings } from "../base/string_list.ts";
import { type BuildProgress, type BuildReport, BuildRun, Cancelled } from "./run.ts";
import {
  changesSince,
  patchSite,
  present,
  sameStat,
  sameStructure,
  type Site,
  vanished,
} from "./changes.ts";
import { configFingerprint } from "./fingerprint.ts";
import {
  resolveSourceLinks,
  rewriteBody,
  rewritesDigest,
  type SourceIndex,
  sourceIndex,
} from "./source_links.ts";
import { foreignSyntaxWarnings, foreignUses } from "../parse/foreign_syntax.ts";

export type { BuildProgress, BuildReport, Explanation } from "./run.ts";

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
  /**
   * Let a build replace the contents of an output folder floe did not make (a
   * non-empty folder without floe's marker). Without it such a folder is refused.
   */
  readonly replaceOutput?: boolean;
  /** End each pool as soon as its stage is done, and write the cache at once (one-shot builds). */
  readonly oneShot?: boolean;
  /** Write a Chrome trace-event JSON file of each build here. */
  readonly trace?: string;
  /** Called as pages are parsed and rendered. */
  readonly onProgress?: (progress: BuildProgress) => void;
  /**
   * Runs the moves of a build's files into the output folder. A server that
   * reads the output folder passes a function that holds its reads meanwhile, so
   * it never serves half of one build and half of another.
   */
  readonly exclusive?: (commit: () => Promise<void>) => Promise<void>;
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
   * Paths a watcher saw change since the previous build of this session (files,
   * absolute or relative to the working folder). With it the session stats only
   * these paths instead of walking the site's folders; a folder, a hidden file or
   * a path outside the input folders (the config) makes it walk as usual. Without
   * it every input's size and mtime is checked.
   */
  readonly changed?: readonly string[];
}

/** The inputs on disk, and the size and mtime of each by site-relative path. */
interface Discovered {
  readonly root: string;
  readonly inputs: Inputs;
  readonly index: ReadonlyMap<string, readonly [number, number]>;
}

type ParsePool = WorkerPool<ParseWorkerInit, ParseItem, ParsedBytes>;
type RenderPool = WorkerPool<RenderInit, RenderItem, RenderOutcome>;
/**
 * What this thread keeps of a render outcome: the output's provenance and link
 * scan, or the page's diagnostics.
 */
type Kept = Extract<RenderOutcome, { diagnostics: unknown }> | {
  readonly provenance: Provenance & { readonly key: string };
  readonly scan?: PageScan;
  readonly written: boolean;
};

/** What rendering gave: every page output, the pages' errors, and the link scans it replaced. */
interface Rendered {
  readonly outputs: Map<string, Provenance>;
  readonly diagnostics: Diagnostic[];
  /** The scan each page rendered had before, by output path (`undefined`: none). */
  readonly replaced: ReadonlyMap<string, PageScan | undefined>;
}

/** Patches a state may hold on its snapshot's bytes before it is serialized anew. */
const STORED_PATCHES = 32;
/** Pages one worker handles before a second one pays for its start-up (measured). */
const PAGES_PER_WORKER = 2000;
/** Pages parsed on this thread sooner than in a pool that must start (~0.2 s) for them. */
const FEW_PAGES = 50;
const NO_REWRITES: ReadonlyMap<string, string> = Object.freeze(new Map<string, string>());
const EMPTY_PAGE: PageData = Object.freeze({
  body: new Uint8Array(0),
  toc: [],
  sourceLinks: [],
  text: new Uint8Array(0),
});

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
  /** A snapshot on its way to the render workers, sent as soon as it was built. */
  #sending: { readonly snapshot: SiteSnapshot; readonly ready: Promise<void> } | undefined;
  /** What site outputs kept for the next build (see `#keptSince`), and the build they are right for. */
  readonly #kept: KeptValues = new Map();
  #keptFor: BuildState | null = null;
  #keptBy: BuildRun | null = null;
  /** The last snapshot sent whole to the render workers, serialized (see `#share`). */
  #shared: { readonly snapshot: SiteSnapshot; readonly bytes: Uint8Array } | undefined;
  #store: ParseStore | undefined;
  /** The folder this session's parse workers wrote body files into, if any. */
  #bodyFiles: string | undefined;
  #state: BuildState | null | undefined;
  /** The state known to match the output folder (checked, or committed by this session). */
  #trusted: BuildState | null = null;
  /** Links and ids of every page output; loaded from disk only when links are checked. */
  #scans: Map<string, PageScan> | undefined;
  readonly #unpackedLists = new WeakMap<StringList, readonly string[]>();
  #scansDirty = false;
  /** The scans the build under way replaced, until it commits (see {@link #restoreScans}). */
  #uncommitted: ReadonlyMap<string, PageScan | undefined> | undefined;
  /** The last good build is not on disk yet (its `state.bin` was dropped before the commit). */
  #stateUnsaved = false;
  #keys: KeyTable | undefined;
  /** Per render worker: its key ids → the session's (see `RenderOutcome.reads`). */
  readonly #workerKeys = new Map<string, KeyMap>();
  /** Which outputs read each key, for the last good build. */
  readonly #readers = new ReaderIndex();
  /** The inputs the last build found, for the next one to update from a watcher's paths. */
  #inputs: Discovered | undefined;
  /** {@link SiteSession.#urlsByFile}'s last answer. */
  #filesIndex:
    | { readonly snapshot: SiteSnapshot; readonly urls: ReadonlyMap<string, readonly string[]> }
    | undefined;
  /** What source-relative links point at, for the snapshot whose URLs it indexes. */
  #links: { readonly snapshot: SiteSnapshot; readonly index: SourceIndex } | undefined;
  /** Watcher paths not yet taken into account by a discover. */
  readonly #unseen = new Set<string>();
  /** A long-lived session writes its cache when idle, not after every build. */
  #pendingSave: { timer: number; save: () => Promise<void> } | undefined;
  /** The cache write under way, if any: saves and commits never overlap. */
  #saving: Promise<void> = Promise.resolve();
  #builds = 0;
  /** A parsed page's resolved source links, for the snapshot and URL they were resolved in. */
  readonly #resolved = new WeakMap<
    ParsedPage,
    { snapshot: SiteSnapshot; url: string; rewrites: ReadonlyMap<string, string> }
  >();
  /** The plugins' registry of the current config generation. */
  #plugins: { readonly fingerprint: string; readonly registry: PluginRegistry } | undefined;
  /** This session's claim on its output folder: one build at a time per folder. */
  #lock: OutputLock | undefined;

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
      return await this.#build(run, options.changed);
    } catch (e) {
      if (e instanceof BuildError && !options.signal?.aborted) {
        return run.failed(e.diagnostics, false);
      }
      if (e instanceof Cancelled || e instanceof PoolAborted || options.signal?.aborted) {
        this.#dropPools();
        return run.failed([], true);
      }
      this.#dropPools();
      return run.failed([failureDiagnostic(e, run.config?.root)], false);
    } finally {
      // A failed build may have sent a snapshot nobody renders with: the pool's
      // next exchange must not overlap that one.
      await this.#sending?.ready.catch(() => {});
      this.#sending = undefined;
      this.#restoreScans();
      await run.discard();
      this.#builds++;
    }
  }

  async #build(run: BuildRun, changed: readonly string[] | undefined): Promise<BuildReport> {
    const { config, plugins } = await run.phase("config", () =>
      resolveConfig({
        root: this.#options.root ?? ".",
        configFile: this.#options.configFile,
        overrides: this.#options.overrides,
      }));
    run.config = config;
    const fingerprint = configFingerprint(config);
    const registry = this.#pluginsFor(config, plugins, fingerprint);
    const outDir = config.dirs.output;
    const cacheDir = this.#cacheDir(config);
    const previous = await run.phase("load", () => this.#previousState(cacheDir));
    const refusal = refuseOutputFolder(outDir, {
      remembered: previous?.outDir === outDir || this.#trusted?.outDir === outDir,
      replace: this.#options.replaceOutput === true,
    });
    // Reported with whatever else is wrong; the build stops before it writes.
    if (refusal) run.diagnostics.push(refusal);
    else {
      const lock = this.#lockOutput(outDir);
      if (lock) run.diagnostics.push(lock);
    }
    // The previous build's outputs, when they are what this output folder holds:
    // their hashes spare rewriting unchanged files even in a full build.
    let prior = previous?.outDir === outDir && existsSync(outDir) ? previous : null;
    // A remembered build not made by this session is checked against the files
    // really there once; what this session committed itself it trusts.
    if (prior && prior !== this.#trusted) {
      prior = await run.phase("verify", () => present(prior!));
      this.#state = this.#trusted = prior;
    }
    run.full = this.#fullBuildReason(cacheDir, previous, fingerprint, outDir);
    const last = run.full === null ? prior : null;
    const keys = this.#keys ??= previous?.keys ?? new KeyTable();
    // A one-shot build's first save is every page: its shards are written in a worker
    // while this thread goes on with the build (see `remember/shard_file.ts`).
    this.#store ??= new ParseStore(cacheDir && !this.#options.clean ? cacheDir : null, {
      inWorker: this.#options.oneShot === true,
    });

    if (this.#options.oneShot && this.#store.empty && this.#poolSize === 0) {
      this.#startParseEarly(config, fingerprint);
    }
    const found = await run.phase("discover", () => this.#discover(config, changed));
    const { inputs } = found;
    run.check();
    this.#preparePools(inputs.pages.length, config, fingerprint);
    // Before the snapshot: render workers may be sent it, and their folder, at once.
    run.staging = await openStaging(config.dirs.output);
    const site = await this.#site(run, config, found, last, registry);
    append(run.diagnostics, site.warnings);
    // Content that did not parse is left out, and the rest still renders: an
    // error in a layout shows up in the same run as one in front matter. The
    // build fails after rendering, before anything is written.
    run.check();

    const plan = await run.phase(
      "plan",
      () =>
        planBuild(site.snapshot, site.changes, last, keys, this.#readers, {
          // A patched snapshot has the last one's pages, which all have outputs in `last`.
          complete: site.patched && last === previous,
        }),
    );
    // What pages and copies write, known before rendering: site-wide files need no
    // rendered page, so they are made on this thread while the workers render.
    const taken = new Set(site.copies.map((c) => c.to));
    for (const page of site.snapshot.pages.values()) if (page.rendered) taken.add(page.outputPath);
    const [rendering, making] = await Promise.allSettled([
      run.phase("render", () => this.#render(run, config, site, plan, { last, prior }, cacheDir)),
      run.phase("outputs", () =>
        makeSiteOutputs({
          run,
          config,
          snapshot: site.snapshot,
          redirects: site.redirects,
          taken: (path) => taken.has(path),
          sourceOf: (path) =>
            site.copies.find((c) => c.to === path)?.source ??
              [...site.snapshot.pages.values()].find((p) => p.outputPath === path)?.file ??
              undefined,
          pageData: (url) => this.#pageData(site.snapshot, url),
          text: (url) => this.#textOf(site.snapshot, url),
          changed: plan.changed,
          last,
          prior,
          keys,
          registry,
          // Between two outputs the workers get their next batches.
          pause: eventLoopTurns(TURN_EVERY_MS),
          kept: this.#keptSince(run, last),
        })),
    ]);
    if (rendering.status === "rejected") throw rendering.reason;
    if (making.status === "rejected") throw making.reason;
    const rendered = rendering.value;
    this.#uncommitted = rendered.replaced;
    append(run.diagnostics, rendered.diagnostics);
    run.failOnErrors();
    run.check();

    const outputs = rendered.outputs;
    const check = await run.phase("post", () => {
      for (const [path, p] of copyOutputs(run, site.copies, inputs, prior)) outputs.set(path, p);
      for (const [path, p] of making.value) outputs.set(path, p);
      return this.#linkCheck(run, config, site, outputs, last, rendered.replaced, cacheDir);
    });
    append(run.diagnostics, check.links);
    run.failOnErrors();
    run.check();

    const removed = last === null
      ? listOutputFiles(outDir).filter((p) => !outputs.has(p))
      : vanished(last.outputs, outputs);
    for (const path of removed) run.explain.push({ output: path, cause: "no longer produced" });
    const state: BuildState = {
      fingerprint,
      outDir,
      snapshot: site.snapshot,
      stored: this.#storedSnapshot(site, last),
      bodies: site.bodies,
      outputs,
      keys,
      inputs: site.index,
      copies: site.copies,
      redirects: site.redirects,
      warnings: site.warnings,
      foreign: site.foreign,
      links: check.links,
      linkSearches: check.searches,
      validUntil: site.validUntil,
    };
    await run.phase("write", () => this.#commit(run, cacheDir, state, removed, previous));
    return run.succeeded(outputs, removed, site.snapshot.pages.size, this.#poolSize);
  }

  /**
   * How the state can hold a patched snapshot without serializing it again: the
   * last one's stored form and one more patch. Only in a one-shot build, where
   * the bytes are not kept past the build, and for a few patches in a row.
   */
  #storedSnapshot(site: Site, last: BuildState | null): StoredSnapshot | undefined {
    const stored = last?.stored;
    if (!this.#options.oneShot || !site.patched || !stored || !site.changes) return undefined;
    if (site.snapshot === last.snapshot) return stored;
    if (stored.patches.length >= STORED_PATCHES) return undefined;
    return { base: stored.base, patches: [...stored.patches, site.changes.patch] };
  }

  /**
   * The inputs on disk: from the last build's and the watcher's paths when the
   * caller gave them, else by walking the folders. Paths given to a build that
   * ended before this point are still owed, and are taken here.
   */
  #discover(
    config: DeepReadonly<ResolvedConfig>,
    changed: readonly string[] | undefined,
  ): Discovered {
    for (const path of changed ?? []) this.#unseen.add(path);
    const known = this.#inputs?.root === config.root ? this.#inputs : undefined;
    const update = changed && known ? rediscover(config, known.inputs, [...this.#unseen]) : null;
    this.#unseen.clear();
    let found: Discovered;
    if (update && known) {
      // The index as it was, with the touched paths' entries updated.
      const index = new Map(known.index);
      for (const [path, file] of update.touched) {
        if (file) index.set(path, this.#stat(file));
        else index.delete(path);
      }
      found = { root: config.root, inputs: update.inputs, index };
    } else {
      const inputs = discover(config);
      const index = new Map<string, readonly [number, number]>();
      for (const list of Object.values(inputs) as (readonly InputFile[])[]) {
        for (const f of list) index.set(f.path, this.#stat(f));
      }
      found = { root: config.root, inputs, index };
    }
    // What is on disk now, whatever becomes of this build: the next one starts here.
    this.#inputs = found;
    return found;
  }

  /** A file's size and mtime; the last build's entry when unchanged (less garbage per edit). */
  #stat(f: InputFile): readonly [number, number] {
    const seen = this.#state?.inputs.get(f.path);
    return seen && sameStat(seen, f) ? seen : [f.size, f.mtimeMs];
  }

  /**
   * The snapshot of this build. When the last good build is known, no input was
   * added, removed or moved, layouts and data are as they were, the clock has
   * not published or expired a page, and the edited pages kept their front
   * matter, the last snapshot stands with those pages' records patched: nothing
   * else can differ. Otherwise the snapshot is built anew from every page.
   */
  async #site(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    { inputs, index }: Discovered,
    last: BuildState | null,
    registry: PluginRegistry,
  ): Promise<Site> {
    const options = JSON.stringify([
      FLOE_VERSION,
      OUTPUT_DEPENDENCIES,
      config.markdown,
      config.taxonomies,
      needsText(config),
      // Plugins' Markdown and computed data are code: any edit of it may change a parse.
      config.pluginCount ? config.configGraph : null,
    ]);
    const store = this.#store!;
    if (last && sameStructure(last, index, inputs) && Date.now() < last.validUntil) {
      const edited = inputs.pages.filter((f) => !sameStat(last.inputs.get(f.path), f));
      // The pages as the last good build saw them: a failed build since may have
      // cached a newer parse, and then there is nothing to compare with.
      const before = edited.map((f) => {
        const stat = store.stat(f.path);
        const seen = last.inputs.get(f.path);
        return stat && seen && stat.size === seen[0] && stat.mtimeMs === seen[1]
          ? store.page(f.path)
          : undefined;
      });
      const fresh = await run.phase("parse", () => this.#parse(run, config, edited, options));
      const urls = this.#urlsByFile(last.snapshot);
      if (this.#links?.snapshot !== last.snapshot) {
        this.#links = {
          snapshot: last.snapshot,
          index: sourceIndex(last.snapshot, last.copies, contentFolder(config)),
        };
      }
      const patched = await run.phase(
        "snapshot",
        () =>
          patchSite(
            last,
            before,
            fresh.pages,
            (file) => urls.get(file) ?? [],
            config.taxonomies,
            (url, page) => this.#bodyKey(last.snapshot, url, page),
          ),
      );
      // Else the files that failed are parsed again below (only those: the rest
      // are in the parse cache now), and report their errors there.
      if (patched) {
        append(run.diagnostics, fresh.diagnostics);
        // A patched snapshot has the same pages from the same files, at the same URLs.
        this.#filesIndex = { snapshot: patched.snapshot, urls };
        this.#links = { snapshot: patched.snapshot, index: this.#links.index };
        const warnings = [
          ...patched.warnings.filter((d) => d.code !== "foreign-syntax"),
          ...foreignSyntaxWarnings(patched.foreign),
        ];
        return { ...patched, warnings, index, patched: true };
      }
    }
    const todo = inputs.pages.filter((f) => {
      const entry = store.stat(f.path);
      return !(entry && sameStat([entry.size, entry.mtimeMs], f) && entry.options === options);
    });
    store.retain(new Set(inputs.pages.map((f) => f.path)));
    // A site this big renders in the render workers whatever its drafts: started
    // once the parse workers have their first pages, they are made (0.1 s of this
    // thread, idle while the parse workers work; before, it held the parse back)
    // and load their modules before the snapshot is there to send them.
    const startRendering = () => {
      if (!last && inputs.pages.length > 2 * PAGES_PER_WORKER) this.#renderPoolReady();
    };
    const [parsed, layouts, data] = await run.phase("parse", () =>
      Promise.all([
        this.#parse(run, config, todo, options, startRendering),
        loadLayouts(inputs.layouts),
        loadData(inputs.data, registry.loaders, config.root),
      ]));
    append(run.diagnostics, parsed.diagnostics);
    const pages = inputs.pages.map((f) => store.page(f.path))
      .filter((p): p is ParsedPage => p !== undefined && !parsed.failed.has(p.file));
    const snap = await run.phase("snapshot", () =>
      buildSnapshot({
        config,
        inputs,
        parsed: pages,
        layouts: layouts.layouts,
        data: data.data,
        now: Date.now(),
      }));
    const snapshot = snap.snapshot as SiteSnapshot;
    await this.#sendEarly(run, config, snapshot, last);
    const foreign = foreignUses(pages);
    const warnings = [
      ...layouts.diagnostics,
      ...data.diagnostics,
      ...snap.diagnostics,
      ...foreignSyntaxWarnings(foreign),
    ];
    this.#links = { snapshot, index: sourceIndex(snapshot, snap.copies, contentFolder(config)) };
    const bodies = new Map<string, string>();
    for (const [url, record] of snapshot.pages) {
      bodies.set(url, this.#bodyOf(snapshot, url, record));
    }
    return {
      snapshot,
      copies: snap.copies,
      redirects: snap.redirects,
      warnings,
      foreign,
      validUntil: snap.validUntil,
      bodies,
      changes: last ? await run.phase("diff", () => changesSince(last, snapshot, bodies)) : null,
      index,
      patched: false,
    };
  }

  /** Page URLs by source file, for `snapshot` (made once per snapshot structure). */
  #urlsByFile(snapshot: SiteSnapshot): ReadonlyMap<string, readonly string[]> {
    if (this.#filesIndex?.snapshot !== snapshot) {
      const urls = new Map<string, string[]>();
      for (const [url, record] of snapshot.pages) {
        if (!record.file) continue;
        const list = urls.get(record.file);
        if (list) list.push(url);
        else urls.set(record.file, [url]);
      }
      this.#filesIndex = { snapshot, urls };
    }
    return this.#filesIndex.urls;
  }

  /**
   * What a page's output reads of its body: the rendered Markdown, and where its
   * source-relative links point (a moved target changes the page).
   */
  #bodyOf(snapshot: SiteSnapshot, url: string, record: PageRecord): string {
    const page = record.file ? this.#store!.page(record.file) : undefined;
    return page ? this.#bodyKey(snapshot, url, page) : "";
  }

  #bodyKey(snapshot: SiteSnapshot, url: string, page: ParsedPage): string {
    const rewrites = this.#rewrites(snapshot, url, page);
    return rewrites.size ? `${page.bodyHash}+${rewritesDigest(rewrites)}` : page.bodyHash;
  }

  /** The page's source-relative links, to where they point in `snapshot`. */
  #rewrites(snapshot: SiteSnapshot, url: string, page: ParsedPage): ReadonlyMap<string, string> {
    if (page.links.length === 0) return NO_REWRITES;
    // Set with each snapshot (a patched one keeps the last one's URLs and files).
    if (this.#links?.snapshot !== snapshot) throw new Error("links resolved for another snapshot");
    // Asked for twice a build (the body's key, then the body): resolved once.
    const known = this.#resolved.get(page);
    if (known?.snapshot === snapshot && known.url === url) return known.rewrites;
    const rewrites = resolveSourceLinks(page.file, url, page.links, this.#links.index);
    this.#resolved.set(page, { snapshot, url, rewrites });
    return rewrites;
  }

  /**
   * What site outputs kept from the last build (see `SiteSource.keep`), for a
   * session: valid against `last` only if this session's last good build made
   * them. A build that fails or stops may have made some against another state,
   * so they go until a build commits.
   */
  #keptSince(run: BuildRun, last: BuildState | null): KeptValues | undefined {
    if (this.#options.oneShot) return undefined;
    if (last === null || this.#keptFor !== last) this.#kept.clear();
    this.#keptFor = null;
    this.#keptBy = run;
    return this.#kept;
  }

  /** A page's plain text, as `#pageData` has it, without reading its page back. */
  #textOf(snapshot: SiteSnapshot, url: string): Body {
    const file = snapshot.pages.get(url)?.file;
    return (file ? this.#store!.text(file) : undefined) ?? EMPTY_PAGE.text;
  }

  #pageData(snapshot: SiteSnapshot, url: string): PageData {
    const file = snapshot.pages.get(url)?.file;
    const page = file ? this.#store!.page(file) : undefined;
    if (!page) return EMPTY_PAGE;
    const rewrites = this.#rewrites(snapshot, url, page);
    if (rewrites.size === 0) {
      return { body: page.html, toc: page.toc, sourceLinks: page.links, text: page.text };
    }
    // The link check finds a link's Markdown line by its href, as the page has it now.
    const sourceLinks = page.links.map((l) => {
      const href = rewrites.get(l.href);
      return href === undefined ? l : { ...l, href };
    });
    return {
      body: rewriteBody(readBody(page.html), rewrites),
      toc: page.toc,
      sourceLinks,
      text: page.text,
    };
  }

  /**
   * Parses `files` in the parse workers and records them in the parse cache;
   * `meanwhile` runs once the workers have their first pages (or before parsing
   * here, or at once when there is nothing to parse).
   */
  async #parse(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    files: readonly InputFile[],
    options: string,
    meanwhile: () => void = () => {},
  ): Promise<{ pages: ParsedPage[]; diagnostics: Diagnostic[]; failed: Set<string> }> {
    const pages: ParsedPage[] = [];
    const diagnostics: Diagnostic[] = [];
    const failed = new Set<string>();
    if (!files.length) meanwhile();
    if (files.length) {
      const init: ParseWorkerInit = {
        markdown: config.markdown,
        taxonomies: config.taxonomies,
        text: needsText(config),
        configModule: config.pluginCount ? config.configModule : null,
      };
      // Largest first, so no big file starts last.
      const order = [...files].sort((a, b) => b.size - a.size || compareStrings(a.path, b.path));
      const items = order.map(({ path, abs }) => ({ path, abs }));
      // One worker would only take the work off an idle thread, at the price of
      // starting it; plugins' code runs in a worker, where a loop can be stopped.
      // Not for a big site, whose parsed pages would crowd this thread's heap as it parses
      // (measured: 1.0 ms a page here at 100,000 pages, 0.7 in a worker). But a few
      // pages edited since the cached parse of a big one are: the pool's start is
      // most of their parse.
      const few = this.#poolSize === 1 ? PAGES_PER_WORKER : this.#store!.empty ? 0 : FEW_PAGES;
      const here = this.#options.oneShot && !this.#parsePool && config.pluginCount === 0 &&
        files.length <= few;
      if (here) meanwhile();
      const results = here ? await parseHere(run, init, items) : await this.#parseInPool(
        run,
        config,
        { ...init, bodies: this.#bodyFolder(config) },
        items,
        meanwhile,
      );
      results.forEach((outcome, i) => {
        const file = order[i];
        if ("page" in outcome) {
          const stat = { size: file.size, mtimeMs: file.mtimeMs, options };
          this.#store!.set(file.path, stat, outcome.page, outcome.meta);
          pages.push(outcome.page);
        } else {
          failed.add(file.path);
          append(diagnostics, outcome.diagnostics);
        }
      });
    }
    if (this.#options.oneShot && files.length && !run.hasErrors()) {
      // The parse cache is written while the build goes on (the files are written
      // off this thread); a parse is right whatever becomes of the build. The commit
      // waits for it. A long-lived session writes it once idle (`#persist`), and a
      // build refused from the start (its output folder is not floe's) writes nothing.
      const store = this.#store!;
      this.#saving = this.#saving.then(() => store.save()).catch(() => {});
    }
    if (this.#options.oneShot && this.#parsePool) {
      // Parse workers' heaps are dead weight from here on.
      this.#parsePool.terminate();
      this.#parsePool = undefined;
    }
    return { pages, diagnostics, failed };
  }

  /**
   * Where a one-shot build's parse workers write the bodies (see `base/body.ts`):
   * the cache folder. A long-lived session keeps them in memory, as it keeps
   * pages, so that nothing it holds can vanish with a deleted cache folder.
   */
  #bodyFolder(config: DeepReadonly<ResolvedConfig>): string | undefined {
    const dir = this.#options.oneShot ? this.#cacheDir(config) : null;
    if (!dir) return undefined;
    try {
      mkdirSync(dir, { recursive: true });
      if (!this.#bodyFiles) removeBodyFiles(dir, false);
      this.#bodyFiles = dir;
      return dir;
    } catch {
      return undefined; // a read-only folder: the bodies come to this thread
    }
  }

  /** Parses `items` in the parse pool, stopping a file that takes too long. */
  async #parseInPool(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    init: ParseWorkerInit,
    items: readonly ParseItem[],
    meanwhile: () => void,
  ): Promise<Parsed[]> {
    const pool = this.#parsePoolReady();
    await pool.init(init, run.signal);
    let done = 0;
    try {
      const running = pool.run(
        makeBatches(items, pool.size),
        // Each batch is decoded as it arrives, while the workers parse the next ones:
        // after the last one this thread would decode them all (0.3 s at 10,000 pages).
        (batch) => {
          run.progress("parse", done += batch.length, items.length);
          return batch.map(fromBytes);
        },
        run.signal,
        // A plugin's Markdown rule or computed data can loop: stopped, like a render.
        config.renderTimeLimit * 1000,
        withBytes,
      );
      // The batches are posted: the workers parse while this thread goes on (should
      // that throw, the run's own failure is not left unhandled).
      running.catch(() => {});
      meanwhile();
      const results = await running;
      append(run.spans, pool.takeSpans());
      return results.flat();
    } catch (e) {
      if (!(e instanceof PoolFailure && e.kind === "timeout")) throw e;
      const file = (e.item as ParseItem | undefined)?.path;
      throw new BuildError([
        error(
          "parse-timeout",
          `parsing ${file ?? "a page"} took more than ${config.renderTimeLimit} s`,
          {
            file,
            hint:
              "floe stopped it: look for a loop that never ends in a Markdown plugin or in computed data of the config's plugins (the limit is renderTimeLimit in the config)",
          },
        ),
      ]);
    }
  }

  async #render(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    site: Site,
    plan: BuildPlan,
    { last, prior }: { last: BuildState | null; prior: BuildState | null },
    cacheDir: string | null,
  ): Promise<Rendered> {
    const { snapshot } = site;
    const outputs = new Map<string, Provenance>();
    for (const [url, record] of snapshot.pages) {
      if (!plan.render.has(url) && record.rendered) {
        outputs.set(record.outputPath, last!.outputs.get(record.outputPath)!);
      }
    }
    const replaced = new Map<string, PageScan | undefined>();
    if (!plan.render.size) return { outputs, diagnostics: [], replaced };

    const items: RenderItem[] = [...plan.render].map((url) => {
      const data = this.#pageData(snapshot, url);
      const previous = prior?.outputs.get(snapshot.pages.get(url)!.outputPath);
      const item = {
        key: url,
        body: data.body,
        toc: data.toc,
        previousHash: previous?.hash ?? null,
      };
      return { item, cost: cost(item, snapshot) };
    }).sort((a, b) => b.cost - a.cost || compareStrings(a.item.key, b.item.key))
      .map(({ item }) => item);
    if (this.#options.oneShot) {
      // Every page's body and contents are in the items: the parse cache may read
      // pages back from its files from here on (see `ParseStore.release`).
      const store = this.#store!;
      this.#saving = this.#saving.then(() => store.release()).catch(() => {});
    }
    const init = renderInit(run, config);
    const here = this.#rendersHere(config, snapshot, items.length);
    // What this thread keeps of an outcome is taken as its batch arrives, while the
    // workers render: its read keys made global (at 100,000 pages a second, not
    // spent after them). The rest of the outcome is garbage at once.
    const keep = (batch: readonly RenderOutcome[]): Kept[] => {
      const reads = this.#globalIds(batch);
      return batch.map((outcome, i) =>
        "diagnostics" in outcome ? outcome : {
          provenance: {
            path: outcome.outputPath,
            kind: "page",
            key: outcome.key,
            hash: outcome.hash,
            bytes: outcome.bytes,
            reads: reads[i],
          },
          scan: outcome.scan,
          written: outcome.written,
        }
      );
    };
    const results = here
      ? [keep(await renderHere(run, { ...init, snapshot: { tables: snapshot } }, items))]
      : await this.#renderInPool(run, site, last, init, items, keep);
    const scans = config.checkLinks ? this.#scanTable(cacheDir) : undefined;
    const diagnostics: Diagnostic[] = [];
    for (const kept of results.flat()) {
      if ("diagnostics" in kept) {
        append(diagnostics, kept.diagnostics);
        continue;
      }
      const { provenance, scan, written } = kept;
      outputs.set(provenance.path, provenance);
      if (scans && scan) {
        replaced.set(provenance.path, scans.get(provenance.path));
        scans.set(provenance.path, scan);
        this.#scansDirty = true;
      }
      run.rendered.push(provenance.path);
      if (written) run.written.push(provenance.path);
      run.explain.push({ output: provenance.path, cause: plan.causes.get(provenance.key)! });
    }
    return { outputs, diagnostics: mergeRepeated(diagnostics), replaced };
  }

  /** Renders `items` in the render pool, which receives the snapshot or a patch to the one it has. */
  async #renderInPool(
    run: BuildRun,
    site: Site,
    last: BuildState | null,
    init: Omit<RenderInit, "snapshot">,
    items: readonly RenderItem[],
    keep: (batch: readonly RenderOutcome[]) => Kept[],
  ): Promise<Kept[][]> {
    const pool = this.#renderPoolReady();
    const sending = this.#sending?.snapshot === site.snapshot ? this.#sending : undefined;
    this.#sending = undefined;
    if (sending) {
      await sending.ready;
    } else {
      const patch = this.#workerSnapshot && this.#workerSnapshot === last?.snapshot
        ? site.changes?.patch
        : undefined;
      const shared = patch ? null : await this.#share(run, site.snapshot);
      run.snapshotBytes = shared?.bytes.byteLength ?? 0;
      this.#workerSnapshot = undefined;
      await pool.init({ ...init, snapshot: shared ?? { patch: patch! } }, run.signal);
    }
    this.#workerSnapshot = site.snapshot;
    let done = 0;
    let results: Kept[][];
    try {
      results = await pool.run(
        makeBatches(items, pool.size),
        (batch) => {
          run.progress("render", done += batch.length, items.length);
          return keep(batch);
        },
        run.signal,
        run.config!.renderTimeLimit * 1000,
      );
    } catch (e) {
      if (!(e instanceof PoolFailure && e.kind === "timeout")) throw e;
      // The pool is broken (its worker was stopped) and is replaced by the next build.
      const url = (e.item as RenderItem | undefined)?.key;
      throw new BuildError([renderTimeout(site.snapshot, url, run.config!.renderTimeLimit)]);
    }
    append(run.spans, pool.takeSpans());
    if (this.#options.oneShot) {
      // Every outcome is taken: the workers' heaps (120-170 MB each at 100,000
      // pages) would only add to the peak of the writes to come.
      this.#dropPools();
    }
    return results;
  }

  /** The link check: of every page, or after an edit of those it may concern. */
  #linkCheck(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    { snapshot, index: inputs }: Site,
    outputs: ReadonlyMap<string, Provenance>,
    last: BuildState | null,
    replaced: ReadonlyMap<string, PageScan | undefined>,
    cacheDir: string | null,
  ): { links: readonly Diagnostic[]; searches: ReadonlyMap<string, number> } {
    if (!config.checkLinks) return { links: [], searches: new Map() };
    const scans = () => this.#scanTable(cacheDir);
    const { broken, checked, searches } = checkSiteLinks({
      config,
      snapshot,
      outputs,
      // Read from disk only if some page is checked: a build with nothing to do checks none.
      get scans() {
        return scans();
      },
      pageData: (url) => this.#pageData(snapshot, url),
      unpack: this.#options.oneShot ? undefined : this.#unpacker(),
    }, last && { state: last, replaced, inputs });
    run.linksChecked = checked;
    return { links: broken, searches };
  }

  /**
   * A scan's strings, kept for the session's next link check, one string for
   * all the pages that link to the same place: every build after an edit checks
   * every page, and strings already hashed are quicker to look up than slices
   * made anew (at 10,000 pages, a session's check took 0.25–0.27 s a build over
   * new slices, 0.13–0.14 s over kept strings).
   */
  #unpacker(): (list: StringList) => readonly string[] {
    const distinct = new Map<string, string>();
    const one = (text: string) => distinct.get(text) ?? (distinct.set(text, text), text);
    return (list) => {
      let strings = this.#unpackedLists.get(list);
      if (!strings) this.#unpackedLists.set(list, strings = unpackStrings(list).map(one));
      return strings;
    };
  }

  /**
   * Puts back the scans a build that did not commit replaced: the next check
   * must see the pages as the output folder has them (an edit undone after a
   * failed build renders nothing again).
   */
  #restoreScans(): void {
    const replaced = this.#uncommitted;
    this.#uncommitted = undefined;
    if (!replaced || !this.#scans) return;
    for (const [path, scan] of replaced) {
      if (scan) this.#scans.set(path, scan);
      else this.#scans.delete(path);
    }
    this.#scansDirty = true;
  }

  #scanTable(cacheDir: string | null): Map<string, PageScan> {
    this.#scans ??= (cacheDir && !this.#options.clean ? loadScans(cacheDir) : null) ?? new Map();
    return this.#scans;
  }

  /**
   * Moves the staged files into place. The state on disk is dropped first and
   * written again after, so a build killed in between leaves no state (the next
   * one is a full build), never a state that does not match the output folder.
   */
  async #commit(
    run: BuildRun,
    cacheDir: string | null,
    state: BuildState,
    removed: readonly string[],
    previous: BuildState | null,
  ): Promise<void> {
    this.#cancelSave();
    // A save still writing must not land after this commit's output.
    await this.#saving;
    const unchanged = previous !== null && run.written.length === 0 && removed.length === 0 &&
      previous.fingerprint === state.fingerprint && previous.snapshot === state.snapshot;
    if (!unchanged && cacheDir) {
      dropCache(cacheDir, "state.bin");
      this.#stateUnsaved = true;
    }
    this.#state = null;
    const staging = run.staging!;
    const commit = () => staging.commit(run.written, removed);
    await (this.#options.exclusive ? this.#options.exclusive(commit) : commit());
    run.staging = undefined;
    this.#uncommitted = undefined;
    this.#state = this.#trusted = state;
    // Right for this state only if this build checked them against its changes.
    this.#keptFor = this.#keptBy === run ? state : null;
    this.#readers.advance(previous, state);
    // A long-lived session will plan again soon: have the index ready for it.
    if (!this.#options.oneShot) this.#readers.sync(state);
    if (this.#scans) {
      for (const path of this.#scans.keys()) {
        if (!state.outputs.has(path)) {
          this.#scans.delete(path);
          this.#scansDirty = true;
        }
      }
    }
    if (cacheDir) await this.#persist(cacheDir);
  }

  /**
   * Writes the state, the link scans and the changed parse shards: at once for
   * a one-shot build; for a long-lived session once it has been idle a moment
   * (and on close), so an edit loop does not write the cache on every save.
   * Until then there is no state on disk, and a new process makes a full build.
   */
  async #persist(cacheDir: string): Promise<void> {
    const save = async () => {
      this.#pendingSave = undefined;
      await this.#store?.save();
      if (this.#scansDirty && this.#scans) {
        this.#scansDirty = false;
        await saveScans(cacheDir, this.#scans);
      }
      const shared = this.#shared;
      this.#shared = undefined;
      if (this.#stateUnsaved && this.#state) {
        this.#stateUnsaved = false;
        const bytes = shared?.snapshot === this.#state.snapshot ? shared.bytes : undefined;
        await saveState(cacheDir, this.#state, bytes);
      }
    };
    const queued = () => this.#saving = this.#saving.then(save).catch(() => {});
    if (this.#options.oneShot) return await queued();
    const timer = setTimeout(queued, 1000) as unknown as number;
    Deno.unrefTimer(timer);
    this.#pendingSave = { timer, save: queued };
  }

  #cancelSave(): void {
    if (this.#pendingSave) clearTimeout(this.#pendingSave.timer);
    this.#pendingSave = undefined;
  }

  /** The cache folder, or `null`; refused where a build would delete or read it as input. */
  #cacheDir(config: DeepReadonly<ResolvedConfig>): string | null {
    const option = this.#options.cacheDir;
    if (option === false) return null;
    const dir = resolve(config.root, option ?? ".floe-cache");
    const { dirs } = config;
    const inside = (child: string, parent: string) => {
      const rel = relative(parent, child);
      return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    };
    const clash = (["output", "content", "layouts", "static", "data"] as const)
      .find((name) => inside(dir, dirs[name]) || inside(dirs[name], dir));
    if (clash) {
      throw new BuildError([
        error("cache-dir", `the cache folder ${dir} overlaps the ${clash} folder ${dirs[clash]}`, {
          hint: "keep the cache in a folder of its own, like the default .floe-cache",
        }),
      ]);
    }
    return dir;
  }

  /** Why this build must be a full one, or `null` when it can be incremental. */
  #fullBuildReason(
    cacheDir: string | null,
    previous: BuildState | null,
    fingerprint: string,
    outDir: string,
  ): string | null {
    if (previous === null) {
      if (this.#builds > 0) return "the last build did not finish";
      if (this.#options.clean) return "--clean";
      if (cacheDir === null) return "no cache (cacheDir: false)";
      return existsSync(join(cacheDir, "state.bin"))
        ? "the cache is from another version of floe, or unreadable"
        : "nothing remembered yet";
    }
    if (previous.fingerprint !== fingerprint) return "the config, floe or a library changed";
    if (previous.outDir !== outDir) return "the output folder changed";
    if (!existsSync(outDir)) return "the output folder is missing";
    return null;
  }

  #previousState(cacheDir: string | null): BuildState | null {
    if (this.#state !== undefined) return this.#state;
    this.#state = cacheDir && !this.#options.clean ? loadState(cacheDir) : null;
    return this.#state;
  }

  /**
   * The plugins' registry on this thread, with floe's default plugins: made once
   * per config generation (the plugins register once), its setup hooks run anew
   * for every build.
   */
  #pluginsFor(
    config: DeepReadonly<ResolvedConfig>,
    plugins: readonly Plugin[],
    fingerprint: string,
  ): PluginRegistry {
    try {
      if (this.#plugins?.fingerprint !== fingerprint) {
        this.#plugins = {
          fingerprint,
          registry: collectPlugins(withDefaultPlugins(plugins, config)),
        };
      }
      startBuild(this.#plugins.registry);
      return this.#plugins.registry;
    } catch (e) {
      this.#plugins = undefined;
      throw new BuildError([pluginDiagnostic(e, config.root)]);
    }
  }

  /** Pools keep their size for the life of the session; a config edit recycles them. */
  #preparePools(pages: number, config: DeepReadonly<ResolvedConfig>, fingerprint: string): void {
    if (this.#poolSize === 0) {
      // More workers than pages or than twice the cores only cost start-up and memory.
      const cap = Math.max(1, Math.min(pages, 2 * (navigator.hardwareConcurrency || 1)));
      this.#poolSize = config.workers ? Math.min(config.workers, cap) : autoWorkers(pages);
    }
    if (this.#poolConfig !== fingerprint) {
      this.#dropPools();
      this.#poolConfig = fingerprint;
    }
  }

  /**
   * A one-shot build with nothing in its parse cache, of a site too big to parse on
   * this thread, starts its parse workers before it lists the site's files: they
   * load their modules (0.2 s) while it does. Only the pages are counted for that,
   * without a file's details.
   */
  #startParseEarly(config: DeepReadonly<ResolvedConfig>, fingerprint: string): void {
    const cores = navigator.hardwareConcurrency || 1;
    // Counted as far as the pool's size can depend on it.
    const pages = countPages(config, Math.max(cores, 2) * PAGES_PER_WORKER);
    if (pages <= PAGES_PER_WORKER) return;
    this.#preparePools(pages, config, fingerprint);
    this.#parsePoolReady();
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

  /**
   * Whether `count` pages render on this thread. The user's filters and plugins run
   * in a worker, where a loop that never ends can be stopped. A few pages, or one
   * worker's worth: a worker would cost its start-up and the snapshot's transfer,
   * and free only a thread that would wait for it.
   */
  #rendersHere(
    config: DeepReadonly<ResolvedConfig>,
    snapshot: SiteSnapshot,
    count: number,
  ): boolean {
    return this.#options.oneShot === true &&
      (count <= RENDER_HERE || (this.#poolSize === 1 && count <= PAGES_PER_WORKER)) &&
      !this.#renderPool &&
      config.filterNames.length === 0 && config.pluginCount === 0 && !mayLoop(snapshot.layouts);
  }

  /**
   * Sends the snapshot of a build with nothing to go from (every page renders) to
   * the render workers as soon as it is built: they read it while this thread works
   * out the bodies and the plan. At 100,000 pages that hides their two seconds of
   * reading it. A build that has a last one may render a few pages, on this thread,
   * or send a patch: it decides once planned.
   */
  async #sendEarly(
    run: BuildRun,
    config: DeepReadonly<ResolvedConfig>,
    snapshot: SiteSnapshot,
    last: BuildState | null,
  ): Promise<void> {
    if (last || this.#rendersHere(config, snapshot, snapshot.pages.size)) return;
    const pool = this.#renderPoolReady();
    const shared = await this.#share(run, snapshot);
    run.snapshotBytes = shared.bytes.byteLength;
    this.#workerSnapshot = undefined;
    const ready = pool.init({ ...renderInit(run, config), snapshot: shared }, run.signal);
    // Awaited by the render, or by `build` when the build ends before it.
    ready.catch(() => {});
    this.#sending = { snapshot, ready };
  }

  /**
   * Packs the snapshot for the render workers. The bytes are kept until the state
   * is next written, which stores them as they are instead of packing the snapshot
   * a second time (1–2 s at 100,000 pages).
   */
  async #share(run: BuildRun, snapshot: SiteSnapshot): Promise<SharedSnapshot> {
    const shared = await run.phase("share", () => shareSnapshot(snapshot));
    this.#shared = { snapshot, bytes: shared.bytes };
    return shared;
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

  /**
   * The session's ids of what each render outcome of a batch read (by index; none
   * for a failed page): each worker numbers keys in its own table, sending a key
   * once; the session maps those numbers to its own. A batch's ids share one
   * buffer: kept to the end of the build, one each was 100,000 buffers.
   */
  #globalIds(batch: readonly RenderOutcome[]): Uint32Array[] {
    let total = 0;
    for (const outcome of batch) if ("reads" in outcome) total += outcome.reads.length;
    const all = new Uint32Array(total);
    let at = 0;
    return batch.map((outcome) => {
      if (!("reads" in outcome)) return all.subarray(0, 0);
      let map = this.#workerKeys.get(outcome.worker);
      if (!map) this.#workerKeys.set(outcome.worker, map = new KeyMap(this.#keys!));
      map.take(outcome.newKeys);
      return map.ids(outcome.reads, all.subarray(at, at += outcome.reads.length));
    });
  }

  #dropPools(): void {
    this.#workerKeys.clear();
    this.#parsePool?.terminate();
    this.#renderPool?.terminate();
    this.#parsePool = undefined;
    this.#renderPool = undefined;
    this.#workerSnapshot = undefined;
  }

  /**
   * Writes to the disk cache now what a long-lived session would write once
   * idle: afterwards a new process finds this session's last build.
   */
  async flush(): Promise<void> {
    const pending = this.#pendingSave;
    this.#cancelSave();
    pending?.save();
    // Also a save the idle timer has already begun: until it ends, a new process
    // would find no state (the commit dropped it) and build everything again.
    await this.#saving;
  }

  /**
   * Ends the workers and writes what is still to be written to the cache. The
   * session can build again afterwards (with new workers).
   */
  async close(): Promise<void> {
    this.#dropPools();
    await this.flush();
    this.#store?.close();
    // After the last save: the parse cache's shards were written from these files.
    if (this.#bodyFiles) removeBodyFiles(this.#bodyFiles, true);
    this.#bodyFiles = undefined;
    this.#lock?.release();
    this.#lock = undefined;
  }

  /** Holds the output folder's lock for the session's life; why not, when another build has it. */
  #lockOutput(outDir: string): Diagnostic | null {
    if (this.#lock?.outDir === outDir) return null;
    this.#lock?.release();
    const lock = lockOutput(outDir);
    if ("release" in lock) {
      this.#lock = lock;
      // The only live builder of this folder: what dead ones left is garbage.
      removeDeadStaging(outDir);
      return null;
    }
    this.#lock = undefined;
    return lock;
  }
}

/**
 * A one-shot build with at most this many pages to render renders them on this
 * thread: starting a render worker and sending it the snapshot costs more than
 * a few pages (measured: ~0.8 s at 10,000 pages for one edited page).
 */
const RENDER_HERE = 8;

/** The diagnostic of a page whose render did not end. */
function renderTimeout(
  snapshot: SiteSnapshot,
  url: string | undefined,
  seconds: number,
): Diagnostic {
  const page = url === undefined ? undefined : snapshot.pages.get(url);
  const layouts = page?.layouts.length ? ` (layouts: ${page.layouts.join(", ")})` : "";
  return error(
    "render-timeout",
    `rendering ${url ?? "a page"} took more than ${seconds} s${layouts}`,
    {
      file: page?.file ?? undefined,
      hint:
        "floe stopped it: look for a loop that never ends in a filter of the config or in one of these layouts (the limit is renderTimeLimit in the config)",
    },
  );
}

/** JavaScript in a template tag that can run without end: a loop, a function, a callback. */
const LOOPING_CODE = /\bwhile\b|\bfor\s*\(|\bfunction\b|=>|\bsetInterval\b/;

/**
 * Whether a layout's tags hold code that could run forever. Vento's own
 * statements (`for … of`, `if`, `include` — whose nesting is capped) always end;
 * arbitrary JavaScript may not, and only a worker can be stopped.
 */
function mayLoop(layouts: SiteSnapshot["layouts"]): boolean {
  return Object.values(layouts).some((layout) =>
    !layout.file.startsWith("(floe)/") &&
    [...layout.source.matchAll(/\{\{-?([^]*?)-?\}\}/g)].some(([, code]) => LOOPING_CODE.test(code))
  );
}

/**
 * Parses files on this thread, with the parse workers' own code: a one-shot
 * build with one worker gains nothing from a worker but its start-up cost.
 */
async function parseHere(
  run: BuildRun,
  init: ParseWorkerInit,
  items: readonly ParseItem[],
): Promise<Parsed[]> {
  return runHere(run, "parse", await createParser(init), items);
}

/**
 * Renders pages on this thread, with the render workers' own code (see
 * `#rendersHere`). Loaded on demand: Vento slows markdown-it down in a thread that
 * has loaded it, and a big build never comes here.
 */
async function renderHere(
  run: BuildRun,
  init: RenderInit,
  items: readonly RenderItem[],
): Promise<RenderOutcome[]> {
  const { createRenderer } = await import("../render/render_page.ts");
  const render = await createRenderer(init);
  try {
    return await runHere(run, "render", render, items);
  } finally {
    render.bodies.close();
  }
}

/**
 * Milliseconds of work on this thread between two turns of the event loop: a
 * Ctrl-C or a progress line waits at most that long, and each turn (1–4 ms) costs
 * a few percent at most.
 */
const TURN_EVERY_MS = 50;

/**
 * Runs a stage's jobs on this thread, one at a time, letting the event loop turn
 * every {@link TURN_EVERY_MS} (a signal, a cancelled build, a progress line) and
 * stopping if the build was cancelled.
 */
async function runHere<Item, Outcome>(
  run: BuildRun,
  phase: "parse" | "render",
  job: (item: Item) => Outcome | Promise<Outcome>,
  items: readonly Item[],
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const turn = eventLoopTurns(TURN_EVERY_MS);
  for (const item of items) {
    outcomes.push(await job(item));
    if (await turn()) {
      run.progress(phase, outcomes.length, items.length);
      run.check();
    }
  }
  return outcomes;
}

/** The content folder as page sources name it: relative to the site folder, `/`-separated. */
function contentFolder(config: DeepReadonly<ResolvedConfig>): string {
  return relative(config.root, config.dirs.content).split(sep).join("/");
}

/** What every render worker is told before a build's pages: the snapshot aside. */
function renderInit(
  run: BuildRun,
  config: DeepReadonly<ResolvedConfig>,
): Omit<RenderInit, "snapshot"> {
  return {
    outDir: run.staging!.dir,
    configModule: config.configModule,
    markdown: config.markdown,
    scan: config.checkLinks,
  };
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
 * A failure that is not a mistake in the site: a file-system error (a full
 * disk, a name too long, a read-only folder) in words with the path, or a
 * worker that died. The stack is shown only when FLOE_DEBUG=1 (`--debug`).
 */
function failureDiagnostic(e: unknown, root: string | undefined): Diagnostic {
  const message = e instanceof PoolFailure ? e.workerMessage : String((e as Error)?.message ?? e);
  const stack = e instanceof PoolFailure ? e.workerStack : (e as Error)?.stack;
  if (root && (e instanceof PluginError || /^plugin "[^"]*" failed /.test(message))) {
    // A plugin that failed in a worker (loading or in its setup hook): its own diagnostic.
    const failure = new Error(message);
    failure.stack = stack ?? message;
    return pluginDiagnostic(e instanceof PluginError ? e : failure, root);
  }
  const debug = Deno.env.get("FLOE_DEBUG") === "1" && stack ? `\n${stack}` : "";
  const code = ioErrorCode(e) ?? ioErrorCode({ message });
  if (code && code !== "EEXIST") {
    const path = (e as { path?: unknown })?.path ?? /'([^']+)'/.exec(message)?.[1];
    const where = typeof path === "string" ? `: ${path}` : "";
    return error("io", `${describeIoError({ code, message })}${where}${debug}`, {
      hint: ioErrorHint({ code }) ?? "check the disk and the folder's permissions",
    });
  }
  if (e instanceof PoolFailure) {
    return error("worker", `${e.message}${debug}`, {
      hint:
        "a worker failed: unless it ran out of memory, this is a bug in floe or in a filter of the site; run with --workers 1 to narrow it down, and --debug for the stack",
    });
  }
  return error("internal", `${message}${debug}`, {
    hint: "this is a bug in floe; run with --debug for the stack, and report it",
  });
}

/**
 * Whether parse workers send back each page's plain text: the search index
 * reads it, and so may any plugin's output.
 */
function needsText(config: DeepReadonly<ResolvedConfig>): boolean {
  return config.search || config.pluginCount > 0;
}
