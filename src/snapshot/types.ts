/**
 * The records of a `SiteSnapshot`: what every template and every worker sees.
 * Built once on the main thread, deep-frozen, posted to the render workers (which
 * freeze their copy again). Pages, sections, terms and menus reference each other;
 * structured clone keeps those references, so the graph is posted once, not per page.
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
  /** Index in `SiteSnapshot.pages` (pages sorted by URL). */
  readonly id: number;
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
  /** Index in `SiteInfo.sections`. */
  readonly id: number;
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
  /** Regular pages directly in this section: weight, then newest date, then title. */
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
  /** Pages with the term, newest first. */
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

/**
 * A Vento layout, parsed on the main thread so chains are checked before render.
 *
 * @example
 * ```ts
 * import type { Layout } from "./types.ts";
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
  /** Every regular page, newest first. */
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
 * Everything the render stage needs except page bodies, deep-frozen.
 *
 * @example
 * ```ts
 * import type { SiteSnapshot } from "./types.ts";
 * declare const snapshot: SiteSnapshot;
 * console.log(snapshot.pages.length, Object.keys(snapshot.data));
 * ```
 */
export interface SiteSnapshot {
  /** Site-wide values, `site` in templates. */
  readonly site: SiteInfo;
  /** Every page to render (including each page of paginated listings), by id. */
  readonly pages: readonly Page[];
  /** `data/` files by name: `data/authors.yaml` → `data.authors`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Every layout by name, the user's and floe's defaults. */
  readonly layouts: Readonly<Record<string, Layout>>;
  /** Page ids in render order: most expensive first, so big pages don't end last. */
  readonly schedule: readonly number[];
}
