/**
 * Layouts, read and parsed: `layouts/` and floe's embedded defaults, each with
 * its front matter (`layout:` names the layout it is wrapped in). Runs on the
 * main thread during the parse stage; choosing and chaining layouts is the
 * snapshot stage's (`../snapshot/layouts.ts`).
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type { InputFile } from "../discover/discover.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { DEFAULT_LAYOUTS } from "../theme/default_layouts.ts";
import { decodeUtf8 } from "./utf8.ts";
import { locateKey, parseFrontMatter } from "./front_matter.ts";

/**
 * A Vento layout, parsed on the main thread so chains are checked before render.
 *
 * @example
 * ```ts
 * import type { Layout } from "./layouts.ts";
 * const l: Layout = { name: "_default/page.vto", file: "layouts/_default/page.vto", source: "{{ content }}", line: 1, parent: null, parentLine: 1 };
 * ```
 */
export interface Layout {
  /** Name relative to `layouts/`. */
  readonly name: string;
  /** Path for diagnostics (`layouts/…`, or `(floe)/…` for embedded defaults). */
  readonly file: string;
  /** The template without its front matter. */
  readonly source: string;
  /** 1-based file line where `source` starts. */
  readonly line: number;
  /** The layout this one is wrapped in, from its front matter. */
  readonly parent: string | null;
  /** 1-based line of the `layout:` key naming the parent (for diagnostics). */
  readonly parentLine: number;
}

/**
 * Reads the site's layouts and adds the embedded defaults the site does not
 * override. Returns the layouts by name, and diagnostics for malformed ones.
 *
 * @example
 * ```ts
 * import { loadLayouts } from "./layouts.ts";
 * const { layouts } = await loadLayouts([]);
 * console.log(Object.keys(layouts)); // the embedded defaults
 * ```
 */
export async function loadLayouts(
  files: readonly InputFile[],
): Promise<{ layouts: Record<string, Layout>; diagnostics: Diagnostic[] }> {
  const layouts: Record<string, Layout> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [name, text] of Object.entries(DEFAULT_LAYOUTS)) {
    const parsed = parseLayout(name, `(floe)/${name}`, text);
    if ("layout" in parsed) layouts[name] = parsed.layout;
  }
  const contents = await Promise.all(files.map((f) => readFile(f.abs)));
  files.forEach((file, i) => {
    // Not UTF-8 (a Latin-1 `é`): a located error, not a silent U+FFFD in every page.
    const decoded = decodeUtf8(contents[i], file.path);
    const parsed = "diagnostics" in decoded
      ? decoded
      : parseLayout(file.rel, file.path, decoded.text);
    if ("layout" in parsed) layouts[file.rel] = parsed.layout;
    else diagnostics.push(...parsed.diagnostics);
  });
  return { layouts, diagnostics };
}

function parseLayout(
  name: string,
  file: string,
  text: string,
): { layout: Layout } | { diagnostics: Diagnostic[] } {
  const fm = parseFrontMatter(text, file, ["yaml"]);
  if ("diagnostics" in fm) return fm;
  const parent = fm.data.layout;
  if (parent !== undefined && typeof parent !== "string") {
    return {
      diagnostics: [
        error("layout", `"layout" must be a string naming a layout`, {
          file,
          ...locateKey(fm, "layout"),
        }),
      ],
    };
  }
  return {
    layout: {
      name,
      file,
      source: fm.body,
      line: fm.bodyLine,
      parent: parent === undefined ? null : normalizeLayoutName(parent),
      parentLine: locateKey(fm, "layout").line,
    },
  };
}

/**
 * Adds `.vto` to a layout name given without an extension and drops a leading `/`.
 *
 * @example
 * ```ts
 * import { normalizeLayoutName } from "./layouts.ts";
 * normalizeLayoutName("docs/page"); // "docs/page.vto"
 * ```
 */
export function normalizeLayoutName(name: string): string {
  const trimmed = name.trim().replace(/^\/+/, "");
  return /\.[a-z0-9]+$/i.test(trimmed) ? trimmed : `${trimmed}.vto`;
}
