/**
 * YAML, TOML and JSON text → plain data, or diagnostics with the line and column
 * in the original file. Used for front matter and for `data/` files.
 *
 * @module
 */
import { CORE_SCHEMA, load as loadYaml, YAMLException } from "js-yaml";
import { parse as parseToml, TomlError } from "smol-toml";
import { type Diagnostic, error } from "../errors/diagnostic.ts";

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
 * no `yes`/`no` booleans); TOML dates become ISO strings; the result is plain data.
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
  try {
    if (format === "yaml") {
      return { value: loadYaml(text, { schema: CORE_SCHEMA }) ?? null };
    }
    if (format === "toml") return { value: plain(parseToml(text)) };
    return { value: JSON.parse(text) };
  } catch (e) {
    let line = 1;
    let column = 1;
    let message = (e as Error).message.split("\n")[0];
    if (e instanceof YAMLException) {
      line = (e.mark?.line ?? 0) + 1;
      column = (e.mark?.column ?? 0) + 1;
      message = e.reason;
    } else if (e instanceof TomlError) {
      line = e.line;
      column = e.column;
      message = message.replace(/^Invalid TOML document: /, "");
    } else if (format === "json") {
      // V8 usually says "(line L column C)"; otherwise ask YAML, a superset of JSON.
      const at = /\(line (\d+) column (\d+)\)/.exec(message);
      if (at) {
        line = Number(at[1]);
        column = Number(at[2]);
        message = message.replace(at[0], "").replace(/ at position \d+\s*$/, "").trim();
      } else {
        try {
          loadYaml(text, { schema: CORE_SCHEMA });
        } catch (y) {
          if (y instanceof YAMLException) {
            line = (y.mark?.line ?? 0) + 1;
            column = (y.mark?.column ?? 0) + 1;
          }
        }
      }
    }
    return {
      diagnostics: [
        error(
          origin.code,
          `invalid ${format.toUpperCase()} in ${origin.what}: ${message}`,
          {
            file: origin.file,
            line: line + origin.line - 1,
            column,
            hint: HINTS[format],
          },
        ),
      ],
    };
  }
}

/** TOML dates become strings (`YYYY-MM-DD` for dates, ISO 8601 otherwise). */
function plain(value: unknown): unknown {
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
