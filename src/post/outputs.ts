/**
 * Post stage: the files made from the whole site rather than from one page —
 * sitemap, feeds, search index, robots.txt, theme assets and alias redirects.
 * Each is an output like a page: made from views of the snapshot, so what it read
 * is logged and the next build makes it again only when that changed. Runs on
 * the main thread; every output is sorted so it is byte-stable.
 *
 * @module
 */
import type { ResolvedConfig } from "../config/load_config.ts";
import type { Redirect } from "../snapshot/types.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import type { Page, SiteSnapshot } from "../snapshot/types.ts";
import type { SiteViews } from "../snapshot/views.ts";
import { atomFeed, type FeedItem, rssFeed } from "./feeds.ts";
import { redirectPage } from "./redirects.ts";
import { robotsTxt } from "./robots.ts";
import { htmlToText } from "../base/html_scan.ts";
import { searchIndex } from "./search_index.ts";
import { siteLinks } from "../snapshot/urls.ts";
import { sitemap } from "./sitemap.ts";
import { THEME_FILES } from "../theme/theme_assets.ts";

/**
 * A file the post stage writes: path relative to the output folder, and text.
 *
 * @example
 * ```ts
 * import type { GeneratedFile } from "./outputs.ts";
 * const f: GeneratedFile = { path: "robots.txt", content: "User-agent: *\n" };
 * ```
 */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * What a site-wide output is made from: views of the snapshot (which log reads)
 * and the page-local data that stays on the main thread, whose reads are logged
 * as `b:<url>`.
 *
 * @example
 * ```ts
 * import type { SiteSource } from "./outputs.ts";
 * declare const source: SiteSource;
 * for (const page of source.allPages()) console.log(page.url);
 * ```
 */
export interface SiteSource {
  readonly views: SiteViews;
  /** Every page record of the snapshot, in URL order (logs `p:*`, the set of pages). */
  allPages(): readonly Page[];
  /** A page's HTML body (logs `b:<url>`). */
  body(url: string): string;
  /** A page's plain text (logs `b:<url>`). */
  text(url: string): string;
  /**
   * `make()` once per build for `key`, shared by the outputs that ask: each of
   * them is logged as having read what `make` read (the RSS and Atom feeds of a
   * section list the same items).
   */
  memo<T>(key: string, make: () => T): T;
}

/**
 * One site-wide output: its path, whether it is worth remembering what it read
 * (the costly ones: sitemap, feeds, search index), and how to make it.
 *
 * @example
 * ```ts
 * import type { SiteOutput } from "./outputs.ts";
 * const robots: SiteOutput = { path: "robots.txt", tracked: false, make: () => "User-agent: *\n" };
 * ```
 */
export interface SiteOutput {
  readonly path: string;
  /** Made again only when a read changed; untracked outputs are cheap and always made. */
  readonly tracked: boolean;
  make(source: SiteSource): string;
}

/**
 * Lists every site-wide file of the site. `taken` says whether an output path is
 * already written by a page or a copied file: a user's own `robots.txt` wins over
 * floe's.
 *
 * @example
 * ```ts
 * import { siteOutputs } from "./outputs.ts";
 * declare const snapshot: import("../snapshot/types.ts").SiteSnapshot;
 * declare const config: import("../config/load_config.ts").ResolvedConfig;
 * const outputs = siteOutputs({ snapshot, redirects: [], config, taken: () => false });
 * ```
 */
export function siteOutputs(input: {
  readonly snapshot: DeepReadonly<SiteSnapshot> | SiteSnapshot;
  readonly redirects: readonly Redirect[];
  readonly config: DeepReadonly<ResolvedConfig>;
  readonly taken: (path: string) => boolean;
}): SiteOutput[] {
  const { snapshot, config } = input;
  const links = siteLinks(config.baseURL);
  const outputs: SiteOutput[] = [];

  if (config.sitemap) {
    outputs.push({
      path: "sitemap.xml",
      tracked: true,
      make: ({ allPages }) =>
        sitemap(
          allPages().filter((p) => p.listed && p.kind !== "404").map((p) => ({
            url: links.absolute(p.url),
            lastmod: p.lastmod ?? p.date,
          })),
        ),
    });
  }
  if (!input.taken("robots.txt")) {
    const content = robotsTxt(
      links.hasHost && config.sitemap ? links.absolute("/sitemap.xml") : null,
    );
    outputs.push({ path: "robots.txt", tracked: false, make: () => content });
  }
  for (const path of config.feeds ? snapshot.site.sections : []) {
    const base = (snapshot.sections.get(path)?.url ?? "/").replace(/^\/+/, "");
    for (const format of ["index.xml", "atom.xml"] as const) {
      outputs.push({
        path: `${base}${format}`,
        tracked: true,
        make: (source) => feedOf(source, path, format, config, links),
      });
    }
  }
  if (config.search) {
    outputs.push({
      path: "search-index.json",
      tracked: true,
      make: ({ views, text }) =>
        searchIndex(views.site.pages.map((p) => ({
          title: p.title,
          url: links.local(p.url),
          section: p.section.title,
          tags: (p.terms.tags ?? []).map((t) => t.name),
          summary: htmlToText(p.excerpt),
          text: text(p.url),
        }))),
    });
  }
  // The embedded theme's stylesheet and script, when the site uses its base layout.
  if (snapshot.layouts["_default/base.vto"]?.file.startsWith("(floe)/")) {
    for (const [path, content] of Object.entries(THEME_FILES)) {
      if (path.endsWith("search.js") && !config.search) continue;
      outputs.push({ path, tracked: false, make: () => content });
    }
  }
  for (const redirect of input.redirects) {
    const content = redirectPage(links.local(redirect.to), links.absolute(redirect.to));
    outputs.push({ path: redirect.outputPath, tracked: false, make: () => content });
  }
  return outputs;
}

/** A section's RSS or Atom feed: the pages of its whole subtree, newest first. */
function feedOf(
  { views, body, memo }: SiteSource,
  sectionPath: string,
  format: "index.xml" | "atom.xml",
  config: DeepReadonly<ResolvedConfig>,
  links: ReturnType<typeof siteLinks>,
): string {
  const { site } = views;
  const section = views.section(sectionPath);
  const full = config.feedContent === "full";
  const items = memo(`feed items of ${sectionPath}`, () =>
    site.pages
      .filter((p) =>
        !sectionPath || p.section.path === sectionPath ||
        p.section.path.startsWith(`${sectionPath}/`)
      )
      .slice(0, config.feedLimit)
      .map((p): FeedItem => ({
        title: p.title,
        url: links.absolute(p.url),
        date: p.date,
        updated: p.lastmod,
        summary: p.excerpt,
        content: full ? body(p.url) : p.excerpt,
        tags: (p.terms.tags ?? []).map((t) => t.name),
      })));
  const feed = {
    title: sectionPath ? `${section.title} · ${site.title}` : site.title,
    description: section.page.description || site.description,
    language: site.language,
    siteUrl: links.absolute(section.url),
    items,
    full,
    feedUrl: links.absolute(`${section.url}${format}`),
  };
  return format === "index.xml" ? rssFeed(feed) : atomFeed(feed);
}
