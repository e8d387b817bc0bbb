/**
 * What templates see, and the records it is made from.
 *
 * A `SiteSnapshot` is a set of flat tables: pages keyed by URL, sections by
 * folder, terms by `taxonomy/slug`. Records refer to each other by key, never by
 * object reference, so posting the snapshot to a worker costs the same for any
 * section size (a `prev`/`next` object chain made V8's serializer recurse once per
 * page), a record can be replaced without touching its neighbours, and two builds'
 * tables can be compared record by record, field by field.
 *
 * Templates never see records: they see views (`Page`, `Section`, … below, made by
 * `views.ts`) that resolve keys on access and record what was read.
 *
 * @module
 */

/**
 * What a page is: the home page, a section's list page, a regular page, a
 * taxonomy's list of terms (`/tags/`), a term's list of pages (`/tags/deno/`), or
 * the not-found page.
 *
 * @example
 * ```ts
 * import type { PageKind } from "./types.ts";
 * const kind: PageKind = "section";
 * ```
 */
export type PageKind = "home" | "section" | "page" | "taxonomy" | "term" | "404";

/**
 * One page of the site, as templates see it (`page`, and the items of
 * `section.pages`, `site.pages`, `term.pages`). Holds no body and no table of
 * contents: those travel separately, to the one worker that renders the page.
 *
 * @example
 * ```ts
 * import type { Page } from "./types.ts";
 * declare const page: Page;
 * console.log(page.title, page.url, page.section.title);
 * ```
 */
export interface Page {
  /** What the page is. */
  readonly kind: PageKind;
  /** Source file relative to the site folder; `null` for generated pages. */
  readonly file: string | null;
  /** Site-relative URL, e.g. `/docs/install/`. */
  readonly url: string;
  /** Output file relative to the output folder, e.g. `docs/install/index.html`. */
  readonly outputPath: string;
  /** From front matter; else from the file or folder name. */
  readonly title: string;
  /** From front matter, or `""`. */
  readonly description: string;
  /** `YYYY-MM-DD` or an ISO 8601 UTC date-time, or `null`. */
  readonly date: string | null;
  /** From front matter; else `date`. */
  readonly lastmod: string | null;
  /** From front matter: the page is not built before this date (unless `--future`). */
  readonly publishDate: string | null;
  /** From front matter: the page is not built after this date (unless `--expired`). */
  readonly expiryDate: string | null;
  /** Sort weight; 0 means unweighted (sorted after weighted pages). */
  readonly weight: number;
  /** `true` only when drafts are built (`--drafts`). */
  readonly draft: boolean;
  /** The whole front matter, cascade applied, for custom keys (`page.params.author`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** HTML of the summary: the part before `<!--more-->`, or the first paragraph. */
  readonly excerpt: string;
  /** Words of the body text. */
  readonly wordCount: number;
  /** The section the page belongs to; for list pages, their own section. */
  readonly section: Section;
  /** Layout chain, innermost first, e.g. `["_default/page.vto", "_default/base.vto"]`. */
  readonly layouts: readonly string[];
  /** The page's terms by taxonomy: `page.terms.tags` (regular pages only). */
  readonly terms: Readonly<Record<string, readonly Term[]>>;
  /** The previous page in the section's order, or `null`. */
  readonly prev: Page | null;
  /** The next page in the section's order, or `null`. */
  readonly next: Page | null;
  /** List pages from the home down to (not including) this page. */
  readonly breadcrumbs: readonly Page[];
  /** For list pages (home, section, term): this page's slice of the listing. */
  readonly paginator: Paginator | null;
  /** For term pages: the term. */
  readonly term: Term | null;
  /** For taxonomy list pages (and term pages): the taxonomy. */
  readonly taxonomy: Taxonomy | null;
  /** Site-relative URLs that redirect here (front matter `aliases`). */
  readonly aliases: readonly string[];
  /**
   * In listings, menus and the sitemap: `false` for pages 2…n of a listing, and for
   * pages whose front matter says `build: { list: false }` or `build: { render: false }`.
   */
  readonly listed: boolean;
  /**
   * Has an output file: `false` when its front matter says `build: { render: false }`
   * (a headless page, whose fields other pages' templates may still show).
   */
  readonly rendered: boolean;
}

/**
 * A folder of content: the home (path `""`), a top-level folder, or a nested
 * folder with an `_index.md`.
 *
 * @example
 * ```ts
 * import type { Section } from "./types.ts";
 * declare const section: Section;
 * for (const page of section.pages) console.log(page.title);
 * ```
 */
export interface Section {
  /** Folder under `content/`, e.g. `docs/guides`; `""` for the home. */
  readonly path: string;
  /** Site-relative URL of the list page. */
  readonly url: string;
  /** Title of the list page. */
  readonly title: string;
  /** The section's own list page (the first page of its listing). */
  readonly page: Page;
  /** The enclosing section; `null` for the home. */
  readonly parent: Section | null;
  /** Child sections, sorted like pages. */
  readonly sections: readonly Section[];
  /**
   * Regular pages directly in this section: weight, then newest date, then title.
   * Not those with `build: { list: false }` (nor `render: false` without `list: true`).
   */
  readonly pages: readonly Page[];
}

/**
 * A value of a taxonomy, e.g. the tag `deno`, with its pages.
 *
 * @example
 * ```ts
 * import type { Term } from "./types.ts";
 * declare const term: Term;
 * console.log(`${term.name}: ${term.pages.length} pages at ${term.url}`);
 * ```
 */
export interface Term {
  /** As written in front matter (the first spelling, if several differ only in case). */
  readonly name: string;
  /** URL segment: stable, unique within the taxonomy. */
  readonly slug: string;
  /** Site-relative URL of the term's page. */
  readonly url: string;
  /** The taxonomy's key, e.g. `tags`. */
  readonly taxonomy: string;
  /** The term's list page (the first page of its listing). */
  readonly page: Page;
  /** Listed pages with the term (see `Page.listed`), newest first. */
  readonly pages: readonly Page[];
}

/**
 * A taxonomy, e.g. `tags`, with its terms.
 *
 * @example
 * ```ts
 * import type { Taxonomy } from "./types.ts";
 * declare const tags: Taxonomy;
 * for (const term of tags.terms) console.log(term.name);
 * ```
 */
export interface Taxonomy {
  /** The front matter key, e.g. `tags`. */
  readonly name: string;
  /** Display title, e.g. `Tags`. */
  readonly title: string;
  /** Site-relative URL of the list of terms. */
  readonly url: string;
  /** The list-of-terms page. */
  readonly page: Page;
  /** Terms sorted by name. */
  readonly terms: readonly Term[];
}

/**
 * A link to one page of a paginated listing.
 *
 * @example
 * ```ts
 * import type { PagerLink } from "./types.ts";
 * const link: PagerLink = { number: 2, url: "/blog/page/2/" };
 * ```
 */
export interface PagerLink {
  /** 1-based page number. */
  readonly number: number;
  /** Site-relative URL. */
  readonly url: string;
}

/**
 * One page of a paginated listing (sections, the home, terms).
 *
 * @example
 * ```ts
 * import type { Paginator } from "./types.ts";
 * declare const pager: Paginator;
 * console.log(`page ${pager.number} of ${pager.total}`);
 * ```
 */
export interface Paginator {
  /** This page's items. */
  readonly items: readonly Page[];
  /** 1-based number of this page. */
  readonly number: number;
  /** Number of pages in the listing (at least 1). */
  readonly total: number;
  /** Items per page. */
  readonly size: number;
  /** Items in the whole listing. */
  readonly totalItems: number;
  /** The first page. */
  readonly first: PagerLink;
  /** The last page. */
  readonly last: PagerLink;
  /** The previous page, or `null` on the first. */
  readonly prev: PagerLink | null;
  /** The next page, or `null` on the last. */
  readonly next: PagerLink | null;
  /** Every page of the listing, for page-number links. */
  readonly numbers: readonly PagerLink[];
}

/**
 * An entry of a menu: from the config's `menus` or a page's `menu` front matter.
 *
 * @example
 * ```ts
 * import type { MenuEntry } from "./types.ts";
 * declare const entry: MenuEntry;
 * console.log(entry.name, entry.url);
 * ```
 */
export interface MenuEntry {
  /** The link text. */
  readonly name: string;
  /** Site-relative or absolute URL. */
  readonly url: string;
  /** Sort weight (0 = after weighted entries). */
  readonly weight: number;
  /** The page, for entries declared in front matter. */
  readonly page: Page | null;
}

export type { Layout } from "../parse/layouts.ts";
import type { Layout } from "../parse/layouts.ts";

/**
 * Site-wide values: `site` in templates.
 *
 * @example
 * ```ts
 * import type { SiteInfo } from "./types.ts";
 * declare const site: SiteInfo;
 * console.log(site.title, site.pages.length);
 * ```
 */
export interface SiteInfo {
  /** The site title from the config. */
  readonly title: string;
  /** The site description from the config. */
  readonly description: string;
  /** The base URL from the config, ending in `/`. */
  readonly baseURL: string;
  /** Language code from the config. */
  readonly language: string;
  /** Free-form `params` from the config. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The home page. */
  readonly home: Page;
  /** Every listed regular page (see `Page.listed`), newest first. */
  readonly pages: readonly Page[];
  /** Every section, by path. */
  readonly sections: readonly Section[];
  /** Taxonomies by key: `site.taxonomies.tags`. */
  readonly taxonomies: Readonly<Record<string, Taxonomy>>;
  /** Menus by name, entries sorted by weight then name: `site.menus.main`. */
  readonly menus: Readonly<Record<string, readonly MenuEntry[]>>;
  /** Site-relative URL of the search index, or `null` when search is off. */
  readonly searchIndex: string | null;
  /** Whether RSS/Atom feeds are written (`index.xml`, `atom.xml` in each section). */
  readonly feeds: boolean;
}

/**
 * A page as stored in the snapshot: `Page` with every reference replaced by the
 * referenced record's key (a URL, a section path, a term key `taxonomy/slug`).
 *
 * @example
 * ```ts
 * import type { PageRecord } from "./types.ts";
 * declare const record: PageRecord;
 * console.log(record.section, record.prev); // "docs", "/docs/install/"
 * ```
 */
export interface PageRecord extends
  Omit<
    Page,
    "section" | "terms" | "prev" | "next" | "breadcrumbs" | "paginator" | "term" | "taxonomy"
  > {
  /** Path of the page's section. */
  readonly section: string;
  /** Term keys (`tags/deno`) by taxonomy. */
  readonly terms: Readonly<Record<string, readonly string[]>>;
  /** URL of the previous page in the section's order, or `null`. */
  readonly prev: string | null;
  /** URL of the next page in the section's order, or `null`. */
  readonly next: string | null;
  /** URLs of the list pages from the home down. */
  readonly breadcrumbs: readonly string[];
  /** For list pages: this page's slice of the listing. */
  readonly paginator: PaginatorRecord | null;
  /** For term pages: the term's key. */
  readonly term: string | null;
  /** For taxonomy and term pages: the taxonomy's name. */
  readonly taxonomy: string | null;
}

/**
 * `Paginator` with its items as page URLs.
 *
 * @example
 * ```ts
 * import type { PaginatorRecord } from "./types.ts";
 * declare const pager: PaginatorRecord;
 * console.log(pager.items); // ["/blog/a/", "/blog/b/"]
 * ```
 */
export interface PaginatorRecord extends Omit<Paginator, "items"> {
  /** URLs of this page's items. */
  readonly items: readonly string[];
}

/**
 * `Section` with page URLs and section paths instead of objects.
 *
 * @example
 * ```ts
 * import type { SectionRecord } from "./types.ts";
 * declare const s: SectionRecord;
 * console.log(s.pages.length, s.parent);
 * ```
 */
export interface SectionRecord extends Omit<Section, "page" | "parent" | "sections" | "pages"> {
  /** URL of the section's list page. */
  readonly page: string;
  /** Path of the enclosing section; `null` for the home. */
  readonly parent: string | null;
  /** Paths of the child sections, sorted like pages. */
  readonly sections: readonly string[];
  /** URLs of the regular pages directly in this section, in listing order. */
  readonly pages: readonly string[];
}

/**
 * `Term` with page URLs; its own key is `taxonomy/slug`.
 *
 * @example
 * ```ts
 * import type { TermRecord } from "./types.ts";
 * declare const t: TermRecord;
 * console.log(`${t.taxonomy}/${t.slug}`, t.pages.length);
 * ```
 */
export interface TermRecord extends Omit<Term, "page" | "pages"> {
  /** URL of the term's list page. */
  readonly page: string;
  /** URLs of the pages with the term, newest first. */
  readonly pages: readonly string[];
}

/**
 * `Taxonomy` with its list page's URL and its terms' keys.
 *
 * @example
 * ```ts
 * import type { TaxonomyRecord } from "./types.ts";
 * declare const t: TaxonomyRecord;
 * console.log(t.terms); // ["tags/deno", "tags/web"]
 * ```
 */
export interface TaxonomyRecord extends Omit<Taxonomy, "page" | "terms"> {
  /** URL of the list-of-terms page. */
  readonly page: string;
  /** Keys of the terms, sorted by name. */
  readonly terms: readonly string[];
}

/**
 * `MenuEntry` with its page's URL.
 *
 * @example
 * ```ts
 * import type { MenuEntryRecord } from "./types.ts";
 * const e: MenuEntryRecord = { name: "Docs", url: "/docs/", weight: 1, page: "/docs/" };
 * ```
 */
export interface MenuEntryRecord extends Omit<MenuEntry, "page"> {
  /** URL of the page, for entries declared in front matter. */
  readonly page: string | null;
}

/**
 * `SiteInfo` with keys instead of objects.
 *
 * @example
 * ```ts
 * import type { SiteRecord } from "./types.ts";
 * declare const site: SiteRecord;
 * console.log(site.home, site.pages.length);
 * ```
 */
export interface SiteRecord
  extends Omit<SiteInfo, "home" | "pages" | "sections" | "taxonomies" | "menus"> {
  /** URL of the home page. */
  readonly home: string;
  /** URLs of every regular page, newest first. */
  readonly pages: readonly string[];
  /** Paths of every section. */
  readonly sections: readonly string[];
  /** Names of the taxonomies. */
  readonly taxonomies: readonly string[];
  /** Menus by name, entries sorted by weight then name. */
  readonly menus: Readonly<Record<string, readonly MenuEntryRecord[]>>;
}

/**
 * Everything the render stage needs except page bodies: flat tables of records
 * keyed by stable keys, deep-frozen on the main thread.
 *
 * @example
 * ```ts
 * import type { SiteSnapshot } from "./types.ts";
 * declare const snapshot: SiteSnapshot;
 * console.log(snapshot.pages.size, snapshot.pages.get("/")?.title);
 * ```
 */
export interface SiteSnapshot {
  /** Site-wide values. */
  readonly site: SiteRecord;
  /** Every page to render (including each page of paginated listings), by URL. */
  readonly pages: ReadonlyMap<string, PageRecord>;
  /** Sections by folder path (`""` for the home). */
  readonly sections: ReadonlyMap<string, SectionRecord>;
  /** Terms by `taxonomy/slug`. */
  readonly terms: ReadonlyMap<string, TermRecord>;
  /** Taxonomies by name. */
  readonly taxonomies: ReadonlyMap<string, TaxonomyRecord>;
  /** `data/` files by name: `data/authors.yaml` → `data.authors`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Every layout by name, the user's and floe's defaults. */
  readonly layouts: Readonly<Record<string, Layout>>;
}

/**
 * A file copied as is into the output: a `static/` file or a content asset.
 *
 * @example
 * ```ts
 * import type { CopyJob } from "./types.ts";
 * const job: CopyJob = { from: "/site/static/logo.svg", to: "logo.svg", source: "static/logo.svg" };
 * ```
 */
export interface CopyJob {
  /** Absolute source path. */
  readonly from: string;
  /** Path relative to the output folder. */
  readonly to: string;
  /** Source path relative to the site, for diagnostics. */
  readonly source: string;
}

/**
 * A redirect page to write for a front matter alias.
 *
 * @example
 * ```ts
 * import type { Redirect } from "./types.ts";
 * const r: Redirect = { from: "/old/", outputPath: "old/index.html", to: "/new/" };
 * ```
 */
export interface Redirect {
  /** The old site-relative URL. */
  readonly from: string;
  /** Output file of the redirect page. */
  readonly outputPath: string;
  /** Site-relative URL of the page it points to. */
  readonly to: string;
}
