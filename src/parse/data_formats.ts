/**
 * YAML, TOML and JSON text → plain data, or diagnostics with the line and column
 * in the original file. Used for front matter and for `data/` files. Hostile
 * input is refused with a located diagnostic, never a crash: nesting is limited to
 * {@link MAX_DEPTH} levels, and what a text expands to (YAML aliases repeat their
 * anchor's value) to a budget of values and characters, both checked without
 * recursion right after parsing.
 *
 * @module
 */
import { CORE_SCHEMA, load as loadYaml, YAMLException } from "npm:js-yaml@4.3.2";
import { parse as parseToml, TomlError } from "npm:smol-toml@1.9.1";
import { type Diagnostic, error, lineColumnAt } from "../errors/diagnostic.ts";
import { jsonNestingAt, jsonSyntaxError } from "./json_errors.ts";
import { checkShape, clip, MAX_DEPTH, type ShapeProblem } from "./value_shape.ts";

/**
 * The formats floe reads.
 *
 * @example
 * ```ts
 * import type { DataFormat } from "./data_formats.ts";
 * const f: DataFormat = "toml";
 * ```
 */
export type DataFormat = "yaml" | "toml" | "json";

/**
 * Where a text comes from, for diagnostics: the file, the file line the text
 * starts on, and the diagnostic code and noun to use ("front matter", "data file").
 *
 * @example
 * ```ts
 * import type { TextOrigin } from "./data_formats.ts";
 * const origin: TextOrigin = { file: "content/a.md", line: 2, code: "front-matter", what: "front matter" };
 * ```
 */
export interface TextOrigin {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly what: string;
}

const HINTS: Readonly<Record<DataFormat, string>> = {
  yaml: "check indentation, and quote values that contain `: ` or start with a special character",
  toml: 'TOML needs `key = value`, with strings quoted: title = "My page"',
  json: "JSON needs double-quoted keys and strings, and no trailing commas",
};

/**
 * Parses `text` in `format`. YAML uses the core schema (YAML 1.2: dates stay strings,
 * no `yes`/`no` booleans); TOML dates become ISO strings; the result is plain data,
 * at most {@link MAX_DEPTH} levels deep, without cycles, and within the budget of
 * {@link MAX_VALUES} and {@link MAX_CHARS}.
 *
 * @example
 * ```ts
 * import { parseData } from "./data_formats.ts";
 * parseData("title: Hi", "yaml", { file: "a.md", line: 2, code: "front-matter", what: "front matter" });
 * // { value: { title: "Hi" } }
 * ```
 */
export function parseData(
  text: string,
  format: DataFormat,
  origin: TextOrigin,
): { value: unknown } | { diagnostics: Diagnostic[] } {
  let value: unknown;
  try {
    value = format === "yaml"
      // js-yaml stops at 100 levels itself (its default maxDepth, untyped), located.
      ? loadYaml(text, { schema: CORE_SCHEMA }) ?? null
      : format === "toml"
      // smol-toml counts the nesting below the top-level table.
      ? parseToml(text, { maxDepth: MAX_DEPTH - 1 })
      : JSON.parse(text);
  } catch (e) {
    // The parsers' own depth limits: reported like floe's, where they stopped.
    const tooDeep = e instanceof YAMLException
      ? /maxDepth/.test(e.reason) &&
        { line: (e.mark?.line ?? 0) + 1, column: (e.mark?.column ?? 0) + 1 }
      : e instanceof TomlError && /excessively nested/.test(e.message) &&
        { line: e.line, column: e.column };
    if (tooDeep) {
      const problem = { kind: "depth", limit: MAX_DEPTH, key: undefined } as const;
      return { diagnostics: [shapeError(problem, text, format, origin, tooDeep)] };
    }
    return { diagnostics: [syntaxError(e, text, format, origin)] };
  }
  const problem = checkShape(value, text.length);
  if (problem) return { diagnostics: [shapeError(problem, text, format, origin)] };
  return { value: format === "toml" ? plain(value) : value };
}

/** A parser's exception as a diagnostic at the line and column it points at. */
function syntaxError(
  e: unknown,
  text: string,
  format: DataFormat,
  origin: TextOrigin,
): Diagnostic {
  let line = 1;
  let column = 1;
  let message = String((e as Error)?.message ?? e).split("\n")[0];
  if (e instanceof YAMLException) {
    line = (e.mark?.line ?? 0) + 1;
    column = (e.mark?.column ?? 0) + 1;
    message = e.reason;
  } else if (e instanceof TomlError) {
    line = e.line;
    column = e.column;
    message = message.replace(/^Invalid TOML document: /, "");
  } else if (format === "json") {
    // V8 usually says "… at position N (line L column C)"; some messages name no
    // position at all ("Unexpected token ']', "…" is not valid JSON"): then
    // floe's own scan of the text finds where and what.
    const at = /\(line (\d+) column (\d+)\)/.exec(message);
    const position = /at position (\d+)/.exec(message);
    if (at) {
      line = Number(at[1]);
      column = Number(at[2]);
    } else if (position) {
      ({ line, column } = lineColumnAt(text, Number(position[1])));
    }
    if (at || position) {
      message = message.replace(at?.[0] ?? "", "").replace(/ in JSON at position \d+\s*$/, "")
        .replace(/ at position \d+\s*$/, "").trim();
    } else {
      const found = jsonSyntaxError(text);
      if (found) {
        ({ line, column } = lineColumnAt(text, found.offset));
        message = found.message;
      }
    }
  }
  return error(
    origin.code,
    `invalid ${format.toUpperCase()} in ${origin.what}: ${clip(message, 200)}`,
    {
      file: origin.file,
      line: line + origin.line - 1,
      column,
      hint: HINTS[format],
    },
  );
}

/** TOML dates become strings (`YYYY-MM-DD` for dates, ISO 8601 otherwise). */
function plain(value: unknown): unknown {
  // Recursion is safe: checkShape has bounded the depth.
  if (value instanceof Date) {
    const date = value as Date & { isDate?: () => boolean };
    return date.isDate?.() ? date.toISOString().slice(0, 10) : date.toISOString();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

function shapeError(
  problem: ShapeProblem,
  text: string,
  format: DataFormat,
  origin: TextOrigin,
  at?: { line: number; column: number },
): Diagnostic {
  // Where: where the parser stopped, or the bracket that goes too deep in JSON,
  // else the top-level key whose value holds the problem, else the text's start.
  let where = { line: 1, column: 1 };
  const deep = problem.kind === "depth" && format === "json" ? jsonNestingAt(text, MAX_DEPTH) : -1;
  if (at) where = at;
  else if (deep >= 0) where = lineColumnAt(text, deep);
  else if (problem.key !== undefined) where = locateTopKey(text, problem.key) ?? where;
  const { what } = origin;
  const [message, hint] = problem.kind === "depth"
    ? [
      `${what} nests lists and mappings more than ${problem.limit} levels deep`,
      `floe reads at most ${problem.limit} levels of nesting: flatten the data`,
    ]
    : problem.kind === "cycle"
    ? [
      `${what} contains itself (an alias inside its own anchor?)`,
      "a YAML alias (*name) cannot stand inside the value its anchor (&name) marks",
    ]
    : [
      `${what} expands to more than ${problem.limit} ${
        problem.kind === "values" ? "values" : "characters of text"
      } (aliases?)`,
      "each YAML alias (*name) repeats the whole value of its anchor (&name), and aliases " +
      "of aliases multiply: write the values out, or use fewer aliases",
    ];
  return error(origin.code, message, {
    file: origin.file,
    line: where.line + origin.line - 1,
    column: where.column,
    hint,
  });
}

/**
 * The 1-based line and column of top-level `key` in a YAML, TOML or JSON text
 * (`key:`, `key =`, `"key":`, or a TOML table `[key.…]`), or `undefined`.
 *
 * @example
 * ```ts
 * import { locateTopKey } from "./data_formats.ts";
 * locateTopKey("title: a\nlayout: x", "layout"); // { line: 2, column: 1 }
 * ```
 */
export function locateTopKey(
  text: string,
  key: string,
): { line: number; column: number } | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(
    `^(\\s*)(?:["']?${escaped}["']?\\s*[:=]|\\[\\[?\\s*["']?${escaped}["']?\\s*[.\\]])`,
  );
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]);
    if (m) return { line: i + 1, column: m[1].length + 1 };
  }
  return undefined;
}
