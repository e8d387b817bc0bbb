/**
 * Mutable drafts of the snapshot's records, used only while the snapshot stage
 * assembles them; `buildSnapshot` deep-freezes the result. Nothing outside
 * `src/snapshot/` sees a draft.
 *
 * @module
 */
import type { Page, Section, Taxonomy, Term } from "./types.ts";
import { compareText } from "../base/collate.ts";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer V)[] ? V[] : T[K] };

/**
 * A page under construction, with what only the snapshot stage needs (locations, …).
 *
 * @example
 * ```ts
 * import type { DraftPage } from "./draft.ts";
 * declare const page: DraftPage;
 * page.title = "Changed while drafting";
 * ```
 */
export type DraftPage = Mutable<Omit<Page, "section" | "terms">> & {
  section: DraftSection;
  terms: Record<string, DraftTerm[]>;
  /** First folder of the page's section, for layout lookup (`blog/page.vto`). */
  topSection: string;
  /** Front matter `layout`, if any. */
  layoutKey?: string;
  /** Where the page's front matter keys are, for diagnostics. */
  keyLocations: Readonly<Record<string, { readonly line: number; readonly column: number }>>;
};

/**
 * A section under construction.
 *
 * @example
 * ```ts
 * import type { DraftSection } from "./draft.ts";
 * declare const section: DraftSection;
 * section.pages.push(section.page);
 * ```
 */
export type DraftSection = Mutable<Omit<Section, "page" | "parent" | "sections" | "pages">> & {
  /** Set once the section's list page is known (it always is after assembly). */
  page: DraftPage;
  parent: DraftSection | null;
  sections: DraftSection[];
  pages: DraftPage[];
};

/**
 * A term under construction.
 *
 * @example
 * ```ts
 * import type { DraftTerm } from "./draft.ts";
 * declare const term: DraftTerm;
 * console.log(term.pages.length);
 * ```
 */
export type DraftTerm = Mutable<Omit<Term, "page" | "pages">> & {
  page: DraftPage;
  pages: DraftPage[];
};

/**
 * A taxonomy under construction.
 *
 * @example
 * ```ts
 * import type { DraftTaxonomy } from "./draft.ts";
 * declare const tags: DraftTaxonomy;
 * console.log(tags.terms.length);
 * ```
 */
export type DraftTaxonomy = Mutable<Omit<Taxonomy, "page" | "terms">> & {
  page: DraftPage;
  terms: DraftTerm[];
};

/**
 * Sorting used for listings: weight ascending (0 = unweighted, last), then newest
 * first, then title, then URL, so the order never depends on input order.
 *
 * @example
 * ```ts
 * import { comparePages } from "./draft.ts";
 * const pages = [{ weight: 0, date: null, title: "b", url: "/b/" }, { weight: 1, date: null, title: "a", url: "/a/" }];
 * pages.sort(comparePages); // "a" (weighted) first
 * ```
 */
export function comparePages(a: Sortable, b: Sortable): number {
  const wa = a.weight === 0 ? Infinity : a.weight;
  const wb = b.weight === 0 ? Infinity : b.weight;
  if (wa !== wb) return wa < wb ? -1 : 1;
  return compareByDate(a, b);
}

/**
 * Newest first, then title, then URL. Dates are compared as instants: a date-time
 * keeps the offset its author wrote (`2024-01-01T23:30:00.000-05:00`), so text
 * order is not time order across offsets.
 *
 * @example
 * ```ts
 * import { compareByDate } from "./draft.ts";
 * [{ date: "2020-01-01", title: "x", url: "/x/" }, { date: "2024-01-01", title: "y", url: "/y/" }].sort(compareByDate);
 * ```
 */
export function compareByDate(a: Omit<Sortable, "weight">, b: Omit<Sortable, "weight">): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    const [x, y] = sameShape(a.date, b.date)
      ? [a.date, b.date]
      : [instant(a.date), instant(b.date)];
    if (x !== y) return x < y ? 1 : -1;
    return a.date < b.date ? 1 : -1;
  }
  return compareText(a.title, b.title) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** The fields listings sort by. */
export interface Sortable {
  readonly weight: number;
  readonly date: string | null;
  readonly title: string;
  readonly url: string;
}

/** Both days, or both UTC date-times: their text order is their time order. */
function sameShape(a: string, b: string): boolean {
  return a.length === b.length && (a.length === 10 || (a.endsWith("Z") && b.endsWith("Z")));
}

function instant(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}
