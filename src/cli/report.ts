/**
 * Printing diagnostics and progress for the terminal.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Diagnostic, formatDiagnostic } from "../errors/diagnostic.ts";

/**
 * Formats diagnostics with a source excerpt where the file can be read (a path
 * relative to the site folder, or outside it, like a config file given with
 * `--config`). {@link formatDiagnostic} makes the lines and messages safe for a
 * terminal: control characters visible, long lines cut around the column.
 *
 * @example
 * ```ts
 * import { renderDiagnostics } from "./report.ts";
 * console.error(await renderDiagnostics([], "."));
 * ```
 */
export async function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  root: string,
): Promise<string> {
  const sources = new Map<string, string | undefined>();
  const out: string[] = [];
  for (const d of diagnostics) {
    let source: string | undefined;
    if (d.file && d.line && !d.file.startsWith("(")) {
      if (!sources.has(d.file)) {
        sources.set(
          d.file,
          await readFile(resolve(root, d.file), "utf8").catch(() => undefined),
        );
      }
      source = sources.get(d.file);
    }
    out.push(formatDiagnostic(d, source));
  }
  return out.join("\n\n");
}

/**
 * A one-line progress display on a terminal: silent for the first second (quick
 * builds print nothing), then redrawn at most ten times a second.
 *
 * @example
 * ```ts
 * import { createProgress } from "./report.ts";
 * const progress = createProgress(true);
 * progress.update("render", 10, 100);
 * progress.clear();
 * ```
 */
export function createProgress(enabled: boolean): {
  update(phase: string, done: number, total: number): void;
  clear(): void;
} {
  const start = performance.now();
  let last = 0;
  let shown = false;
  const encoder = new TextEncoder();
  return {
    update(phase, done, total) {
      const t = performance.now();
      if (!enabled || t - start < 1000 || (t - last < 100 && done < total)) {
        return;
      }
      last = t;
      shown = true;
      const width = 24;
      const filled = Math.round((done / Math.max(1, total)) * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      Deno.stderr.writeSync(
        encoder.encode(`\r\x1b[2K${phase.padEnd(7)} ${bar} ${done}/${total}`),
      );
    },
    clear() {
      if (shown) Deno.stderr.writeSync(encoder.encode("\r\x1b[2K"));
    },
  };
}
