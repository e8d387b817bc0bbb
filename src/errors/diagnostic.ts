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
 * What comes from the user's files is made safe for a terminal: control characters
 * are shown as symbols (`␛` for ESC, see {@link visibleText}), tabs as spaces, and a
 * source line wider than {@link FRAME_WIDTH} columns is cut to a window around the
 * column, the caret still under it.
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
    ? `${visibleText(d.file)}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : ""}: `
    : "";
  const lines = [`${where}${d.severity}[${visibleText(d.code)}]: ${visibleText(d.message)}`];
  if (source !== undefined && d.line) {
    const text = source.split(/\r?\n/)[d.line - 1];
    if (text !== undefined) {
      const gutter = String(d.line);
      const frame = sourceWindow(text, d.column);
      lines.push(`  ${gutter} | ${frame.text}`);
      if (frame.caret !== undefined) {
        lines.push(
          `  ${" ".repeat(gutter.length)} | ${" ".repeat(frame.caret)}^`,
        );
      }
    }
  }
  if (d.hint) lines.push(`  hint: ${visibleText(d.hint)}`);
  return lines.join("\n");
}

/** Widest source line a code frame prints, in columns; a wider one is cut around the column. */
export const FRAME_WIDTH = 120;
/** Longest line of a message or hint, in characters; the rest is cut, with a count. */
const MESSAGE_WIDTH = 1000;
/** Tab stops in code frames. */
const TAB_WIDTH = 4;

/**
 * One character of a source line as printed: control characters made visible,
 * other characters as they are.
 */
function visibleChar(char: string): string {
  const code = char.codePointAt(0)!;
  // C0 controls and DEL as their Control Pictures: ␛ for ESC, ␀ for NUL, ␡ for DEL.
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  // C1 controls (a lone 0x9b is a CSI on some terminals), line and paragraph
  // separators, and the bidirectional controls that can reorder what is shown.
  if (
    (code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ||
    code === 0x061c || code === 0x200e || code === 0x200f
  ) {
    return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
  }
  return char;
}

/**
 * Text from the user's files made safe to print on a terminal: control characters
 * shown as symbols (`\x1b` as `␛`, DEL as `␡`), tabs and line breaks kept, and each
 * line cut at 1,000 characters with a count of the rest.
 *
 * @example
 * ```ts
 * import { visibleText } from "./diagnostic.ts";
 * visibleText("a\x1b[31mb"); // "a␛[31mb"
 * ```
 */
export function visibleText(text: string): string {
  // deno-lint-ignore no-control-regex
  const unsafe = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
  const needsWork = unsafe.test(text) || text.length > MESSAGE_WIDTH;
  if (!needsWork) return text;
  return text.split("\n").map((line) => {
    const chars = [...line];
    const kept = chars.length > MESSAGE_WIDTH ? chars.slice(0, MESSAGE_WIDTH) : chars;
    const shown = kept.map((c) => c === "\t" ? c : visibleChar(c)).join("");
    return chars.length > MESSAGE_WIDTH
      ? `${shown}… (${chars.length - MESSAGE_WIDTH} more characters)`
      : shown;
  }).join("\n");
}

/**
 * A source line as a code frame prints it: tabs expanded to stops of four,
 * control characters visible, and at most {@link FRAME_WIDTH} columns around the
 * 1-based `column` (in UTF-16 units, as diagnostics count), with `…` where it was
 * cut; `caret` is the column of the caret under it, 0-based.
 */
function sourceWindow(line: string, column?: number): { text: string; caret?: number } {
  // Each character of the line as printed, where it starts (in UTF-16 units and
  // in printed columns), and how wide it is.
  const cells: { text: string; unit: number; at: number; width: number }[] = [];
  let unit = 0;
  let at = 0;
  for (const char of line) {
    const text = char === "\t" ? " ".repeat(TAB_WIDTH - (at % TAB_WIDTH)) : visibleChar(char);
    const width = [...text].length;
    cells.push({ text, unit, at, width });
    unit += char.length;
    at += width;
  }
  const total = at;
  let caret: number | undefined;
  if (column) {
    const cell = cells.find((c) => c.unit >= column - 1);
    // Past the end of the line: just after it.
    caret = cell ? cell.at : total;
  }
  if (total <= FRAME_WIDTH) return { text: cells.map((c) => c.text).join(""), caret };
  // The window: the caret about a third of the way in, or the line's start or end.
  const target = caret ?? 0;
  const from = Math.max(0, Math.min(target - Math.floor(FRAME_WIDTH / 3), total - FRAME_WIDTH));
  const to = from + FRAME_WIDTH;
  const shown = cells.filter((c) => c.at >= from && c.at + c.width <= to);
  const start = shown[0]?.at ?? from;
  const end = shown.length ? shown[shown.length - 1].at + shown[shown.length - 1].width : from;
  const head = start > 0 ? "…" : "";
  const tail = end < total ? "…" : "";
  return {
    text: head + shown.map((c) => c.text).join("") + tail,
    caret: caret === undefined ? undefined : head.length + Math.max(0, caret - start),
  };
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
