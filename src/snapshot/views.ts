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
 * property is cached in the view. They are plain objects with enumerable
 * getters, not Proxies over frozen records (a Proxy over a frozen target must
 * return the target's own values, so it could not hand out views).
 *
 * Read keys: `p:<url>#<field>` (page), `s:<path>#<field>` (section),
 * `t:<taxonomy>/<slug>#<field>` (term), `x:<taxonomy>#<field>`, `site#<field>`,
 * `d:<name>` (a top-level `data/` entry; `d:*` for listing them).
 *
 * @module
 */
import { freezePlainData } from "../base/deep_freeze.ts";
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
  reads: Set<string> | null;
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
  readonly site: SiteInfo;
  readonly data: Readonly<Record<string, unknown>>;
  page(url: string): Page;
  section(path: string): Section;
  term(key: string): Term;
  taxonomy(name: string): Taxonomy;
}

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
  const pageViews = new Map<string, Page>();
  const sectionViews = new Map<string, Section>();
  const termViews = new Map<string, Term>();
  const taxonomyViews = new Map<string, Taxonomy>();

  const list = <T>(make: (key: string) => T) => (keys: readonly string[]) =>
    Object.freeze(keys.map(make));
  const maybe = <T>(make: (key: string) => T) => (key: string | null) =>
    key === null ? null : make(key);

  const page = (url: string): Page => {
    let view = pageViews.get(url);
    if (!view) {
      const record = snapshot.pages.get(url);
      if (!record) throw new Error(`no page ${url} in the snapshot`);
      view = makeView<Page>(tracker, `p:${url}`, record, pageFields);
      pageViews.set(url, view);
    }
    return view;
  };
  const section = (path: string): Section => {
    let view = sectionViews.get(path);
    if (!view) {
      const record = snapshot.sections.get(path);
      if (!record) throw new Error(`no section "${path}" in the snapshot`);
      view = makeView<Section>(tracker, `s:${path}`, record, {
        page: page as Resolve,
        parent: maybe(section) as Resolve,
        sections: list(section) as Resolve,
        pages: list(page) as Resolve,
      });
      sectionViews.set(path, view);
    }
    return view;
  };
  const term = (key: string): Term => {
    let view = termViews.get(key);
    if (!view) {
      const record = snapshot.terms.get(key);
      if (!record) throw new Error(`no term ${key} in the snapshot`);
      view = makeView<Term>(tracker, `t:${key}`, record, {
        page: page as Resolve,
        pages: list(page) as Resolve,
      });
      termViews.set(key, view);
    }
    return view;
  };
  const taxonomy = (name: string): Taxonomy => {
    let view = taxonomyViews.get(name);
    if (!view) {
      const record = snapshot.taxonomies.get(name);
      if (!record) throw new Error(`no taxonomy ${name} in the snapshot`);
      view = makeView<Taxonomy>(tracker, `x:${name}`, record, {
        page: page as Resolve,
        terms: list(term) as Resolve,
      });
      taxonomyViews.set(name, view);
    }
    return view;
  };
  const pageFields: Record<string, Resolve> = {
    section: section as Resolve,
    terms: ((terms: Readonly<Record<string, readonly string[]>>) =>
      Object.freeze(
        Object.fromEntries(Object.entries(terms).map(([name, keys]) => [name, list(term)(keys)])),
      )) as Resolve,
    prev: maybe(page) as Resolve,
    next: maybe(page) as Resolve,
    breadcrumbs: list(page) as Resolve,
    paginator:
      ((pager: PaginatorRecord | null): Paginator | null =>
        pager && Object.freeze({ ...pager, items: list(page)(pager.items) })) as Resolve,
    term: maybe(term) as Resolve,
    taxonomy: maybe(taxonomy) as Resolve,
  };

  const site = makeView<SiteInfo>(tracker, "site", snapshot.site, {
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
  });

  return { site, data: dataView(snapshot.data, tracker), page, section, term, taxonomy };
}

/**
 * A frozen object with one enumerable getter per field of `record`: the getter
 * logs `<prefix>#<field>` and returns the field resolved (references become views)
 * or frozen (plain data).
 */
function makeView<T>(
  tracker: ReadTracker,
  prefix: string,
  record: object,
  resolvers: Readonly<Record<string, Resolve>>,
): T {
  const view = {};
  const values = record as Record<string, unknown>;
  const descriptors: PropertyDescriptorMap = {};
  for (const field of Object.keys(values)) {
    const resolve = resolvers[field] as ((value: unknown) => unknown) | undefined;
    let key: string | undefined;
    let resolved = false;
    let value: unknown;
    descriptors[field] = {
      enumerable: true,
      get() {
        if (tracker.reads) tracker.reads.add(key ??= `${prefix}#${field}`);
        if (!resolved) {
          const raw = values[field];
          value = resolve ? resolve(raw) : freezePlainData(raw);
          resolved = true;
        }
        return value;
      },
    };
  }
  Object.defineProperties(view, descriptors);
  return Object.freeze(view) as T;
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
