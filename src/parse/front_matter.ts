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
  /** The syntax of the front matter (`undefined` when there is none). */
  readonly format?: "yaml" | "toml" | "json";
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
  // The closing fence's line, found line by line: the body after it is sliced out
  // once, not split into lines and joined again.
  const closing = fence === "{" ? "}" : fence;
  const firstBreak = text.indexOf("\n");
  let end = -1; // the closing line's 0-based number
  let closeStart = -1; // where it starts
  let closeEnd = -1; // where it ends (its line break excluded)
  for (let start = firstBreak + 1, line = 1; start > 0; line++) {
    const lineBreak = text.indexOf("\n", start);
    const stop = lineBreak < 0 ? text.length : lineBreak;
    if (text.slice(start, stop).trimEnd() === closing) {
      [end, closeStart, closeEnd] = [line, start, stop];
      break;
    }
    start = lineBreak + 1;
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
  const format = fence === "---" ? "yaml" : fence === "+++" ? "toml" : "json";
  // Without the fences (JSON's braces are its own), and without the line break before the closing one.
  const raw = fence === "{" ? text.slice(0, closeEnd) : text.slice(firstBreak + 1, closeStart - 1);
  const body = text.slice(closeEnd + 1);
  const parsed = parseData(
    raw,
    format,
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
    format,
  };
}

/**
 * Finds the 1-based line and column of `key` in front matter, for diagnostics about
 * a value: the key at the top level (YAML, TOML and JSON), never one of the same name
 * nested in a mapping (`params: { aliases: … }`), a TOML table or a JSON object.
 *
 * @example
 * ```ts
 * import { parseFrontMatter, locateKey } from "./front_matter.ts";
 * const fm = parseFrontMatter("---\ntitle: a\nlayout: x\n---\n", "a.md");
 * if ("data" in fm) locateKey(fm, "layout"); // { line: 3, column: 1 }
 * ```
 */
export function locateKey(
  fm: Pick<FrontMatter, "raw" | "rawLine" | "format">,
  key: string,
): { line: number; column: number } {
  const at = (fm.format ? topLevelKey(fm.raw, key, fm.format) : undefined) ??
    locateTopKey(fm.raw, key);
  if (at) return { line: fm.rawLine + at.line - 1, column: at.column };
  return { line: Math.max(1, fm.rawLine - 1), column: 1 };
}

/**
 * Where `key` is a key of the top-level mapping of `text`: in YAML a key line at
 * the indentation of the first key; in TOML a `key =` line before the first table
 * header, or a `[key]` / `[key.…]` / `[[key]]` header; in JSON a member of the
 * outermost object. `undefined` when it is not found so (a key written in a way
 * this does not follow, a flow mapping, …).
 */
function topLevelKey(
  text: string,
  key: string,
  format: "yaml" | "toml" | "json",
): { line: number; column: number } | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lines = text.split("\n");
  if (format === "yaml") {
    const pattern = new RegExp(`^(\\s*)(["']?)${escaped}\\2\\s*:(\\s|$)`);
    let top: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].replace(/\r$/, "");
      if (/^\s*(#|$)/.test(line) || /^(---|\.\.\.)\s*$/.test(line)) continue;
      const indent = /^\s*/.exec(line)![0].length;
      top ??= indent;
      if (indent !== top) continue;
      const m = pattern.exec(line);
      if (m) return { line: i + 1, column: indent + 1 };
    }
    return undefined;
  }
  if (format === "toml") {
    const assignment = new RegExp(`^(\\s*)(["']?)${escaped}\\2\\s*=`);
    const header = new RegExp(`^(\\s*)\\[\\[?\\s*(["']?)${escaped}\\2\\s*[.\\]]`);
    let depth = 0;
    let multiline: string | null = null;
    // Keys after the first table header are the table's; later headers are top-level.
    let inTable = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (multiline === null && depth === 0) {
        const h = header.exec(line);
        if (h) return { line: i + 1, column: h[1].length + 1 };
        if (/^\s*\[/.test(line)) inTable = true;
        else if (!inTable) {
          const a = assignment.exec(line);
          if (a) return { line: i + 1, column: a[1].length + 1 };
        }
      }
      ({ depth, multiline } = tomlState(line, depth, multiline));
    }
    return undefined;
  }
  return jsonMember(text, key);
}

/**
 * The bracket depth and open multi-line string after a TOML line: arrays and
 * inline tables may span lines, and so may `"""`/`'''` strings; `#` starts a
 * comment outside strings.
 */
function tomlState(
  line: string,
  depth: number,
  multiline: string | null,
): { depth: number; multiline: string | null } {
  let quote: string | null = null;
  for (let j = 0; j < line.length; j++) {
    const c = line[j];
    if (multiline !== null) {
      if (line.startsWith(multiline, j)) {
        j += 2;
        multiline = null;
      } else if (c === "\\" && multiline === '"""') j++;
      continue;
    }
    if (quote !== null) {
      if (c === "\\" && quote === '"') j++;
      else if (c === quote) quote = null;
      continue;
    }
    if (line.startsWith('"""', j) || line.startsWith("'''", j)) {
      multiline = line.slice(j, j + 3);
      j += 2;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") break;
    else if (c === "[" || c === "{") depth++;
    else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return { depth, multiline };
}

/** Where `"key":` is a member of the outermost JSON object of `text`. */
function jsonMember(text: string, key: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      lineStart = i + 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === '"') {
      const start = i;
      let value = "";
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") {
          value += text.slice(i, i + 2);
          i++;
        } else value += text[i];
      }
      if (depth !== 1 || !/^\s*:/.test(text.slice(i + 1, i + 64))) continue;
      let name: string;
      try {
        name = JSON.parse(`"${value}"`);
      } catch {
        continue;
      }
      if (name === key) return { line, column: start - lineStart + 1 };
    }
  }
  return undefined;
}
