/**
 * What `floe serve` prints: where the site is served, then one line per build —
 * what changed, what was redone, how long it took — and the errors and warnings
 * of a build in full, as `floe build` prints them.
 *
 * @module
 */
import type { ServedBuild } from "../serve/dev_server.ts";
import { renderDiagnostics } from "./report.ts";

/**
 * The dev server's terminal output.
 *
 * @example
 * ```ts
 * import { serveLog } from "./serve_log.ts";
 * const log = serveLog("site", { quiet: false, verbose: false });
 * log.listening("http://127.0.0.1:3000/");
 * ```
 */
export function serveLog(
  root: string,
  { quiet, verbose }: { readonly quiet: boolean; readonly verbose: boolean },
): {
  build(build: ServedBuild): void;
  listening(url: string): void;
  stopped(): void;
} {
  // Builds end in order, but printing their errors reads files: keep lines in order.
  let printing = Promise.resolve();
  return {
    build(build) {
      printing = printing.then(async () => {
        const { report } = build;
        if (report.diagnostics.length) {
          console.error(await renderDiagnostics(report.diagnostics, root, { verbose }));
        }
        if (quiet && report.ok) return;
        console.log(buildLine(build));
      });
    },
    listening(url) {
      printing = printing.then(() => {
        if (!quiet) console.log(`floe: serving ${url} (Ctrl-C to stop)`);
      });
    },
    stopped() {
      if (!quiet) console.log("floe: stopped");
    },
  };
}

/**
 * One build in one line, e.g.
 * `12:04:31 content/a.md → rendered 1, written 1, removed 0 in 34 ms (revision 4)`.
 */
export function buildLine(build: ServedBuild): string {
  const { report, changes, event } = build;
  const time = new Date().toTimeString().slice(0, 8);
  const what = changes.length === 0
    ? "first build"
    : changes.length <= 3
    ? changes.join(", ")
    : `${changes.slice(0, 2).join(", ")} and ${changes.length - 2} more`;
  const ms = `${Math.round(build.latencyMs)} ms`;
  if (!report.ok) {
    const errors = report.diagnostics.filter((d) => d.severity === "error").length;
    return `${time} ${what} → failed with ${errors} error${
      errors === 1 ? "" : "s"
    } in ${ms}; still serving the last good build`;
  }
  const full = report.full ? ` (full build: ${report.full})` : "";
  const revision = event ? ` (revision ${event.revision})` : " (nothing to reload)";
  return `${time} ${what} → rendered ${report.rendered.length}, written ${report.written.length}, ` +
    `removed ${report.removed.length} in ${ms}${full}${revision}`;
}
