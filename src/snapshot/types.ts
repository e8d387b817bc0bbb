/**
 * The records of a `SiteSnapshot`: what every template and every worker sees.
 * Built once on the main thread, deep-frozen, posted to the render workers (which
 * freeze their copy again). Pages and sections reference each other; structured
 * clone keeps those references, so the graph is posted once, not per page.
 *
 * @module
 */

/**
 * What a page is: the home page, a section's list page, or a regular page.
 *
 * @example
 * ```ts
 * import type { PageKind } from "./types.ts";
 * const kind: PageKind = "section";
 * ```
 */
export type PageKind = "home" | "section" | "page";

/**
 * One page of the site, as templates see it (`page`, and the items of
 * `section.pages` and `site.pages`). Holds no body: the body travels separately,
 * to the one worker that renders the page.
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
  /** Home, section list page or regular page. */
  readonly kind: PageKind;
  /** Source file relative to the site folder; `null` for generated list pages. */
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
  /** Sort weight; 0 means unweighted (sorted after weighted pages). */
  readonly weight: number;
  /** `true` only when drafts are built (`--drafts`). */
  readonly draft: boolean;
  /** The whole front matter, for custom keys (`page.params.author`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** HTML of the summary: the part before `<!--more-->`, or the first paragraph. */
  readonly excerpt: string;
  /** Words of the body text. */
  readonly wordCount: number;
  /** The section the page belongs to; for list pages, their own section. */
  readonly section: Section;
  /** Layout chain, innermost first, e.g. `["_default/page.vto", "_default/base.vto"]`. */
  readonly layouts: readonly string[];
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
  /** The section's own list page. */
  readonly page: Page;
  /** The enclosing section; `null` for the home. */
  readonly parent: Section | null;
  /** Child sections, sorted like pages. */
  readonly sections: readonly Section[];
  /** Regular pages directly in this section: weight, then newest date, then title. */
  readonly pages: readonly Page[];
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
  /** Every page to render (home, list pages, regular pages), by id. */
  readonly pages: readonly Page[];
  /** `data/` files by name: `data/authors.yaml` → `data.authors`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Every layout by name, the user's and floe's defaults. */
  readonly layouts: Readonly<Record<string, Layout>>;
  /** Page ids in render order: most expensive first, so big pages don't end last. */
  readonly schedule: readonly number[];
}
