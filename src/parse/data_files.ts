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
import { blaming, type PluginRegistry } from "../config/plugin.ts";
import { pluginDiagnostic } from "../config/plugin_diagnostic.ts";

/**
 * Loads every data file: `data/authors.yaml` → `{ authors: … }`,
 * `data/a/b.json` → `{ a: { b: … } }`. A file of another type is read by the
 * plugin loader for its extension (`site.loader([".csv"], …)`), if there is
 * one, and is otherwise ignored with a warning.
 *
 * @example
 * ```ts
 * import { loadData } from "./data_files.ts";
 * const { data } = await loadData([], [], "/site");
 * ```
 */
export async function loadData(
  files: readonly InputFile[],
  loaders: PluginRegistry["loaders"],
  root: string,
): Promise<{ data: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  const data: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  const contents = await Promise.all(files.map((f) => readFile(f.abs)));
  files.forEach((file, i) => {
    const builtin = /^(.*)\.(ya?ml|json|toml)$/i.exec(file.rel);
    const loader = builtin ? undefined : loaderFor(file.rel, loaders);
    if (!builtin && !loader) {
      const more = loaders.flatMap((l) => l.value.extensions);
      diagnostics.push({
        severity: "warning",
        code: "data",
        message: `not a data file (expected ${
          [".yaml", ".yml", ".json", ".toml", ...more].join(", ")
        }); ignored`,
        file: file.path,
        hint: more.length ? undefined : 'a plugin can read other types: site.loader([".csv"], …)',
      });
      return;
    }
    // Not UTF-8 (a Latin-1 `é`): a located error, not a silent U+FFFD.
    const decoded = decodeUtf8(contents[i], file.path);
    if ("diagnostics" in decoded) {
      diagnostics.push(...decoded.diagnostics);
      return;
    }
    let value: unknown;
    if (builtin) {
      const ext = builtin[2].toLowerCase();
      const format: DataFormat = ext === "yml" ? "yaml" : ext as DataFormat;
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
      value = parsed.value;
    } else {
      try {
        value = blaming(loader!.plugin, "loader", () => {
          const loaded = loader!.value.load(decoded.text, file.rel);
          if (loaded instanceof Promise) {
            throw new TypeError("a loader is synchronous: it returned a promise");
          }
          // Plain data only: templates in every worker get it through the snapshot.
          return structuredClone(loaded);
        }, () => file.path)();
      } catch (e) {
        diagnostics.push(pluginDiagnostic(e, root, file.path));
        return;
      }
    }
    const name = builtin ? builtin[1] : file.rel.slice(0, -loader!.extension.length);
    const keys = name.split("/");
    let target = data;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target = (typeof next === "object" && next !== null ? next : (target[key] = {})) as Record<
        string,
        unknown
      >;
    }
    target[keys[keys.length - 1]] = value;
  });
  return { data, diagnostics };
}

/** The first loader (in plugin order) for the file's extension; the longest extension wins. */
function loaderFor(
  rel: string,
  loaders: PluginRegistry["loaders"],
): (PluginRegistry["loaders"][number] & { extension: string }) | undefined {
  const lower = rel.toLowerCase();
  let best: (PluginRegistry["loaders"][number] & { extension: string }) | undefined;
  for (const loader of loaders) {
    for (const extension of loader.value.extensions) {
      if (lower.endsWith(extension) && extension.length > (best?.extension.length ?? 0)) {
        best = { ...loader, extension };
      }
    }
  }
  return best;
}
