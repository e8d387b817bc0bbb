/**
 * `data/` files: YAML, JSON and TOML, nested by folder, as `data` in templates.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type { InputFile } from "../discover/discover.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";
import { type DataFormat, parseData } from "./data_formats.ts";
import { decodeUtf8 } from "./utf8.ts";

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
  const contents = await Promise.all(files.map((f) => readFile(f.abs)));
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
    const ext = match[2].toLowerCase();
    const format: DataFormat = ext === "yml" ? "yaml" : ext as DataFormat;
    // Not UTF-8 (a Latin-1 `é`): a located error, not a silent U+FFFD.
    const decoded = decodeUtf8(contents[i], file.path);
    if ("diagnostics" in decoded) {
      diagnostics.push(...decoded.diagnostics);
      return;
    }
    const parsed = parseData(decoded.text, format, {
      file: file.path,
      line: 1,
      code: "data",
      what: "data file",
    });
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
