/**
 * Front matter: YAML between `---` fences, TOML between `+++` fences, or a JSON
 * object whose closing `}` stands alone on a line. Errors point at the line and
 * column in the original file.
 *
 * @module
 */
import { parse as parseToml, TomlError } from "smol-toml";
import { parseDocument } from "yaml";
import { type Diagnostic, error } from "../errors/diagnostic.ts";

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
 * without front matter has `{}` data. Returns diagnostics instead when the front
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
): FrontMatter | { diagnostics: Diagnostic[] } {
  const fence = text.startsWith("---")
    ? "---"
    : text.startsWith("+++")
    ? "+++"
    : /^\{[ \t]*\r?\n/.test(text)
    ? "{"
    : undefined;
  if (!fence || (fence !== "{" && !/^(---|\+\+\+)\s*(\r?\n|$)/.test(text))) {
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
        error("front-matter", `front matter opened with ${fence} is never closed`, {
          file,
          line: 1,
          column: 1,
          hint: `end the front matter with a line containing only ${closing}`,
        }),
      ],
    };
  }
  const rawLine = fence === "{" ? 1 : 2;
  const raw = fence === "{"
    ? lines.slice(0, end + 1).join("\n")
    : lines.slice(1, end).join("\n");
  const body = lines.slice(end + 1).join("\n");
  const parsed = fence === "---"
    ? parseYaml(raw, file, rawLine)
    : fence === "+++"
    ? parseTomlText(raw, file, rawLine)
    : parseJson(raw, file);
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
    data: plain(value) as Record<string, unknown>,
    body,
    bodyLine: end + 2,
    raw,
    rawLine,
  };
}

type Parsed = { value: unknown } | { diagnostics: Diagnostic[] };

function parseYaml(raw: string, file: string, rawLine: number): Parsed {
  const doc = parseDocument(raw, { prettyErrors: false });
  if (doc.errors.length) {
    return {
      diagnostics: doc.errors.map((e) =>
        error(
          "front-matter",
          `invalid YAML front matter: ${e.message.split(" at line ")[0]}`,
          {
            file,
            line: (e.linePos?.[0].line ?? 1) + rawLine - 1,
            column: e.linePos?.[0].col ?? 1,
            hint: "check indentation, and quote values that contain `: ` or start with a special character",
          },
        )
      ),
    };
  }
  return { value: doc.toJS() };
}

function parseTomlText(raw: string, file: string, rawLine: number): Parsed {
  try {
    return { value: parseToml(raw) };
  } catch (e) {
    const t = e instanceof TomlError ? e : undefined;
    return {
      diagnostics: [
        error(
          "front-matter",
          `invalid TOML front matter: ${
            (e as Error).message.split("\n")[0].replace(
              /^Invalid TOML document: /,
              "",
            )
          }`,
          {
            file,
            line: (t?.line ?? 1) + rawLine - 1,
            column: t?.column ?? 1,
            hint: 'TOML needs `key = value`, with strings quoted: title = "My page"',
          },
        ),
      ],
    };
  }
}

function parseJson(raw: string, file: string): Parsed {
  try {
    return { value: JSON.parse(raw) };
  } catch (e) {
    // JSON.parse does not say where; YAML (a superset of JSON) can.
    const doc = parseDocument(raw);
    const pos = doc.errors[0]?.linePos?.[0];
    return {
      diagnostics: [
        error(
          "front-matter",
          `invalid JSON front matter: ${(e as Error).message.split("\n")[0]}`,
          {
            file,
            line: pos?.line ?? 1,
            column: pos?.col ?? 1,
            hint: "JSON needs double-quoted keys and strings, and no trailing commas",
          },
        ),
      ],
    };
  }
}

/** Turns parser-specific values (TOML dates, null-prototype objects) into plain data. */
function plain(value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    // TOML local dates (`d = 2024-01-05`) have no time: keep them as dates.
    return String(value) === iso.slice(0, 10) ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
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
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^(\\s*)["']?${escaped}["']?\\s*[:=]`);
  const lines = fm.raw.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]);
    if (m) return { line: fm.rawLine + i, column: m[1].length + 1 };
  }
  return { line: Math.max(1, fm.rawLine - 1), column: 1 };
}
