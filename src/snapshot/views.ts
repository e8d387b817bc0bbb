/**
 * Views: what templates (and site-wide outputs) see of the snapshot. A view looks
 * like the object graph templates expect — `page.section.pages[0].title`,
 * `page.prev.url`, `site.taxonomies.tags.terms` — but it is made over the flat
 * tables: each property resolves its key on first access, and every access is
 * written to a read log as `<record>#<field>`. That log is an output's provenance:
 * the next build re-renders an output only when a record field it read changed.
 *
 * Views are read-only (frozen, values frozen on first access) and belong to one
 * build generation: tables never change under a set of views, so a resolved
 * property is cached in the view. They are class instances with getters on the
 * prototype, not Proxies over frozen records (a Proxy over a frozen target must
 * return the target's own values, so it could not hand out views).
 *
 * Read keys: `p:<url>#<field>` (page), `s:<path>#<field>` (section),
 * `t:<taxonomy>/<slug>#<field>` (term), `x:<taxonomy>#<field>`, `site#<field>`,
 * `d:<name>` (a top-level `data/` entry; `d:*` for listing them).
 *
 * @module
 */
import { freezePlainData } from "../base/deep_freeze.ts";
import type { TocEntry } from "../parse/markdown.ts";
import type {
  MenuEntry,
  MenuEntryRecord,
  Page,
  Paginator,
  PaginatorRecord,
  Section,
  SiteInfo,
  SiteSnapshot,
  Taxonomy,
  Term,
} from "./types.ts";

/**
 * Where views log reads: the log of the output being made, or `null` to log
 * nothing. The owner swaps `reads` between outputs.
 *
 * @example
 * ```ts
 * import type { ReadTracker } from "./views.ts";
 * const tracker: ReadTracker = { reads: new Set() };
 * ```
 */
export interface ReadTracker {
  /** Where reads go: a `ReadLog` (see `base/read_log.ts`), or any set. */
  reads: { add(read: string | number): unknown } | null;
  /**
   * Turns a view's read (the key `${record}#${field}`) into what is logged, once
   * per view and field: a render worker numbers its keys here, so a page's reads
   * are mostly numbers it need not look up again. Without it, the keys themselves
   * are logged.
   */
  key?: (record: string, field: string) => string | number;
}

/**
 * The views of one snapshot.
 *
 * @example
 * ```ts
 * import { createViews } from "./views.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const tracker = { reads: new Set<string>() };
 * const views = createViews(snapshot, tracker);
 * views.page("/").title;
 * console.log([...tracker.reads!]); // ["p:/#title"]
 * ```
 */
export interface SiteViews {
  /** `site` in templates: title, sections, every listed page, taxonomies. */
  readonly site: SiteInfo;
  /** `data` in templates: the data files, by name. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The page at a site URL (`/blog/a/`). */
  page(url: string): Page;
  /** A new view of a page with its own table of contents: `page` while it is rendered. */
  rendered(url: string, toc: readonly TocEntry[]): RenderedPage;
  /** The section at a content path (`blog`, `""` for the home). */
  section(path: string): Section;
  /** The term with a key `taxonomy/slug` (`tags/deno`). */
  term(key: string): Term;
  /** The taxonomy with a name (`tags`). */
  taxonomy(name: string): Taxonomy;
}

/**
 * `page` in templates: the page's view plus its own table of contents.
 *
 * @example
 * ```ts
 * import type { RenderedPage } from "./views.ts";
 * declare const page: RenderedPage;
 * for (const h of page.toc) console.log(h.level, h.id, h.text);
 * ```
 */
export type RenderedPage = Page & { readonly toc: readonly TocEntry[] };

/** How a field's stored value becomes what templates see. */
type Resolve = (value: never) => unknown;

/**
 * Makes the views of `snapshot`, logging reads into `tracker.reads`.
 *
 * @example
 * ```ts
 * import { createViews } from "./views.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const { site } = createViews(snapshot, { reads: null });
 * for (const page of site.pages) console.log(page.title);
 * ```
 */
export function createViews(snapshot: SiteSnapshot, tracker: ReadTracker): SiteViews {
  const list = <T>(make: (key: string) => T) => (keys: readonly string[]) =>
    Object.freeze(keys.map(make));
  const maybe = <T>(make: (key: string) => T) => (key: string | null) =>
    key === null ? null : make(key);
  const table = <T>(
    prefix: string,
    records: ReadonlyMap<string, object>,
    resolvers: () => Readonly<Record<string, Resolve>>,
  ): Table<T> => {
    const views = new Map<string, T>();
    // Made on the first record: every record of a table has the same fields.
    let View: ViewClass | undefined;
    const make = (key: string, own?: object): T => {
      if (!records.has(key)) throw new Error(`no record ${prefix}${key} in the snapshot`);
      View ??= viewClass(Object.keys(records.get(key)!), resolvers(), tracker, records);
      return new View(`${prefix}${key}`, key, own) as T;
    };
    return Object.assign((key: string): T => {
      let view = views.get(key);
      if (!view) views.set(key, view = make(key));
      return view;
    }, { make });
  };

  type Table<T> = ((key: string) => T) & { make(key: string, own?: object): T };
  const page: Table<Page> = table<Page>("p:", snapshot.pages, () => ({
    section: section as Resolve,
    terms: ((terms: Readonly<Record<string, readonly string[]>>) =>
      Object.freeze(
        Object.fromEntries(Object.entries(terms).map(([name, keys]) => [name, list(term)(keys)])),
      )) as Resolve,
    prev: maybe(page) as Resolve,
    next: maybe(page) as Resolve,
    breadcrumbs: list(page) as Resolve,
    paginator: ((pager: PaginatorRecord | null): Paginator | null =>
      pager && Object.freeze({ ...pager, items: list(page)(pager.items) })) as Resolve,
    term: maybe(term) as Resolve,
    taxonomy: maybe(taxonomy) as Resolve,
  }));
  const section: (key: string) => Section = table<Section>("s:", snapshot.sections, () => ({
    page: page as Resolve,
    parent: maybe(section) as Resolve,
    sections: list(section) as Resolve,
    pages: list(page) as Resolve,
  }));
  const term: (key: string) => Term = table<Term>("t:", snapshot.terms, () => ({
    page: page as Resolve,
    pages: list(page) as Resolve,
  }));
  const taxonomy: (key: string) => Taxonomy = table<Taxonomy>("x:", snapshot.taxonomies, () => ({
    page: page as Resolve,
    terms: list(term) as Resolve,
  }));
  const site = table<SiteInfo>("", new Map([["site", snapshot.site]]), () => ({
    home: page as Resolve,
    pages: list(page) as Resolve,
    sections: list(section) as Resolve,
    taxonomies: ((names: readonly string[]) =>
      Object.freeze(Object.fromEntries(names.map((n) => [n, taxonomy(n)])))) as Resolve,
    menus: ((menus: Readonly<Record<string, readonly MenuEntryRecord[]>>) =>
      Object.freeze(Object.fromEntries(
        Object.entries(menus).map(([name, entries]) => [
          name,
          Object.freeze(entries.map((e): MenuEntry =>
            Object.freeze({ ...e, page: e.page === null ? null : page(e.page) })
          )),
        ]),
      ))) as Resolve,
  }))("site");

  return {
    site,
    data: dataView(snapshot.data, tracker),
    page,
    rendered: (url, toc) => page.make(url, { toc }) as RenderedPage,
    section,
    term,
    taxonomy,
  };
}

/**
 * Where a view keeps its read key, its record's key and its resolved fields. Not
 * the record: a field's first access asks the table for it, so a table that
 * decodes records on demand (a render worker's, see `transfer.ts`) can let them
 * go, though views of every page in a big section live as long as the build.
 */
const KEY = Symbol("key");
const ID = Symbol("id");
const SLOTS = Symbol("slots");
const UNSET = Symbol("unset");

interface ViewState {
  readonly [KEY]: string;
  /** The record's key in its table. */
  readonly [ID]: string;
  /** Per field: its read key, then its resolved value (made on first access). */
  readonly [SLOTS]: unknown[];
}

type ViewClass = new (key: string, id: string, own?: object) => object;

/**
 * A class of views over records with `fields`: one getter per field on the
 * prototype, so every view of a kind has the same shape and templates' property
 * accesses stay fast (an object per view with its own getters would give each
 * view its own hidden class). A getter logs `<key>#<field>` and returns the field
 * resolved (references become views) or frozen (plain data). A view serializes
 * to its record (`JSON.stringify(page)`), where references are keys.
 */
function viewClass(
  fields: readonly string[],
  resolvers: Readonly<Record<string, Resolve>>,
  tracker: ReadTracker,
  records: ReadonlyMap<string, object>,
): ViewClass {
  // Copied for each view: a copy is 3-10 times faster than a new array filled
  // (200,000 of them: 8-13 against 32-110 ms), and views are made by the 100,000.
  const unset = new Array(fields.length * 2).fill(UNSET);
  class View implements ViewState {
    readonly [KEY]: string;
    readonly [ID]: string;
    readonly [SLOTS]: unknown[];
    constructor(key: string, id: string, own?: object) {
      this[KEY] = key;
      this[ID] = id;
      this[SLOTS] = unset.slice();
      if (own) Object.assign(this, own);
      Object.freeze(this);
    }
    toJSON(): unknown {
      return records.get(this[ID]);
    }
  }
  fields.forEach((field, i) => {
    const resolve = resolvers[field] as ((value: unknown) => unknown) | undefined;
    Object.defineProperty(View.prototype, field, {
      enumerable: true,
      get(this: ViewState) {
        const slots = this[SLOTS];
        const reads = tracker.reads;
        if (reads) {
          let read = slots[i];
          if (read === UNSET) {
            read = slots[i] = tracker.key ? tracker.key(this[KEY], field) : `${this[KEY]}#${field}`;
          }
          reads.add(read as string | number);
        }
        // Kept after the first access: an array slot is cheaper to read than the
        // record's field (one property name per getter makes that load megamorphic).
        const at = fields.length + i;
        let value = slots[at];
        if (value === UNSET) {
          const raw = (records.get(this[ID]) as Readonly<Record<string, unknown>>)[field];
          value = slots[at] = resolve
            ? resolve(raw)
            : typeof raw === "object" && raw !== null
            ? freezePlainData(raw)
            : raw;
        }
        return value;
      },
    });
  });
  return View;
}

/**
 * `data` in templates: a read-only Proxy logging `d:<name>` per top-level entry
 * read and `d:*` when the entries are listed. Its target is its own empty object,
 * so it may hand out values the way it likes.
 */
function dataView(
  data: Readonly<Record<string, unknown>>,
  tracker: ReadTracker,
): Readonly<Record<string, unknown>> {
  const own = (key: string | symbol): key is string =>
    typeof key === "string" && Object.hasOwn(data, key);
  const log = (key: string) => tracker.reads?.add(key);
  return new Proxy({}, {
    get(_, key) {
      if (typeof key !== "string") return undefined;
      log(`d:${key}`);
      return own(key) ? freezePlainData(data[key]) : undefined;
    },
    has(_, key) {
      if (typeof key === "string") log(`d:${key}`);
      return own(key);
    },
    ownKeys() {
      log("d:*");
      return Object.keys(data);
    },
    getOwnPropertyDescriptor(_, key) {
      if (typeof key === "string") log(`d:${key}`);
      return own(key)
        ? {
          value: freezePlainData(data[key]),
          writable: false,
          enumerable: true,
          configurable: true,
        }
        : undefined;
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
  });
}
