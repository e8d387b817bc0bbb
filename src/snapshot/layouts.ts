/**
 * Layouts: reading `layouts/`, merging the embedded defaults, choosing a page's
 * layout and following `layout:` chains. All checked on the main thread, so a
 * missing layout or a loop is one clear error before any rendering starts.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type { InputFile } from "../discover/discover.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { suggest } from "../errors/suggest.ts";
import { locateKey, parseFrontMatter } from "../parse/front_matter.ts";
import { DEFAULT_LAYOUTS } from "../theme/default_layouts.ts";
import type { Layout, PageKind } from "./types.ts";

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
  const texts = await Promise.all(files.map((f) => readFile(f.abs, "utf8")));
  files.forEach((file, i) => {
    const parsed = parseLayout(file.rel, file.path, texts[i]);
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

/**
 * The layouts floe tries, in order, for a page without a `layout` key: the most
 * specific first (`<section>/<kind>.vto`, or `<taxonomy>/<kind>.vto` for taxonomy
 * and term pages), the defaults last.
 *
 * @example
 * ```ts
 * import { layoutCandidates } from "./layouts.ts";
 * layoutCandidates("page", "blog");
 * // ["blog/page.vto", "page.vto", "_default/page.vto"]
 * ```
 */
export function layoutCandidates(kind: PageKind, scope: string): string[] {
  const own = [`${kind}.vto`, `_default/${kind}.vto`];
  const scoped = scope && kind !== "home" && kind !== "404"
    ? [`${scope}/${kind}.vto`, ...own]
    : own;
  // Every listing can fall back to the section layout.
  return kind === "home" || kind === "taxonomy" || kind === "term"
    ? [...scoped, "_default/section.vto"]
    : scoped;
}

/**
 * Follows a layout's `layout:` chain. Returns the chain (innermost first) or a
 * diagnostic for a missing parent or a loop.
 *
 * @example
 * ```ts
 * import { loadLayouts, layoutChain } from "./layouts.ts";
 * const { layouts } = await loadLayouts([]);
 * layoutChain(layouts, "_default/page.vto"); // ["_default/page.vto", "_default/base.vto"]
 * ```
 */
export function layoutChain(
  layouts: Readonly<Record<string, Layout>>,
  first: string,
): string[] | Diagnostic {
  const chain = [first];
  let current = layouts[first];
  while (current?.parent) {
    const next = current.parent;
    if (chain.includes(next)) {
      return error(
        "layout-loop",
        `layout chain loops: ${[...chain, next].join(" → ")}`,
        {
          file: current.file,
          line: current.parentLine,
          column: 1,
          hint:
            `remove the "layout:" key from one layout of the loop (the outermost layout has none)`,
        },
      );
    }
    if (!layouts[next]) {
      return error(
        "layout-missing",
        `layout "${next}" (wrapping ${current.name}) does not exist`,
        {
          file: current.file,
          line: current.parentLine,
          column: 1,
          hint: suggest(next, Object.keys(layouts)) ??
            `create layouts/${next}`,
        },
      );
    }
    chain.push(next);
    current = layouts[next];
  }
  return chain;
}
