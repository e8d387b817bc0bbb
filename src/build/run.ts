/**
 * The bookkeeping of one build — phases, spans, diagnostics, what was rendered,
 * written and why — and the {@link BuildReport} made from it.
 *
 * @module
 */
import { writeFile } from "node:fs/promises";
import { compareStrings } from "../base/arrays.ts";
import { BuildError, type Diagnostic, sortDiagnostics, warning } from "../errors/diagnostic.ts";
import { describeIoError } from "../errors/io_error.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import type { ResolvedConfig } from "../config/load_config.ts";
import type { Staging } from "../output/writer.ts";
import { now } from "../pool/protocol.ts";
import type { PoolSpan } from "../pool/worker_pool.ts";
import type { Provenance } from "../remember/store.ts";
import { type PhaseSpan, traceEvents } from "./trace.ts";

/**
 * Progress of a running build, for a progress display.
 *
 * @example
 * ```ts
 * import type { BuildProgress } from "./run.ts";
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
 * One output made again, and why.
 *
 * @example
 * ```ts
 * import type { Explanation } from "./run.ts";
 * const e: Explanation = { output: "docs/a/index.html", cause: "title of page /docs/b/" };
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
 * import type { BuildReport } from "./run.ts";
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
  /** The config the build ran with, or `null` when it could not be read. */
  readonly config: DeepReadonly<ResolvedConfig> | null;
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
  /**
   * Pages whose links were checked this build, sorted: all of them in a full
   * check, after an edit those whose broken links may have changed.
   */
  readonly linksChecked: readonly string[];
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
  /** Bytes of the snapshot sent to the render workers (0 when a patch was sent). */
  readonly snapshotBytes: number;
  /** Every output of the build with its hash, by path. */
  readonly outputs: readonly {
    readonly path: string;
    readonly hash: string;
    readonly bytes: number;
  }[];
}

/**
 * Thrown inside a build when its signal fired; the session turns it into a
 * cancelled report.
 *
 * @example
 * ```ts
 * import { Cancelled } from "./run.ts";
 * new Cancelled() instanceof Error; // true
 * ```
 */
export class Cancelled extends Error {}

/**
 * The mutable bookkeeping of one build, and the report made from it.
 *
 * @example
 * ```ts
 * import { BuildRun } from "./run.ts";
 * const run = new BuildRun({}, undefined);
 * await run.phase("config", () => Promise.resolve());
 * ```
 */
export class BuildRun {
  /** When the build started. */
  readonly started: number = now();
  /** Main-thread phases, for the report and the trace. */
  readonly phases: PhaseSpan[] = [];
  /** Worker spans, for the trace. */
  readonly spans: PoolSpan[] = [];
  /** Everything found so far. */
  readonly diagnostics: Diagnostic[] = [];
  /** Page outputs rendered. */
  readonly rendered: string[] = [];
  /** Site-wide files made. */
  readonly generated: string[] = [];
  /** Pages whose links were checked. */
  linksChecked: readonly string[] = [];
  /** Files written into the staging folder. */
  readonly written: string[] = [];
  /** Why each output was made again. */
  readonly explain: Explanation[] = [];
  readonly #madeDirs = new Set<string>();
  /** The config, once it is read. */
  config: DeepReadonly<ResolvedConfig> | null = null;
  /** Why this is a full build, or `null`. */
  full: string | null = null;
  /** Bytes of the snapshot shared with the render workers. */
  snapshotBytes = 0;
  /** Where changed outputs go until the commit. */
  staging: Staging | undefined;

  /** A run for one build of a session. */
  constructor(
    readonly options: {
      readonly trace?: string;
      readonly onProgress?: (progress: BuildProgress) => void;
    },
    readonly signal: AbortSignal | undefined,
  ) {}

  /** Runs one phase and records its span. */
  async phase<T>(name: string, run: () => Promise<T> | T): Promise<T> {
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

  /** Tells the progress display. */
  progress(phase: BuildProgress["phase"], done: number, total: number): void {
    this.options.onProgress?.({ phase, done, total });
  }

  /** Creates a folder once per build. */
  ensureDir(dir: string): void {
    if (this.#madeDirs.has(dir)) return;
    Deno.mkdirSync(dir, { recursive: true });
    this.#madeDirs.add(dir);
  }

  /** Whether anything so far is an error: the build will fail. */
  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** Ends the build here if anything so far is an error. */
  failOnErrors(): void {
    if (this.hasErrors()) throw new BuildError(this.diagnostics);
  }

  /** Removes the staging folder, if the build did not commit it. */
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

  /** The report of a build that committed its output. */
  async succeeded(
    outputs: ReadonlyMap<string, Provenance>,
    removed: readonly string[],
    pages: number,
    workers: number,
  ): Promise<BuildReport> {
    if (this.options.trace) {
      // The output is committed: a trace that cannot be written is a warning, not a failed build.
      try {
        await writeFile(this.options.trace, JSON.stringify(traceEvents(this.phases, this.spans)));
      } catch (e) {
        this.diagnostics.push(
          warning(
            "trace",
            `could not write the trace ${this.options.trace}: ${describeIoError(e)}`,
            {
              hint: "give --trace a path in a folder you can write to",
            },
          ),
        );
      }
    }
    // The lists are sorted on first use: at 100,000 pages, sorting them all took
    // 0.45 s of every build, and a one-shot build's caller mostly counts them.
    const sorted = (list: readonly string[]) => [...list].sort(compareStrings);
    const lazy = (list: readonly string[]) => {
      let done: readonly string[] | undefined;
      return () => done ??= sorted(list);
    };
    const [rendered, generated, written, linksChecked] = [
      this.rendered,
      this.generated,
      this.written,
      this.linksChecked,
    ].map(lazy);
    const writtenSet = new Set(this.written);
    let listed: BuildReport["outputs"] | undefined;
    return {
      ok: true,
      cancelled: false,
      diagnostics: sortDiagnostics(this.diagnostics),
      outDir: this.config?.dirs.output ?? "",
      config: this.config,
      pages,
      files: outputs.size,
      workers,
      get rendered() {
        return rendered();
      },
      get generated() {
        return generated();
      },
      get linksChecked() {
        return linksChecked();
      },
      get written() {
        return written();
      },
      removed: sorted(removed),
      reused: outputs.size - [...writtenSet].filter((p) => outputs.has(p)).length,
      full: this.full,
      explain: [...this.explain].sort((a, b) => compareStrings(a.output, b.output)),
      ...this.#timing(),
      snapshotBytes: this.snapshotBytes,
      get outputs() {
        return listed ??= [...outputs.values()]
          .map(({ path, hash, bytes }) => ({ path, hash, bytes }))
          .sort((a, b) => compareStrings(a.path, b.path));
      },
    };
  }

  /** The report of a build that failed or was cancelled: the output is as it was. */
  failed(diagnostics: readonly Diagnostic[], cancelled: boolean): BuildReport {
    return {
      ok: false,
      cancelled,
      diagnostics: sortDiagnostics(diagnostics),
      outDir: this.config?.dirs.output ?? "",
      config: this.config,
      pages: 0,
      files: 0,
      workers: 0,
      rendered: [],
      generated: [],
      linksChecked: [],
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
