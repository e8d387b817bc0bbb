/**
 * `cascade:` in an `_index.md`: front matter values for every page below it, unless
 * the page sets the key itself. The nearest section's cascade wins over outer ones.
 *
 * @module
 */
import { posix } from "node:path";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { checkFrontMatter } from "../parse/known_keys.ts";
import type { ParsedPage } from "../parse/parse_page.ts";

/**
 * Returns each page's front matter with the cascades of its ancestor sections
 * applied (by file), and diagnostics for malformed cascades.
 *
 * @example
 * ```ts
 * import { applyCascade } from "./cascade.ts";
 * const { frontMatter } = applyCascade([], (f) => f);
 * ```
 */
export function applyCascade(
  pages: readonly ParsedPage[],
  relOf: (file: string) => string,
): { frontMatter: Map<string, Readonly<Record<string, unknown>>>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cascades = new Map<string, Readonly<Record<string, unknown>>>();
  for (const page of pages) {
    const rel = relOf(page.file);
    if (!/(^|\/)_index\.(md|markdown)$/i.test(rel)) continue;
    const value = page.frontMatter.cascade;
    if (value === undefined) continue;
    const where = page.keyLocations.cascade ?? { line: 1, column: 1 };
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      diagnostics.push(error("front-matter", `"cascade" must be a mapping of keys to values`, {
        file: page.file,
        ...where,
        hint: "cascade:\n    layout: docs\n    params: …",
      }));
      continue;
    }
    const checked = checkFrontMatter(value as Record<string, unknown>, () => where, page.file);
    if ("diagnostics" in checked) {
      diagnostics.push(...checked.diagnostics);
      continue;
    }
    cascades.set(dirOf(rel), checked.data);
  }

  const frontMatter = new Map<string, Readonly<Record<string, unknown>>>();
  for (const page of pages) {
    const rel = relOf(page.file);
    const isIndex = /(^|\/)_index\.(md|markdown)$/i.test(rel);
    // A section's own cascade is for the pages below it, not for its _index.md.
    let dir = isIndex ? parentOf(dirOf(rel)) : dirOf(rel);
    const inherited: Record<string, unknown>[] = [];
    for (;;) {
      const cascade = dir === null ? undefined : cascades.get(dir);
      if (cascade) inherited.push(cascade);
      if (dir === null || dir === "") break;
      dir = parentOf(dir);
    }
    if (!inherited.length) {
      frontMatter.set(page.file, page.frontMatter);
      continue;
    }
    // Outermost first, so nearer sections and then the page itself win.
    const merged: Record<string, unknown> = {};
    for (const cascade of inherited.reverse()) Object.assign(merged, cascade);
    frontMatter.set(page.file, { ...merged, ...page.frontMatter });
  }
  return { frontMatter, diagnostics };
}

function dirOf(rel: string): string {
  const dir = posix.dirname(rel);
  return dir === "." ? "" : dir;
}

/** The parent folder; `null` above the content root. */
function parentOf(dir: string | null): string | null {
  if (dir === null || dir === "") return null;
  const parent = posix.dirname(dir);
  return parent === "." ? "" : parent;
}
