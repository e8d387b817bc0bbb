/**
 * Front matter: YAML between `---` fences, TOML between `+++` fences, or a JSON
 * object whose closing `}` stands alone on a line. Errors point at the line and
 * column in the original file.
 *
 * @module
 */
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { locateTopKey, parseData } from "./data_formats.ts";

/**
 * The result of splitting and parsing a file's front matter.
 *
 * @example
 * ```ts
 * import { parseFrontMatter } from "./front_matter.ts";
 * const r = parseFrontMatter("---\ntitle: Hi\n---\nBody", "a.md");
 * if ("data" in r) console.log(r.data.title, r.bodyLine); // "Hi" 4
 * ```
 */
export interface FrontMatter {
  readonly data: Record<string, unknown>;
  readonly body: string;
  /** 1-based line of the file where the body starts. */
  readonly bodyLine: number;
  /** The front matter text, without fences (for locating keys). */
  readonly raw: string;
  /** 1-based line of the file where `raw` starts. */
  readonly rawLine: number;
}

/**
 * Splits `text` into front matter and body and parses the front matter. A file
 * without front matter has `{}` data; `formats` limits which kinds are recognised
 * (layouts only take YAML, so a template starting with `{` stays a template). Returns diagnostics instead when the front
 * matter is malformed or is not a mapping.
 *
 * @example
 * ```ts
 * import { parseFrontMatter } from "./front_matter.ts";
 * parseFrontMatter("+++\ntitle = 'Hi'\n+++\n", "a.md");
 * ```
 */
export function parseFrontMatter(
  text: string,
  file: string,
  formats: readonly ("yaml" | "toml" | "json")[] = ["yaml", "toml", "json"],
): FrontMatter | { diagnostics: Diagnostic[] } {
  const fence = /^---[ \t]*(\r?\n|$)/.test(text) && formats.includes("yaml")
    ? "---"
    : /^\+\+\+[ \t]*(\r?\n|$)/.test(text) && formats.includes("toml")
    ? "+++"
    : /^\{[ \t]*\r?\n/.test(text) && formats.includes("json")
    ? "{"
    : undefined;
  if (!fence) {
    return { data: {}, body: text, bodyLine: 1, raw: "", rawLine: 1 };
  }
  const lines = text.split("\n");
  const closing = fence === "{" ? "}" : fence;
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trimEnd() === closing) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    return {
      diagnostics: [
        error(
          "front-matter",
          `front matter opened with ${fence} is never closed`,
          {
            file,
            line: 1,
            column: 1,
            hint: `end the front matter with a line containing only ${closing}`,
          },
        ),
      ],
    };
  }
  const rawLine = fence === "{" ? 1 : 2;
  const raw = fence === "{" ? lines.slice(0, end + 1).join("\n") : lines.slice(1, end).join("\n");
  const body = lines.slice(end + 1).join("\n");
  const parsed = parseData(
    raw,
    fence === "---" ? "yaml" : fence === "+++" ? "toml" : "json",
    {
      file,
      line: rawLine,
      code: "front-matter",
      what: "front matter",
    },
  );
  if ("diagnostics" in parsed) return parsed;
  const value = parsed.value ?? {};
  if (typeof value !== "object" || Array.isArray(value) || value === null) {
    return {
      diagnostics: [
        error(
          "front-matter",
          `front matter must be a mapping of keys to values, not ${
            Array.isArray(value) ? "a list" : typeof value
          }`,
          {
            file,
            line: rawLine,
            column: 1,
            hint: "write `key: value` lines, e.g. `title: My page`",
          },
        ),
      ],
    };
  }
  return {
    data: value as Record<string, unknown>,
    body,
    bodyLine: end + 2,
    raw,
    rawLine,
  };
}

/**
 * Finds the 1-based line and column of `key` in front matter, for diagnostics about
 * a value (works for YAML, TOML and JSON keys at the top level).
 *
 * @example
 * ```ts
 * import { parseFrontMatter, locateKey } from "./front_matter.ts";
 * const fm = parseFrontMatter("---\ntitle: a\nlayout: x\n---\n", "a.md");
 * if ("data" in fm) locateKey(fm, "layout"); // { line: 3, column: 1 }
 * ```
 */
export function locateKey(
  fm: Pick<FrontMatter, "raw" | "rawLine">,
  key: string,
): { line: number; column: number } {
  const at = locateTopKey(fm.raw, key);
  if (at) return { line: fm.rawLine + at.line - 1, column: at.column };
  return { line: Math.max(1, fm.rawLine - 1), column: 1 };
}
