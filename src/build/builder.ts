/**
 * The one-shot build: a {@link SiteSession} used once. It remembers what it built
 * in the site's cache folder, so the next one-shot build of the same site redoes
 * only what changed.
 *
 * @module
 */
import { BuildError, type Diagnostic } from "../errors/diagnostic.ts";
import { type BuildProgress, type BuildReport, SiteSession } from "./session.ts";

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
  readonly overrides?: import("../config/config.ts").UserConfig;
  /** Cache folder (default `<root>/.floe-cache`), or `false` for none. */
  readonly cacheDir?: string | false;
  /** Ignore the cache: render everything. */
  readonly clean?: boolean;
  /** Let the build replace a non-empty output folder floe did not make (refused otherwise). */
  readonly replaceOutput?: boolean;
  /** Write a Chrome trace-event JSON file here. */
  readonly trace?: string;
  /** Called as pages are parsed and rendered. */
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Cancels the build (a `BuildError` with a `cancelled` diagnostic). */
  readonly signal?: AbortSignal;
}

/**
 * One file the build wrote or kept.
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
  /** sha256 (hex) of the bytes (for copied files: a fingerprint of the source). */
  readonly hash: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/**
 * What a successful build reports: its {@link BuildReport}.
 *
 * @example
 * ```ts
 * import { build } from "./builder.ts";
 * const result = await build({ root: "site" });
 * console.log(`${result.pages} pages in ${result.durationMs.toFixed(0)} ms`);
 * ```
 */
export interface BuildResult extends BuildReport {
  /** Warnings (a build with errors throws a `BuildError` instead). */
  readonly warnings: readonly Diagnostic[];
}

/**
 * Builds a site once and stops the workers afterwards. Throws a `BuildError`
 * with every diagnostic when the build fails.
 *
 * @example
 * ```ts
 * import { build } from "./builder.ts";
 * const result = await build({ root: "site", overrides: { workers: 2 } });
 * console.log(result.files, result.rendered.length);
 * ```
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const session = new SiteSession({ ...options, oneShot: true });
  try {
    const report = await session.build({ signal: options.signal });
    if (!report.ok) {
      throw new BuildError(
        report.cancelled
          ? [{ severity: "error", code: "cancelled", message: "the build was cancelled" }]
          : report.diagnostics,
      );
    }
    // Assigned, not spread: a spread would sort the report's lists (see `BuildRun.succeeded`).
    return Object.assign(report, {
      warnings: report.diagnostics.filter((d) => d.severity === "warning"),
    });
  } finally {
    await session.close();
  }
}
