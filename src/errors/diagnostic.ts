/**
 * Diagnostics: the one shape every stage uses to report a problem with the user's
 * site. A build collects all of them and fails once, at the end of the stage that
 * found them, so the user sees every error in one run.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";

/** How bad a diagnostic is: errors fail the build, warnings are printed. */
export type Severity = "error" | "warning";

/**
 * A problem found in the user's site, with where it is and what to do about it.
 *
 * @example
 * ```ts
 * import type { Diagnostic } from "./diagnostic.ts";
 * const d: Diagnostic = {
 *   severity: "error",
 *   code: "front-matter",
 *   message: "front matter is not valid YAML",
 *   file: "content/post.md",
 *   line: 3,
 *   column: 7,
 *   hint: "quote values that contain a colon",
 * };
 * ```
 */
export interface Diagnostic {
  /** Errors fail the build; warnings are printed. */
  readonly severity: Severity;
  /** A stable identifier of the kind of problem, e.g. `front-matter`. */
  readonly code: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** Path relative to the site folder, with forward slashes. */
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** What the user can do to fix it. */
  readonly hint?: string;
}

/**
 * The error a failed build throws: it carries every diagnostic the build found.
 *
 * @example
 * ```ts
 * import { BuildError } from "./diagnostic.ts";
 * const e = new BuildError([{ severity: "error", code: "config", message: "bad" }]);
 * console.log(e.diagnostics.length); // 1
 * ```
 */
export class BuildError extends Error {
  /** Every problem found, errors first, in a stable order. */
  readonly diagnostics: readonly Diagnostic[];

  /** Creates the error from every diagnostic of the failed build. */
  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    const errors = sorted.filter((d) => d.severity === "error").length;
    super(
      `build failed with ${errors} error${errors === 1 ? "" : "s"}:\n` +
        sorted.map((d) => formatDiagnostic(d)).join("\n"),
    );
    this.name = "BuildError";
    this.diagnostics = sorted;
  }
}

/**
 * Shorthand for an error diagnostic.
 *
 * @example
 * ```ts
 * import { error } from "./diagnostic.ts";
 * const d = error("layout-missing", "layout \"x.vto\" not found", { file: "content/a.md", line: 2 });
 * ```
 */
export function error(
  code: string,
  message: string,
  where: Omit<Diagnostic, "severity" | "code" | "message"> = {},
): Diagnostic {
  return { severity: "error", code, message, ...where };
}

/**
 * Shorthand for a warning diagnostic.
 *
 * @example
 * ```ts
 * import { warning } from "./diagnostic.ts";
 * const d = warning("empty-section", "section has no pages", { file: "content/a/_index.md" });
 * ```
 */
export function warning(
  code: string,
  message: string,
  where: Omit<Diagnostic, "severity" | "code" | "message"> = {},
): Diagnostic {
  return { severity: "warning", code, message, ...where };
}

/**
 * Orders diagnostics so output is stable: errors before warnings, then by file,
 * line, column and message.
 *
 * @example
 * ```ts
 * import { sortDiagnostics } from "./diagnostic.ts";
 * sortDiagnostics([]); // []
 * ```
 */
export function sortDiagnostics(
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const rank = (d: Diagnostic) => d.severity === "error" ? 0 : 1;
  return [...diagnostics].sort((a, b) =>
    rank(a) - rank(b) ||
    compareStrings(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.message, b.message)
  );
}

/**
 * Renders a diagnostic the way compilers do: `file:line:col: error[code]: message`,
 * then the offending source line with a caret when the source is given, then the hint.
 *
 * @example
 * ```ts
 * import { formatDiagnostic } from "./diagnostic.ts";
 * formatDiagnostic({ severity: "error", code: "x", message: "m", file: "a.md", line: 1, column: 2 });
 * // "a.md:1:2: error[x]: m"
 * ```
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const where = d.file
    ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : ""}: `
    : "";
  const lines = [`${where}${d.severity}[${d.code}]: ${d.message}`];
  if (source !== undefined && d.line) {
    const text = source.split(/\r?\n/)[d.line - 1];
    if (text !== undefined) {
      const gutter = String(d.line);
      lines.push(`  ${gutter} | ${text}`);
      if (d.column) {
        lines.push(
          `  ${" ".repeat(gutter.length)} | ${" ".repeat(d.column - 1)}^`,
        );
      }
    }
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join("\n");
}

/**
 * Converts a 0-based character offset into a 1-based line and column.
 *
 * @example
 * ```ts
 * import { lineColumnAt } from "./diagnostic.ts";
 * lineColumnAt("ab\ncd", 4); // { line: 2, column: 2 }
 * ```
 */
export function lineColumnAt(
  text: string,
  offset: number,
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
