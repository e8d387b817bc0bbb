/**
 * Post stage: the files made from the whole site rather than from one page —
 * sitemap, feeds, search index, robots.txt and alias redirects. Runs on the main
 * thread after rendering; every output is sorted so it is byte-stable.
 *
 * @module
 */
import type { ResolvedConfig } from "../config/load_config.ts";
import type { PageExtras, Redirect } from "../snapshot/build_snapshot.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import type { Page, SiteSnapshot } from "../snapshot/types.ts";
import { atomFeed, type FeedItem, rssFeed } from "./feeds.ts";
import { redirectPage } from "./redirects.ts";
import { robotsTxt } from "./robots.ts";
import { htmlToText, searchIndex } from "./search_index.ts";
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
 * Makes every site-wide file. `taken` says whether an output path is already
 * written by a page or a copied file: a user's own `robots.txt` wins over floe's.
 *
 * @example
 * ```ts
 * import { siteFiles } from "./outputs.ts";
 * declare const snapshot: import("../snapshot/types.ts").SiteSnapshot;
 * declare const extras: import("../snapshot/build_snapshot.ts").PageExtras[];
 * declare const config: import("../config/load_config.ts").ResolvedConfig;
 * const files = siteFiles({ snapshot, extras, redirects: [], config, taken: () => false });
 * ```
 */
export function siteFiles(input: {
  readonly snapshot: DeepReadonly<SiteSnapshot>;
  readonly extras: readonly PageExtras[];
  readonly redirects: readonly Redirect[];
  readonly config: DeepReadonly<ResolvedConfig>;
  readonly taken: (path: string) => boolean;
}): GeneratedFile[] {
  const { snapshot, extras, config } = input;
  const links = siteLinks(config.baseURL);
  const files: GeneratedFile[] = [];
  const listed = snapshot.pages.filter((p) => extras[p.id].listed && p.kind !== "404");

  if (config.sitemap) {
    files.push({
      path: "sitemap.xml",
      content: sitemap(
        listed.map((p) => ({ url: links.absolute(p.url), lastmod: p.lastmod ?? p.date })),
      ),
    });
  }
  if (!input.taken("robots.txt")) {
    files.push({
      path: "robots.txt",
      content: robotsTxt(links.hasHost && config.sitemap ? links.absolute("/sitemap.xml") : null),
    });
  }

  const decoder = new TextDecoder();
  for (const section of config.feeds ? snapshot.site.sections : []) {
    // A section's feed has the pages of its whole subtree, newest first.
    const items = snapshot.site.pages
      .filter((p) =>
        !section.path || p.section.path === section.path ||
        p.section.path.startsWith(`${section.path}/`)
      )
      .slice(0, config.feedLimit)
      .map((p): FeedItem => ({
        title: p.title,
        url: links.absolute(p.url),
        date: p.date,
        updated: p.lastmod,
        summary: p.excerpt,
        content: config.feedContent === "full" ? decoder.decode(extras[p.id].body) : p.excerpt,
        tags: (p.terms.tags ?? []).map((t) => t.name),
      }));
    const base = section.url.replace(/^\/+/, "");
    const feed = {
      title: section.path ? `${section.title} · ${snapshot.site.title}` : snapshot.site.title,
      description: section.page.description || snapshot.site.description,
      language: snapshot.site.language,
      siteUrl: links.absolute(section.url),
      items,
      full: config.feedContent === "full",
    };
    files.push({
      path: `${base}index.xml`,
      content: rssFeed({ ...feed, feedUrl: links.absolute(`${section.url}index.xml`) }),
    });
    files.push({
      path: `${base}atom.xml`,
      content: atomFeed({ ...feed, feedUrl: links.absolute(`${section.url}atom.xml`) }),
    });
  }

  if (config.search) {
    files.push({
      path: "search-index.json",
      content: searchIndex(snapshot.site.pages.map((p: DeepReadonly<Page>) => ({
        title: p.title,
        url: links.local(p.url),
        section: p.section.title,
        tags: (p.terms.tags ?? []).map((t) => t.name),
        summary: htmlToText(p.excerpt),
        text: extras[p.id].text,
      }))),
    });
  }

  // The embedded theme's stylesheet and script, when the site uses its base layout.
  if (snapshot.layouts["_default/base.vto"]?.file.startsWith("(floe)/")) {
    for (const [path, content] of Object.entries(THEME_FILES)) {
      if (path.endsWith("search.js") && !config.search) continue;
      files.push({ path, content });
    }
  }

  for (const redirect of input.redirects) {
    files.push({
      path: redirect.outputPath,
      content: redirectPage(links.local(redirect.to), links.absolute(redirect.to)),
    });
  }
  return files;
}
