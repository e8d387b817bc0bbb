/**
 * Links written against source files — `[Setup](setup.md)`, `../guide/index.md#a`,
 * `./team`, `ch01.html` (mdBook), `![](img/x.png)`, `<img src="img/x.svg">` — as mdBook, MkDocs,
 * VitePress, Docusaurus and GitHub read them: relative to the Markdown file, not
 * to the page's URL. Each becomes a link relative to the page's URL, so it works
 * under pretty URLs and any base path. A link that already names a page or file
 * from the page's URL is left as written (Hugo sites write those), and one that
 * names nothing is left for the link check to report at its Markdown line.
 *
 * @module
 */
import { posix } from "node:path";
import { createHash } from "node:crypto";
import { rewriteUrls } from "../base/html_scan.ts";
import type { CopyJob, SiteSnapshot } from "../snapshot/types.ts";
import { relativeURL } from "../render/filters.ts";
import { encodePath } from "../snapshot/urls.ts";

/** What a link may point at: pages and copied files, by source path and by URL. */
export interface SourceIndex {
  /** The content folder, relative to the site folder: where `/…` source paths start. */
  readonly contentDir: string;
  /** The URL (percent-encoded) of the page or file made from a source path (`content/a/b.md`). */
  urlOf(source: string): string | undefined;
  /** Whether a page or file is published at a site-relative, percent-encoded URL path. */
  published(url: string): boolean;
  /**
   * Where each `/…` href leads (`null`: nowhere to rewrite to), filled as links are
   * resolved: such a link means the same on every page but for the final relative
   * URL, and a site's pages repeat the same few (navigation, tags). At 100,000 pages
   * resolving each anew was 3 s of the main thread.
   */
  readonly fromRoot?: Map<string, Located | null>;
}

/** What a source link names: a page's or file's URL, and the href's query and fragment. */
interface Located {
  readonly url: string;
  readonly suffix: string;
}

/**
 * The index of a snapshot and its copied files.
 *
 * @example
 * ```ts
 * import { sourceIndex } from "./source_links.ts";
 * declare const snapshot: import("../snapshot/types.ts").SiteSnapshot;
 * sourceIndex(snapshot, [], "content").urlOf("content/docs/setup.md"); // "/docs/setup/"
 * ```
 */
export function sourceIndex(
  snapshot: SiteSnapshot,
  copies: readonly CopyJob[],
  contentDir: string,
): SourceIndex {
  const bySource = new Map<string, string>();
  const files = new Set<string>();
  for (const [url, record] of snapshot.pages) {
    if (!record.file) continue;
    // A paginated listing has one record per page: its first is the shortest URL.
    const known = bySource.get(record.file);
    if (known === undefined || url.length < known.length) bySource.set(record.file, url);
  }
  for (const copy of copies) {
    const url = encodePath(`/${copy.to}`);
    files.add(url);
    if (!bySource.has(copy.source)) bySource.set(copy.source, url);
  }
  return {
    contentDir: contentDir.replace(/\/+$/, ""),
    urlOf: (source) => bySource.get(source),
    published: (url) => snapshot.pages.has(url) || files.has(url),
    fromRoot: new Map(),
  };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\/|^[#?]/i;
const MARKDOWN = /\.(?:md|markdown)$/i;
// A site-relative path that a URL parser would keep as it is (no character to
// encode, no dot segment): most links of a Hugo-style site, resolved without one.
const SIMPLE_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@\/]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * The rewrites a page needs: each source-relative link it has, to its new href.
 * `file` is the page's source path, `url` the URL of the record being rendered.
 *
 * @example
 * ```ts
 * import { resolveSourceLinks, type SourceIndex } from "./source_links.ts";
 * const index: SourceIndex = {
 *   contentDir: "content",
 *   urlOf: (s) => s === "content/docs/setup.md" ? "/docs/setup/" : undefined,
 *   published: () => false,
 * };
 * resolveSourceLinks("content/docs/intro.md", "/docs/intro/", [{ href: "setup.md#b" }], index);
 * // Map { "setup.md#b" => "../setup/#b" }
 * ```
 */
export function resolveSourceLinks(
  file: string,
  url: string,
  links: readonly { readonly href: string }[],
  index: SourceIndex,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const { href } of links) {
    if (SCHEME.test(href) || out.has(href)) continue;
    const located = href.startsWith("/") && index.fromRoot
      ? fromRoot(href, index, index.fromRoot)
      : locate(href, file, url, index);
    if (!located) continue;
    const target = relativeURL(located.url, url) + located.suffix;
    if (target !== href) out.set(href, target);
  }
  return out;
}

/** `locate` for an href from the site's root, which does not depend on the page. */
function fromRoot(
  href: string,
  index: SourceIndex,
  memo: Map<string, Located | null>,
): Located | undefined {
  let located = memo.get(href);
  if (located === undefined) memo.set(href, located = locate(href, "", "", index) ?? null);
  return located ?? undefined;
}

function locate(
  href: string,
  file: string,
  url: string,
  index: SourceIndex,
): Located | undefined {
  const cut = href.search(/[?#]/);
  const path = cut < 0 ? href : href.slice(0, cut);
  const suffix = cut < 0 ? "" : href.slice(cut);
  const decoded = safeDecode(path);
  if (!decoded) return undefined;
  const markdown = MARKDOWN.test(decoded);
  // Already right from the page's URL, unless that is the page itself (`./` in
  // `guide/intro.md` means the guide's folder).
  // Page URLs are percent-encoded (`/my%20notes/`); so is a URL's pathname.
  const fromUrl = SIMPLE_PATH.test(path) && !DOT_SEGMENT.test(path)
    ? path
    : new URL(path, `http://site${url}`).pathname;
  const self = fromUrl === url && !decoded.startsWith("/");
  if (!markdown && !self && index.published(fromUrl)) return undefined;
  // `/guide/setup.md` starts at the content folder, as VitePress and Docusaurus read it.
  // (`posix.normalize` keeps such a path from climbing out: `/../x` is `/x`.)
  const target =
    (decoded.startsWith("/")
      ? `${index.contentDir}${posix.normalize(decoded)}`
      : posix.normalize(posix.join(posix.dirname(file), decoded))).replace(/\/$/, "");
  // mdBook books link to chapters by the `.html` file mdBook makes of them.
  const page = target.replace(/(?:^|\/)index\.html?$|\.html?$/i, "");
  const candidates = markdown ? [target] : [
    target,
    `${page}.md`,
    `${page}/index.md`,
    `${page}/_index.md`,
    `${page}/README.md`,
  ];
  for (const source of candidates) {
    const found = index.urlOf(source);
    if (found !== undefined) return { url: found, suffix };
  }
  return undefined;
}

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/**
 * A short, stable digest of a page's rewrites, folded into its body's identity
 * so that a page is rendered again when what its links point at moves.
 *
 * @example
 * ```ts
 * import { rewritesDigest } from "./source_links.ts";
 * rewritesDigest(new Map([["a.md", "../a/"]])).length; // 16
 * ```
 */
export function rewritesDigest(rewrites: ReadonlyMap<string, string>): string {
  return createHash("sha256").update(JSON.stringify([...rewrites])).digest("hex").slice(0, 16);
}

/**
 * The body with its source-relative links rewritten.
 *
 * @example
 * ```ts
 * import { rewriteBody } from "./source_links.ts";
 * const body = new TextEncoder().encode('<a href="setup.md">x</a>');
 * new TextDecoder().decode(rewriteBody(body, new Map([["setup.md", "../setup/"]])));
 * // '<a href="../setup/">x</a>'
 * ```
 */
export function rewriteBody(body: Uint8Array, rewrites: ReadonlyMap<string, string>): Uint8Array {
  if (rewrites.size === 0) return body;
  const html = new TextDecoder().decode(body);
  return new TextEncoder().encode(rewriteUrls(html, (value) => rewrites.get(value) ?? value));
}
