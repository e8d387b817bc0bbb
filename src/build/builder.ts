/**
 * The build, as data flowing (DESIGN.md): config → discover → parse (workers) →
 * snapshot (the one barrier) → render (workers) → post. Each stage takes frozen
 * records and returns new ones; nothing here mutates a shared site object.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { MarkdownOptions, UserConfig } from "../config/config.ts";
import { resolveConfig, type ResolvedConfig } from "../config/load_config.ts";
import { discover } from "../discover/discover.ts";
import { BuildError, type Diagnostic, error, sortDiagnostics } from "../errors/diagnostic.ts";
import { createStaging } from "../output/staging.ts";
import type { ParsedPage, ParseInit, ParseItem, ParseOutcome } from "../parse/parse_page.ts";
import { now } from "../pool/protocol.ts";
import { makeBatches, type PoolSpan, WorkerPool } from "../pool/worker_pool.ts";
import { copyFiles } from "../post/copy_files.ts";
import { checkLinks } from "../post/link_check.ts";
import { siteFiles } from "../post/outputs.ts";
import { siteLinks } from "../snapshot/urls.ts";
import type { PageScan, RenderInit, RenderItem, RenderOutcome } from "../render/render_page.ts";
import { buildSnapshot, type SnapshotResult } from "../snapshot/build_snapshot.ts";
import { loadData } from "../snapshot/data_files.ts";
import { loadLayouts } from "../snapshot/layouts.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { type SharedSnapshot, shareSnapshot } from "../snapshot/transfer.ts";
import { type PhaseSpan, traceEvents } from "./trace.ts";

/**
 * Options of one build.
 *
 * @example
 * ```ts
 * import type { BuildOptions } from "./builder.ts";
 * const options: BuildOptions = { root: "site", overrides: { drafts: true, workers: 2 } };
 * ```
 */
export interface BuildOptions {
  /** The site folder. Default: the current folder. */
  readonly root?: string;
  /** A config file other than `<root>/floe.config.ts`. */
  readonly configFile?: string;
  /** Settings that win over the config file (what CLI flags set). */
  readonly overrides?: UserConfig;
  /** Write a Chrome trace-event JSON file here. */
  readonly trace?: string;
  /** Called as pages are parsed and rendered. */
  readonly onProgress?: (progress: BuildProgress) => void;
}

/**
 * Progress of a running build, for a progress display.
 *
 * @example
 * ```ts
 * import type { BuildProgress } from "./builder.ts";
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
 * One file the build wrote.
 *
 * @example
 * ```ts
 * import type { OutputRecord } from "./builder.ts";
 * const r: OutputRecord = { path: "index.html", hash: "…", bytes: 1024 };
 * ```
 */
export interface OutputRecord {
  /** Path relative to the output folder. */
  readonly path: string;
  /** sha256 (hex) of the bytes written. */
  readonly hash: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/**
 * What a successful build reports.
 *
 * @example
 * ```ts
 * import { build } from "./builder.ts";
 * const result = await build({ root: "site" });
 * console.log(`${result.pages} pages in ${result.durationMs.toFixed(0)} ms`);
 * ```
 */
export interface BuildResult {
  /** Absolute output folder. */
  readonly outDir: string;
  /** Pages rendered. */
  readonly pages: number;
  /** Files written in all (pages and copies). */
  readonly files: number;
  /** Workers per pool. */
  readonly workers: number;
  /** Wall time of the whole build, in milliseconds. */
  readonly durationMs: number;
  /** Milliseconds per phase. */
  readonly phases: Readonly<Record<string, number>>;
  /** Warnings (a build with errors throws a `BuildError` instead). */
  readonly warnings: readonly Diagnostic[];
  /** Rendered pages, in page-id order. */
  readonly outputs: readonly OutputRecord[];
  /** Size of the serialized snapshot sent to the render workers, in bytes. */
  readonly snapshotBytes: number;
}

type ParsePool = WorkerPool<ParseInit, ParseItem, ParseOutcome>;
type RenderPool = WorkerPool<RenderInit, RenderItem, RenderOutcome>;

/**
 * Runs builds with worker pools that outlive a single build: a test suite or the
 * dev server creates one builder and reuses its workers. Call `close()` to end the
 * workers; a builder whose worker died replaces its pools on the next build.
 *
 * @example
 * ```ts
 * import { Builder } from "./builder.ts";
 * const builder = new Builder();
 * try {
 *   await builder.build({ root: "site" });
 *   await builder.build({ root: "site", overrides: { drafts: true } });
 * } finally {
 *   builder.close();
 * }
 * ```
 */
export class Builder {
  #parsePool: ParsePool | undefined;
  #renderPool: RenderPool | undefined;
  readonly #keepWorkers: boolean;

  /**
   * `keepWorkers: false` is for one-shot builds (the CLI): each pool is ended as
   * soon as its stage is done, which lowers the build's peak memory.
   */
  constructor(options: { readonly keepWorkers?: boolean } = {}) {
    this.#keepWorkers = options.keepWorkers ?? true;
  }

  #pools(size: number): { parse: ParsePool; render: RenderPool } {
    if (this.#parsePool?.size !== size || this.#parsePool.broken) {
      this.#parsePool?.terminate();
      this.#parsePool = new WorkerPool(
        new URL("../../workers/parse_worker.ts", import.meta.url),
        size,
        "parse",
      );
    }
    if (this.#renderPool?.size !== size || this.#renderPool.broken) {
      this.#renderPool?.terminate();
      this.#renderPool = new WorkerPool(
        new URL("../../workers/render_worker.ts", import.meta.url),
        size,
        "render",
      );
    }
    return { parse: this.#parsePool, render: this.#renderPool };
  }

  /** Builds a site. Throws a `BuildError` with every diagnostic when it fails. */
  async build(options: BuildOptions = {}): Promise<BuildResult> {
    const started = now();
    const phases: PhaseSpan[] = [];
    const phase = async <T>(
      name: string,
      run: () => Promise<T>,
    ): Promise<T> => {
      const start = now();
      try {
        return await run();
      } finally {
        phases.push({ name, start, end: now() });
      }
    };

    const { config } = await phase(
      "config",
      () =>
        resolveConfig({
          root: options.root ?? ".",
          configFile: options.configFile,
          overrides: options.overrides,
        }),
    );
    const inputs = await phase(
      "discover",
      () => Promise.resolve(discover(config)),
    );
    const size = config.workers || autoWorkers(inputs.pages.length);
    const pools = this.#pools(size);
    pools.parse.takeSpans();
    pools.render.takeSpans();
    const spans: PoolSpan[] = [];

    const [parsed, layoutsLoaded, dataLoaded] = await phase(
      "parse",
      () =>
        Promise.all([
          this.#parse(
            pools.parse,
            { markdown: config.markdown, taxonomies: config.taxonomies, text: config.search },
            inputs.pages,
            options.onProgress,
          ),
          loadLayouts(inputs.layouts),
          loadData(inputs.data),
        ]),
    );
    spans.push(...pools.parse.takeSpans());
    if (!this.#keepWorkers) {
      // Parse workers' heaps are dead weight from here on.
      pools.parse.terminate();
      this.#parsePool = undefined;
    }
    const diagnostics: Diagnostic[] = [
      ...parsed.diagnostics,
      ...layoutsLoaded.diagnostics,
      ...dataLoaded.diagnostics,
    ];

    const snap = await phase("snapshot", () =>
      Promise.resolve(buildSnapshot({
        config,
        inputs,
        parsed: parsed.pages,
        layouts: layoutsLoaded.layouts,
        data: dataLoaded.data,
        now: Date.now(),
      })));
    diagnostics.push(...snap.diagnostics);
    failOnErrors(diagnostics);

    const staging = await createStaging(config.dirs.output);
    try {
      const shared = await phase("share", () => Promise.resolve(shareSnapshot(snap.snapshot)));
      const { outputs, copied } = await phase("render", async () => {
        const [rendered, copied] = await Promise.all([
          this.#render(
            pools.render,
            snap,
            shared,
            staging.dir,
            config.configModule,
            config.markdown,
            config.checkLinks,
            options.onProgress,
          ),
          copyFiles(snap.copies, staging.dir),
        ]);
        return { outputs: rendered, copied };
      });
      diagnostics.push(...outputs.diagnostics);
      failOnErrors(diagnostics);

      const generated = await phase(
        "post",
        () => Promise.resolve(this.#post(config, snap, outputs.scans, staging.dir, diagnostics)),
      );
      failOnErrors(diagnostics);
      await phase("write", () => staging.commit());

      const durationMs = now() - started;
      spans.push(...pools.render.takeSpans());
      if (options.trace) await writeTrace(options.trace, phases, spans);
      return {
        outDir: config.dirs.output,
        pages: outputs.records.length,
        files: outputs.records.length + copied + generated,
        workers: size,
        durationMs,
        phases: Object.fromEntries(
          phases.map((p) => [p.name, p.end - p.start]),
        ),
        warnings: sortDiagnostics(diagnostics.filter((d) => d.severity === "warning")),
        outputs: outputs.records,
        snapshotBytes: shared.bytes.byteLength,
      };
    } catch (e) {
      await staging.discard();
      throw e;
    }
  }

  async #parse(
    pool: ParsePool,
    init: ParseInit,
    files: readonly { path: string; abs: string; size: number }[],
    onProgress: BuildOptions["onProgress"],
  ): Promise<{ pages: ParsedPage[]; diagnostics: Diagnostic[] }> {
    await pool.init(init);
    // Largest first, so no big file starts last.
    const order = [...files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
    const batches = makeBatches(
      order.map(({ path, abs }) => ({ path, abs })),
      pool.size,
    );
    let done = 0;
    const results = await pool.run(
      batches,
      (n) => onProgress?.({ phase: "parse", done: done += n, total: files.length }),
    );
    const pages: ParsedPage[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const outcome of results.flat()) {
      if ("page" in outcome) pages.push(outcome.page);
      else diagnostics.push(...outcome.diagnostics);
    }
    // Back to path order: nothing downstream may depend on which worker finished first.
    pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { pages, diagnostics };
  }

  async #render(
    pool: RenderPool,
    snap: SnapshotResult,
    shared: SharedSnapshot,
    outDir: string,
    configModule: string | null,
    markdown: DeepReadonly<MarkdownOptions>,
    scan: boolean,
    onProgress: BuildOptions["onProgress"],
  ): Promise<
    { records: OutputRecord[]; scans: (PageScan | undefined)[]; diagnostics: Diagnostic[] }
  > {
    await pool.init({ snapshot: shared, outDir, configModule, markdown, scan });
    const items = snap.snapshot.schedule.map((id) => ({
      id,
      body: snap.extras[id].body,
      toc: snap.extras[id].toc,
    }));
    const total = items.length;
    let done = 0;
    const results = await pool.run(
      makeBatches(items, pool.size),
      (n) => onProgress?.({ phase: "render", done: done += n, total }),
    );
    const records: OutputRecord[] = new Array(snap.snapshot.pages.length);
    const scans: (PageScan | undefined)[] = new Array(snap.snapshot.pages.length);
    const diagnostics: Diagnostic[] = [];
    for (const outcome of results.flat()) {
      if ("diagnostics" in outcome) diagnostics.push(...outcome.diagnostics);
      else {
        records[outcome.id] = {
          path: outcome.outputPath,
          hash: outcome.hash,
          bytes: outcome.bytes,
        };
        scans[outcome.id] = outcome.scan;
      }
    }
    return { records: records.filter(Boolean), scans, diagnostics: mergeRepeated(diagnostics) };
  }

  /**
   * Writes the site-wide files (sitemap, feeds, search index, robots.txt,
   * redirects) and checks every internal link of the rendered pages. Returns the
   * number of files written.
   */
  #post(
    config: DeepReadonly<ResolvedConfig>,
    snap: SnapshotResult,
    scans: readonly (PageScan | undefined)[],
    outDir: string,
    diagnostics: Diagnostic[],
  ): number {
    const files = new Set<string>([
      ...snap.snapshot.pages.map((p) => p.outputPath),
      ...snap.copies.map((c) => c.to),
    ]);
    const generated = siteFiles({
      snapshot: snap.snapshot,
      extras: snap.extras,
      redirects: snap.redirects,
      config,
      taken: (path) => files.has(path),
    });
    for (const file of generated) {
      if (files.has(file.path)) {
        diagnostics.push(error("url-collision", `${file.path} is written by floe and by the site`, {
          hint: file.path === "search-index.json"
            ? "rename the site's file, or set `search: false` in the config"
            : "floe writes this file itself: rename or remove the site's file or page",
        }));
        continue;
      }
      files.add(file.path);
      const target = join(outDir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    if (!config.checkLinks) return generated.length;
    const links = siteLinks(config.baseURL);
    diagnostics.push(...checkLinks({
      pages: snap.snapshot.pages.flatMap((page) => {
        const scan = scans[page.id];
        return scan
          ? [{
            outputPath: page.outputPath,
            url: page.url,
            source: page.file,
            sourceLinks: snap.extras[page.id].sourceLinks,
            links: scan.links,
            ids: scan.ids,
          }]
          : [];
      }),
      files,
      basePath: links.basePath,
      siteOrigin: links.origin,
      severity: config.strictLinks ? "error" : "warning",
    }));
    return generated.length;
  }

  /** Terminates the workers. */
  close(): void {
    this.#parsePool?.terminate();
    this.#renderPool?.terminate();
    this.#parsePool = undefined;
    this.#renderPool = undefined;
  }
}

/**
 * One template mistake breaks every page using the layout: report it once, naming
 * the first page and how many more.
 */
function mergeRepeated(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; pages: number }>();
  for (const d of diagnostics) {
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

/** Pages one worker handles before a second one pays for its start-up (measured). */
const PAGES_PER_WORKER = 2000;

/** The default pool size: one worker per {@link PAGES_PER_WORKER} pages, at most one per core. */
function autoWorkers(pages: number): number {
  const cores = navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(cores, Math.ceil(pages / PAGES_PER_WORKER)));
}

function failOnErrors(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.some((d) => d.severity === "error")) {
    throw new BuildError(diagnostics);
  }
}

async function writeTrace(
  path: string,
  phases: readonly PhaseSpan[],
  spans: readonly PoolSpan[],
): Promise<void> {
  await writeFile(path, JSON.stringify(traceEvents(phases, spans)));
}

/**
 * Builds a site once with fresh workers and stops them afterwards.
 *
 * @example
 * ```ts
 * import { build } from "./builder.ts";
 * const result = await build({ root: "site", overrides: { workers: 2 } });
 * console.log(result.files);
 * ```
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const builder = new Builder({ keepWorkers: false });
  try {
    return await builder.build(options);
  } finally {
    builder.close();
  }
}
