/**
 * `cascade:` in an `_index.md`: front matter values for every page below it, unless
 * the page sets the key itself. The nearest section's cascade wins over outer ones.
 *
 * @module
 */
import { append } from "../base/arrays.ts";
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
    if (!isIndex(page.file)) continue;
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
      append(diagnostics, checked.diagnostics);
      continue;
    }
    cascades.set(dirOf(relOf(page.file)), checked.data);
  }

  const frontMatter = new Map<string, Readonly<Record<string, unknown>>>();
  // What the pages of a folder inherit, made once per folder: outer cascades
  // first, so nearer sections win (and then the page itself).
  const inherited = new Map<string, Readonly<Record<string, unknown>> | undefined>();
  const inheritedIn = (dir: string | null): Readonly<Record<string, unknown>> | undefined => {
    if (dir === null) return undefined;
    if (inherited.has(dir)) return inherited.get(dir);
    const outer = inheritedIn(parentOf(dir));
    const own = cascades.get(dir);
    const merged = own ? { ...outer, ...own } : outer;
    inherited.set(dir, merged);
    return merged;
  };
  for (const page of pages) {
    // Most sites have no cascade: then every page keeps its own front matter.
    if (!cascades.size) {
      frontMatter.set(page.file, page.frontMatter);
      continue;
    }
    const dir = dirOf(relOf(page.file));
    // A section's own cascade is for the pages below it, not for its _index.md.
    const cascade = inheritedIn(isIndex(page.file) ? parentOf(dir) : dir);
    frontMatter.set(page.file, cascade ? { ...cascade, ...page.frontMatter } : page.frontMatter);
  }
  return { frontMatter, diagnostics };
}

/** A section's own page: `_index.md` (the file name decides, wherever the folder). */
const isIndex = (file: string): boolean => /(^|\/)_index\.(md|markdown)$/i.test(file);

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
