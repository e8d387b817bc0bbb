/**
 * `data/` files: YAML, JSON and TOML, nested by folder, as `data` in templates.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { parse as parseToml, TomlError } from "smol-toml";
import { parseDocument } from "yaml";
import type { InputFile } from "../discover/discover.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";

/**
 * Loads every data file: `data/authors.yaml` → `{ authors: … }`,
 * `data/a/b.json` → `{ a: { b: … } }`. Other extensions are ignored with a warning.
 *
 * @example
 * ```ts
 * import { loadData } from "./data_files.ts";
 * const { data } = await loadData([]);
 * ```
 */
export async function loadData(
  files: readonly InputFile[],
): Promise<{ data: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  const data: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  const texts = await Promise.all(files.map((f) => readFile(f.abs, "utf8")));
  files.forEach((file, i) => {
    const match = /^(.*)\.(ya?ml|json|toml)$/i.exec(file.rel);
    if (!match) {
      diagnostics.push({
        severity: "warning",
        code: "data",
        message: "not a data file (expected .yaml, .yml, .json or .toml); ignored",
        file: file.path,
      });
      return;
    }
    const parsed = parseData(texts[i], match[2].toLowerCase(), file.path);
    if ("diagnostics" in parsed) {
      diagnostics.push(...parsed.diagnostics);
      return;
    }
    const keys = match[1].split("/");
    let target = data;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target = (typeof next === "object" && next !== null ? next : (target[key] = {})) as Record<
        string,
        unknown
      >;
    }
    target[keys[keys.length - 1]] = parsed.value;
  });
  return { data, diagnostics };
}

function parseData(
  text: string,
  format: string,
  file: string,
): { value: unknown } | { diagnostics: Diagnostic[] } {
  if (format === "toml") {
    try {
      return { value: JSON.parse(JSON.stringify(parseToml(text))) };
    } catch (e) {
      const t = e instanceof TomlError ? e : undefined;
      return {
        diagnostics: [error("data", `invalid TOML: ${(e as Error).message.split("\n")[0]}`, {
          file,
          line: t?.line ?? 1,
          column: t?.column ?? 1,
          hint: 'TOML needs `key = value`, with strings quoted',
        })],
      };
    }
  }
  const doc = parseDocument(text);
  if (doc.errors.length) {
    return {
      diagnostics: doc.errors.map((e) =>
        error("data", `invalid ${format === "json" ? "JSON" : "YAML"}: ${e.message.split(" at line ")[0]}`, {
          file,
          line: e.linePos?.[0].line ?? 1,
          column: e.linePos?.[0].col ?? 1,
          hint: format === "json"
            ? "JSON needs double-quoted keys and strings, and no trailing commas"
            : "check indentation, and quote values that contain `: `",
        })
      ),
    };
  }
  return { value: doc.toJS() };
}
