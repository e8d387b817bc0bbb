/**
 * The record a page edit makes when the edit can change nothing but that record.
 *
 * Building the snapshot anew costs a pass over every page (a third of a second
 * at 10k pages); most edits in the edit loop touch one page's body, title,
 * description or custom params. Such an edit changes the page's own record
 * alone unless it moves the page in a listing (a title is a tiebreaker of the
 * sort orders) or names it in a menu. This module decides that and makes the
 * record; anything it cannot vouch for returns `null`, and the caller builds
 * the snapshot anew.
 *
 * @module
 */
import { freezePlainData } from "../base/deep_freeze.ts";
import { compareByDate, comparePages, type Sortable } from "./draft.ts";
import type { PageRecord, SiteSnapshot } from "./types.ts";

/**
 * Front-matter keys whose value shapes more than the page's own record: its
 * URL, whether it is published, its place in listings, other records
 * (aliases, menus, cascade), its layouts, whether it is rendered and listed
 * (`build`). Kept in step with `assemblePages`, `isPublished`, `buildMenus`,
 * `applyCascade` and `resolveLayouts`; taxonomy names are added from the config.
 */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  "slug",
  "url",
  "date",
  "lastmod",
  "publishDate",
  "expiryDate",
  "weight",
  "draft",
  "aliases",
  "layout",
  "cascade",
  "menu",
  "build",
]);

/** A page as the parse stage gives it: what a record is made from. */
export interface PageSource {
  readonly frontMatter: Readonly<Record<string, unknown>>;
  readonly excerpt: string;
  readonly wordCount: number;
}

/**
 * The record of the regular page at `url` after its source went from `before`
 * to `after`, or `null` when the edit may change more than that record.
 *
 * @example
 * ```ts
 * import { repatchPage } from "./patch_page.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * declare const before: import("./patch_page.ts").PageSource;
 * declare const after: import("./patch_page.ts").PageSource;
 * const record = repatchPage(snapshot, "/docs/intro/", before, after, ["tags"]);
 * if (record === null) console.log("build the snapshot anew");
 * ```
 */
export function repatchPage(
  snapshot: SiteSnapshot,
  url: string,
  before: PageSource,
  after: PageSource,
  taxonomies: readonly string[],
): PageRecord | null {
  const record = snapshot.pages.get(url);
  // List pages lend their title to their section; their front matter may cascade.
  if (!record || record.kind !== "page") return null;
  // The record holds the page's own front matter unless a cascade merged into it.
  if (!sameJson(record.params, before.frontMatter)) return null;
  const old = before.frontMatter;
  const fm = after.frontMatter;
  for (const key of new Set([...Object.keys(old), ...Object.keys(fm)])) {
    if (sameJson(old[key], fm[key])) continue;
    if (STRUCTURAL_KEYS.has(key) || taxonomies.includes(key)) return null;
  }
  let title = record.title;
  if (!sameJson(old.title, fm.title)) {
    // Without a title the page is named after its file: a snapshot build knows how.
    if (typeof fm.title !== "string") return null;
    title = fm.title;
  }
  const next: PageRecord = {
    ...record,
    title,
    description: typeof fm.description === "string" ? fm.description : "",
    params: fm,
    excerpt: after.excerpt,
    wordCount: after.wordCount,
  };
  if (title !== record.title && !(keepsItsPlace(snapshot, next) && !inMenus(snapshot, url))) {
    return null;
  }
  return freezePlainData(next) as PageRecord;
}

/** The page still sorts between its neighbours in every listing it is in. */
function keepsItsPlace(snapshot: SiteSnapshot, page: PageRecord): boolean {
  const sorted = (list: readonly string[], compare: (a: Sortable, b: Sortable) => number) => {
    const i = list.indexOf(page.url);
    const at = (j: number) => j === i ? page : snapshot.pages.get(list[j])!;
    return (i <= 0 || compare(at(i - 1), page) < 0) &&
      (i < 0 || i >= list.length - 1 || compare(page, at(i + 1)) < 0);
  };
  const section = snapshot.sections.get(page.section);
  if (section && !sorted(section.pages, comparePages)) return false;
  if (!sorted(snapshot.site.pages, compareByDate)) return false;
  for (const keys of Object.values(page.terms)) {
    for (const key of keys) {
      const term = snapshot.terms.get(key);
      if (term && !sorted(term.pages, compareByDate)) return false;
    }
  }
  return true;
}

/** A menu entry names the page (its default name is the page's title). */
function inMenus(snapshot: SiteSnapshot, url: string): boolean {
  return Object.values(snapshot.site.menus).some((entries) =>
    entries.some((entry) => entry.page === url)
  );
}

/**
 * Equality of two parsed front-matter values (plain data, keys in file order).
 *
 * @example
 * ```ts
 * import { sameJson } from "./patch_page.ts";
 * sameJson({ title: "A" }, { title: "A" }); // true
 * ```
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
