/**
 * The shape of a floe configuration, its defaults, and `defineConfig`.
 *
 * @module
 */
import type { Plugin } from "./plugin.ts";

/**
 * Options passed to markdown-it.
 *
 * @example
 * ```ts
 * import type { MarkdownOptions } from "./config.ts";
 * const md: MarkdownOptions = { html: true, typographer: true, linkify: false, breaks: false };
 * ```
 */
export interface MarkdownOptions {
  /** Allow raw HTML in Markdown. Default `true`. */
  readonly html: boolean;
  /** Smart quotes and dashes. Default `false`. */
  readonly typographer: boolean;
  /** Turn bare URLs into links. Default `false`. */
  readonly linkify: boolean;
  /** Turn single newlines into `<br>`. Default `false`. */
  readonly breaks: boolean;
  /** Highlight fenced code at build time with highlight.js; unknown languages stay plain. Default `true`. */
  readonly highlight?: boolean;
  /** A `#` permalink (`a.heading-anchor`) inside every h2–h6. Default `true`. */
  readonly anchors?: boolean;
  /** Footnotes: `[^1]` references and `[^1]: …` definitions. Default `true`. */
  readonly footnotes?: boolean;
  /** Task lists (`- [ ]`, `- [x]`) rendered with disabled checkboxes. Default `true`. */
  readonly taskLists?: boolean;
  /** Definition lists (`Term` then `: definition`). Default `true`. */
  readonly definitionLists?: boolean;
  /** Callouts: `::: note [title]` … `:::` containers and `> [!NOTE]` GitHub alerts. Default `true`. */
  readonly callouts?: boolean;
  /** Attributes in braces: `## Install {#setup .wide}` (ids, classes, `data-*`). Default `true`. */
  readonly attributes?: boolean;
  /**
   * How heading ids are made from heading text. `"github"` (default) is GitHub's and
   * Hugo's: lower case, punctuation dropped, each space a hyphen (`Animals & Nature` →
   * `animals--nature`). `"compact"` collapses every run of other characters into one
   * hyphen (`animals-nature`).
   */
  readonly headingIds?: "github" | "compact";
  /**
   * More code fence languages: a name mapped to a highlight.js language it is an alias
   * of (`{ vue: "xml" }`), or to a module (a path relative to the site folder, or a URL)
   * whose default export is a highlight.js language definition
   * (`{ gleam: "./grammars/gleam.js" }`).
   */
  readonly languages?: Readonly<Record<string, string>>;
  /**
   * Components in Markdown: `{{< name key="value" >}}…{{< /name >}}` renders the
   * layout `components/name.vto` with those values and the Markdown between as
   * `content`. Off by default (the syntax stays literal text); a page can turn it
   * on or off for itself with `components: true|false` in its front matter.
   */
  readonly components?: boolean;
}

/**
 * How page URLs are made.
 *
 * @example
 * ```ts
 * import type { UrlOptions } from "./config.ts";
 * const urls: UrlOptions = { lowercase: true };
 * ```
 */
export interface UrlOptions {
  /** Lower-case every page URL made from a file name (`Format.md` → `/format/`). Default `false`. */
  readonly lowercase: boolean;
}

/**
 * A Vento filter: a function of the piped value and the filter's arguments.
 *
 * @example
 * ```ts
 * import type { Filter } from "./config.ts";
 * const shout: Filter = (value) => String(value).toUpperCase();
 * ```
 */
// deno-lint-ignore no-explicit-any
export type Filter = (value: any, ...args: any[]) => unknown;

/**
 * A menu item declared in the config (pages join menus with `menu:` in front matter).
 *
 * @example
 * ```ts
 * import type { MenuItemConfig } from "./config.ts";
 * const item: MenuItemConfig = { name: "GitHub", url: "https://github.com/", weight: 90 };
 * ```
 */
export interface MenuItemConfig {
  /** The link text. */
  readonly name: string;
  /** Site-relative (`/blog/`) or absolute URL. */
  readonly url: string;
  /** Order in the menu: lower first; 0 (default) after weighted items. */
  readonly weight?: number;
}

/**
 * A complete configuration, every field set. What `floe.config.ts` gives is merged
 * over {@link DEFAULT_CONFIG}, and CLI flags over that.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG, type FloeConfig } from "./config.ts";
 * const config: FloeConfig = { ...DEFAULT_CONFIG, title: "My site" };
 * ```
 */
export interface FloeConfig {
  /** The site's title, `site.title` in templates. */
  readonly title: string;
  /** The site's description, `site.description` in templates. */
  readonly description: string;
  /** The public URL the site is served from, e.g. `https://example.org/docs/`. */
  readonly baseURL: string;
  /** Language code for `<html lang>`. */
  readonly language: string;
  /** Folders, relative to the site folder. */
  readonly contentDir: string;
  /** Where layouts are. Default `layouts`. */
  readonly layoutsDir: string;
  /** Copied as is. Default `static`. */
  readonly staticDir: string;
  /** YAML/JSON/TOML files for `data`. Default `data`. */
  readonly dataDir: string;
  /** Where the site is written, relative to the site folder. Default `_site`. */
  readonly outputDir: string;
  /** Build pages with `draft: true`. Default `false`. */
  readonly drafts: boolean;
  /** Build pages whose `date` or `publishDate` is in the future. Default `false`. */
  readonly future: boolean;
  /** Build pages whose `expiryDate` has passed. Default `false`. */
  readonly expired: boolean;
  /**
   * Front matter keys that group pages into taxonomies, each with a list page
   * (`/tags/`) and a page per term (`/tags/deno/`). Default `["tags"]`.
   */
  readonly taxonomies: readonly string[];
  /** Pages per page of a section or term listing; `0` turns pagination off. Default `10`. */
  readonly paginate: number;
  /** Menus by name, e.g. `{ main: [{ name: "Blog", url: "/blog/", weight: 1 }] }`. */
  readonly menus: Readonly<Record<string, readonly MenuItemConfig[]>>;
  /** Items per RSS/Atom feed. Default `20`. */
  readonly feedLimit: number;
  /** What feed items carry: the page's `"summary"` (default) or its `"full"` body. */
  readonly feedContent: "summary" | "full";
  /** Write `search-index.json` for client-side search. Default `true`. */
  readonly search: boolean;
  /** Write RSS (`index.xml`) and Atom (`atom.xml`) feeds for the home and each section. Default `true`. */
  readonly feeds: boolean;
  /** Write `sitemap.xml`. Default `true`. */
  readonly sitemap: boolean;
  /** Check every internal link after the build. Default `true`. */
  readonly checkLinks: boolean;
  /**
   * Warnings that mean a broken site fail the build: broken internal links, a
   * `layout:` that does not exist, an alias two pages claim. Default `false`.
   */
  readonly strict: boolean;
  /**
   * Files and folders in `content/` that are not part of the site: glob patterns
   * relative to the content folder (`"**\/*.vue"`, `"snippets/"`), added to the
   * defaults (dotfiles and dot-folders, editor backups and swap files, `node_modules`).
   */
  readonly ignore: readonly string[];
  /** How page URLs are made. */
  readonly urls: UrlOptions;
  /**
   * Number of worker threads per pool. `0` (default) picks one per 2,000 pages, at
   * most one per core: below that, starting and warming up another worker costs more
   * than it saves.
   */
  readonly workers: number;
  /**
   * Seconds one page may take to render (or to parse) before floe stops its
   * worker and reports the page (`render-timeout`, `parse-timeout`): a filter,
   * template or plugin loop that never ends. Default 60.
   */
  readonly renderTimeLimit: number;
  /** markdown-it options. */
  readonly markdown: MarkdownOptions;
  /** Free-form values for templates, `site.params`. */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * Extra Vento filters. They run inside render workers: each worker imports the
   * config file itself, so keep filters free of module-level mutable state.
   */
  readonly filters: Readonly<Record<string, Filter>>;
  /**
   * Plugins, each made by a function of its options: `[feeds({ taxonomy:
   * "categories" }), myPlugin()]`. Every thread imports the config and runs them
   * (see {@link Plugin}); a plugin named like one of floe's own (`sitemap`,
   * `feeds`, `searchIndex`, `robots`, `redirects`) replaces it.
   */
  readonly plugins: readonly Plugin[];
}

/**
 * What a user writes: any subset of {@link FloeConfig}.
 *
 * @example
 * ```ts
 * import type { UserConfig } from "./config.ts";
 * const config: UserConfig = { title: "Notes", markdown: { typographer: true } };
 * ```
 */
export type UserConfig =
  & Partial<Omit<FloeConfig, "markdown" | "urls">>
  & { readonly markdown?: Partial<MarkdownOptions>; readonly urls?: Partial<UrlOptions> };

/**
 * The defaults every configuration starts from.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "./config.ts";
 * console.log(DEFAULT_CONFIG.outputDir); // "_site"
 * ```
 */
export const DEFAULT_CONFIG: FloeConfig = Object.freeze({
  title: "My floe site",
  description: "",
  baseURL: "/",
  language: "en",
  contentDir: "content",
  layoutsDir: "layouts",
  staticDir: "static",
  dataDir: "data",
  outputDir: "_site",
  drafts: false,
  future: false,
  expired: false,
  taxonomies: Object.freeze(["tags"]),
  paginate: 10,
  menus: Object.freeze({}),
  feedLimit: 20,
  feedContent: "summary",
  search: true,
  feeds: true,
  sitemap: true,
  checkLinks: true,
  strict: false,
  ignore: Object.freeze([]),
  urls: Object.freeze({ lowercase: false }),
  workers: 0,
  renderTimeLimit: 60,
  markdown: Object.freeze({
    html: true,
    typographer: false,
    linkify: false,
    breaks: false,
    highlight: true,
    anchors: true,
    footnotes: true,
    taskLists: true,
    headingIds: "github",
    languages: Object.freeze({}),
    components: false,
  }),
  params: Object.freeze({}),
  filters: Object.freeze({}),
  plugins: Object.freeze([]),
});

/**
 * Types a `floe.config.ts` default export; returns its argument unchanged.
 *
 * @example
 * ```ts
 * import { defineConfig } from "./config.ts";
 * export default defineConfig({ title: "My site", baseURL: "https://example.org/" });
 * ```
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
