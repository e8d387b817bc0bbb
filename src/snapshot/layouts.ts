/**
 * Layouts in the snapshot stage: choosing a page's layout and following
 * `layout:` chains, checked on the main thread so a missing layout or a loop is
 * one clear error before any rendering starts.
 *
 * @module
 */
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { suggest } from "../errors/suggest.ts";
import type { Layout } from "../parse/layouts.ts";
import type { PageKind } from "./types.ts";

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
