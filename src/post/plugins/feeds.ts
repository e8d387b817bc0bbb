/**
 * The feeds plugin: an RSS (`index.xml`) and an Atom (`atom.xml`) feed for the
 * home page and every section, and for each term of a taxonomy: the newest
 * pages of the subtree or term. Items are labelled with the terms of one
 * taxonomy. On by default for sections (`feeds: false` turns that off).
 *
 * @module
 */
import type { DeepReadonly } from "../../base/deep_freeze.ts";
import type { OutputContext, Plugin, PluginOutput } from "../../config/plugin.ts";
import type { Page } from "../../snapshot/types.ts";
import { atomFeed, type FeedItem, rssFeed } from "../feeds.ts";
import type { SiteSource } from "../outputs.ts";

/**
 * How the feeds are made.
 *
 * @example
 * ```ts
 * import type { FeedsOptions } from "./feeds.ts";
 * const options: FeedsOptions = { taxonomy: "categories", limit: 50, content: "full" };
 * ```
 */
export interface FeedsOptions {
  /**
   * The taxonomy whose terms label each item (`<category>`), and whose terms get
   * feeds of their own when `terms` is on. Default `"tags"`.
   */
  readonly taxonomy?: string;
  /** A feed for each term of `taxonomy`, at the term page's URL. Default `true`. */
  readonly terms?: boolean;
  /** A feed for the home page and each section. Default `true`. */
  readonly sections?: boolean;
  /** Items per feed. Default: the config's `feedLimit` (20). */
  readonly limit?: number;
  /** Each item's content: the summary or the full page. Default: the config's `feedContent`. */
  readonly content?: "summary" | "full";
}

/**
 * Writes RSS and Atom feeds for sections and for a taxonomy's terms.
 *
 * @example
 * ```ts
 * import { feeds } from "./feeds.ts";
 * export default { plugins: [feeds({ taxonomy: "categories" })] };
 * ```
 */
export function feeds(options: FeedsOptions = {}): Plugin {
  const taxonomy = options.taxonomy ?? "tags";
  return function feeds(site) {
    site.outputs((context) => {
      const { snapshot } = context;
      const lists: FeedList[] = [];
      for (const path of options.sections === false ? [] : snapshot.site.sections) {
        lists.push({ kind: "section", key: path, url: snapshot.sections.get(path)?.url ?? "/" });
      }
      for (const [key, term] of options.terms === false ? [] : snapshot.terms) {
        if (term.taxonomy === taxonomy) lists.push({ kind: "term", key, url: term.url });
      }
      return lists.flatMap((list) =>
        (["index.xml", "atom.xml"] as const).map((format): PluginOutput => ({
          path: `${list.url.replace(/^\/+/, "")}${format}`,
          make: (source) => feedOf(source, list, format, context, options, taxonomy),
        }))
      );
    });
  };
}

/** A listing with a feed: a section (by path) or a term (by key). */
interface FeedList {
  readonly kind: "section" | "term";
  readonly key: string;
  readonly url: string;
}

/** A listing's RSS or Atom feed: its newest pages first. */
function feedOf(
  { views, body, memo }: SiteSource,
  list: FeedList,
  format: "index.xml" | "atom.xml",
  { config, links }: OutputContext,
  options: FeedsOptions,
  taxonomy: string,
): string {
  const { site } = views;
  const full = (options.content ?? config.feedContent) === "full";
  const limit = options.limit ?? config.feedLimit;
  // The RSS and Atom feeds of a listing share their items (and their reads).
  const items = memo(
    `feed items of ${list.kind} ${list.key}`,
    () =>
      pagesOf(views, memo, list).slice(0, limit).map((p): FeedItem => ({
        title: p.title,
        url: links.absolute(p.url),
        date: p.date,
        updated: p.lastmod,
        summary: p.excerpt,
        content: full ? body(p.url) : p.excerpt,
        tags: (p.terms[taxonomy] ?? []).map((t) => t.name),
      })),
  );
  const head = list.kind === "section"
    ? headOfSection(views, list.key)
    : { title: `${views.term(list.key).name} · ${site.title}`, description: site.description };
  const feed = {
    ...head,
    language: site.language,
    siteUrl: links.absolute(list.url),
    items,
    full,
    feedUrl: links.absolute(`${list.url}${format}`),
  };
  return format === "index.xml" ? rssFeed(feed) : atomFeed(feed);
}

function pagesOf(
  views: SiteSource["views"],
  memo: SiteSource["memo"],
  list: FeedList,
): readonly DeepReadonly<Page>[] {
  if (list.kind === "term") return views.term(list.key).pages;
  const path = list.key;
  const { pages } = views.site;
  // Every section's feed filters every page by its section: the sections' paths are
  // read once for all of them (at 100,000 pages in 40 sections, 8 million reads).
  const sections = memo("section paths of listed pages", () => pages.map((p) => p.section.path));
  return pages.filter((_, i) =>
    !path || sections[i] === path || sections[i].startsWith(`${path}/`)
  );
}

function headOfSection(
  views: SiteSource["views"],
  path: string,
): { title: string; description: string } {
  const { site } = views;
  const section = views.section(path);
  return {
    title: path ? `${section.title} · ${site.title}` : site.title,
    description: section.page.description || site.description,
  };
}
