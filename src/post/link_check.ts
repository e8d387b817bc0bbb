/**
 * Post stage: the internal link checker. Every `href`/`src` of every rendered page
 * that points into the site must name an output file, and its `#fragment` an
 * element of the target page.
 *
 * Contract: {@link checkLinks} is a pure function of its input, and answers with
 * one {@link BrokenLinkDiagnostic} per page and broken href, in a stable order.
 * It sees every link of every page, so the pass over them works on what
 * `scanHtml` found with plain string and set operations (`link_resolve.ts`; no
 * `URL` objects) and allocates nothing per link that works; the rest is done only
 * for broken links: classifying them ({@link LinkCause}), locating them in the
 * Markdown, and asking `link_suggest.ts` what they meant. Grouping them for the
 * CLI is `link_report.ts`'s job; the vocabulary both share is in
 * `link_diagnostic.ts`.
 *
 * @module
 */
import { type Diagnostic, error, warning } from "../errors/diagnostic.ts";
import {
  type BrokenLink,
  type BrokenLinkDiagnostic,
  compareBrokenLinks,
  type LinkCause,
} from "./link_diagnostic.ts";
import {
  FILE_EXTENSION,
  hostOf,
  hrefOf,
  HTML_FILE,
  MARKDOWN_FILE,
  normalizeBasePath,
  resolveFile,
  safeDecode,
  SCHEME,
  sitePath,
} from "./link_resolve.ts";
import { closestIds, LinkSuggester, nearestId } from "./link_suggest.ts";

/**
 * A rendered page, as the link checker needs it.
 *
 * @example
 * ```ts
 * import type { ScannedPage } from "./link_check.ts";
 * const page: ScannedPage = {
 *   outputPath: "docs/a/index.html", url: "/docs/a/", source: "content/docs/a.md",
 *   sourceLinks: [{ href: "../b/", line: 3 }], hrefs: ["../b/", "/"], lines: [40, 12],
 *   ids: ["main", "install"], contentIds: ["install"],
 * };
 * ```
 */
export interface ScannedPage {
  /** Output file relative to the output folder, e.g. `docs/a/index.html`. */
  readonly outputPath: string;
  /** Site-relative URL of the page, e.g. `/docs/a/`, used in messages. */
  readonly url: string;
  /** The content file, e.g. `content/docs/a.md`, or `null` for generated pages. */
  readonly source: string | null;
  /** Links in the page's Markdown, with their lines in the source file. */
  readonly sourceLinks: readonly { href: string; line: number }[];
  /** Links in the output HTML (from `scanHtml`). */
  readonly hrefs: readonly string[];
  /** The output line of each of `hrefs`. */
  readonly lines: ArrayLike<number>;
  /** Ids a fragment can target on this page (from `scanHtml`): content and layout. */
  readonly ids: readonly string[];
  /**
   * The ids of the page's own content — headings, `{#id}` attributes, footnotes,
   * raw HTML in the Markdown — without those of the layout (`main`, `toc-title`,
   * `search-input`): the only ids a misspelt `#fragment` is matched against. Read
   * only for the targets of broken fragments, so it may be a lazy getter.
   */
  readonly contentIds: readonly string[];
}

/**
 * Everything {@link checkLinks} needs.
 *
 * @example
 * ```ts
 * import type { LinkCheckInput } from "./link_check.ts";
 * const input: LinkCheckInput = {
 *   pages: [], files: new Set(["index.html"]), basePath: "/docs/",
 *   siteOrigin: "https://example.org", severity: "error",
 * };
 * ```
 */
export interface LinkCheckInput {
  /** Every scanned page. */
  readonly pages: readonly ScannedPage[];
  /** Every output file, relative, with forward slashes: pages and copied files. */
  readonly files: ReadonlySet<string>;
  /** The path part of `baseURL`, e.g. `/` or `/docs/`. */
  readonly basePath: string;
  /** e.g. `https://example.org` when `baseURL` has a host: absolute links to it are internal. */
  readonly siteOrigin: string | null;
  /** What a broken link is. */
  readonly severity: "warning" | "error";
  /**
   * The output paths of the pages to check, when not all of them: the others are
   * only what links point at. An edit re-checks the pages it rendered again.
   */
  readonly only?: ReadonlySet<string>;
}

/** Why a link is broken, and what to do about it. */
interface Problem {
  readonly cause: LinkCause;
  readonly reason: string;
  readonly hint: string;
  readonly suggestion: string | null;
}

/**
 * Checks every internal link of every page and returns one `broken-link` diagnostic
 * per page and href (the first occurrence), sorted by file, line, message and page. Each
 * is a {@link BrokenLinkDiagnostic}: it carries the cause and, when the site has
 * one, a suggestion — a page URL or a content id of the target page close to the
 * broken one (never an id from the layout).
 *
 * Internal links are relative (`../x/`, `x.png`, `#id`), root-relative (`/x/`) or
 * absolute to `siteOrigin` (either scheme, same host). Other origins, `mailto:`,
 * `tel:`, `javascript:`, `data:` and other schemes, and empty or bare `#` hrefs are
 * not checked. A link is resolved against the page's location (its output path under
 * the base path), must stay under the base path, loses its query, is percent-decoded,
 * and must then name a file in `files`, or a folder with an `index.html`. A fragment
 * must be an id of the target page (`#top` and text fragments always work); on
 * targets that are not scanned pages (a PDF, a copied HTML file) it is not checked.
 *
 * A link found in the page's Markdown (same href) is reported at its line in the
 * content file. Any other link (from the layout, or raw HTML) is reported against the
 * content file without a line, with the output file and line in the hint, or against
 * the output file and line for generated pages.
 *
 * @example
 * ```ts
 * import { checkLinks } from "./link_check.ts";
 * const diagnostics = checkLinks({
 *   pages: [{
 *     outputPath: "a/index.html", url: "/a/", source: "content/a.md",
 *     sourceLinks: [{ href: "/b/", line: 3 }], hrefs: ["/b/"], lines: [40], ids: [],
 *     contentIds: [],
 *   }],
 *   files: new Set(["a/index.html"]),
 *   basePath: "/", siteOrigin: null, severity: "warning",
 * });
 * // [{ severity: "warning", code: "broken-link", file: "content/a.md", line: 3,
 * //    message: 'broken link "/b/" (no such page)', hint: "…",
 * //    link: { cause: "missing-page", href: "/b/", … } }]
 * ```
 */
export function checkLinks(input: LinkCheckInput): BrokenLinkDiagnostic[] {
  return findBrokenLinks(input).broken;
}

/**
 * {@link checkLinks}, and the folder searches the suggestions for its broken
 * links asked for, with their cost (see `LinkSuggester.searches`).
 *
 * @example
 * ```ts
 * import { findBrokenLinks } from "./link_check.ts";
 * const { broken, searches } = findBrokenLinks({
 *   pages: [], files: new Set(), basePath: "/", siteOrigin: null, severity: "warning",
 * });
 * // broken: [], searches: Map {}
 * ```
 */
export function findBrokenLinks(
  input: LinkCheckInput,
): { broken: BrokenLinkDiagnostic[]; searches: ReadonlyMap<string, number> } {
  const checker = new LinkChecker(input);
  const diagnostics: BrokenLinkDiagnostic[] = [];
  const only = input.only;
  for (const page of input.pages) {
    if (only === undefined || only.has(page.outputPath)) checker.checkPage(page, diagnostics);
  }
  return { broken: diagnostics.sort(compareBrokenLinks), searches: checker.searches };
}

const SLASH = 0x2f;

/**
 * One check of a site: what every page's links are resolved against, and the
 * indexes built for it, most of them on first use.
 */
class LinkChecker {
  readonly #files: ReadonlySet<string>;
  readonly #basePath: string;
  readonly #siteHost: string | null;
  readonly #report: typeof error;
  readonly #pagesByPath = new Map<string, ScannedPage>();
  /**
   * Built on first use: most pages are never the target of another page's
   * `#fragment`. A page's own `#id` links (a table of contents) use {@link #own}.
   */
  readonly #idSets = new Map<ScannedPage, ReadonlySet<string>>();
  /**
   * The ids of the page being checked, when it links to its own: dropped with the
   * next page, not kept for the whole check (at 100,000 pages, a set per page that
   * outlived the young generation, 200 MB).
   */
  #own: { readonly page: ScannedPage; readonly ids: ReadonlySet<string> } | undefined;
  /**
   * Site-relative hrefs (`/docs/a/#b`) found to work: whether they do is the same
   * on every page, and the layout repeats most of them on every page.
   */
  readonly #working = new Set<string>();
  readonly #suggest: LinkSuggester;

  constructor(input: LinkCheckInput) {
    this.#files = input.files;
    this.#basePath = normalizeBasePath(input.basePath);
    this.#siteHost = input.siteOrigin === null ? null : hostOf(input.siteOrigin);
    this.#report = input.severity === "error" ? error : warning;
    for (const page of input.pages) this.#pagesByPath.set(page.outputPath, page);
    this.#suggest = new LinkSuggester(input);
  }

  /** The folder searches the suggestions so far asked for (see `LinkSuggester.searches`). */
  get searches(): ReadonlyMap<string, number> {
    return this.#suggest.searches;
  }

  /**
   * The pass over one page — the hot loop: each distinct href once, and a
   * diagnostic in `out` for each broken one.
   */
  checkPage(page: ScannedPage, out: BrokenLinkDiagnostic[]): void {
    const pageDir = this.#basePath + page.outputPath.slice(0, page.outputPath.lastIndexOf("/") + 1);
    // Built for the first broken link only: most pages have none.
    let sourceLines: ReadonlyMap<string, number> | undefined;
    const seen = new Set<string>();
    const hrefs = page.hrefs;
    for (let i = 0; i < hrefs.length; i++) {
      const href = hrefs[i];
      if (seen.has(href) || this.#working.has(href)) continue;
      seen.add(href);
      const problem = this.#checkHref(href, page, pageDir);
      if (problem === null) {
        if (href.charCodeAt(0) === SLASH && href.charCodeAt(1) !== SLASH) this.#working.add(href);
        continue;
      }
      sourceLines ??= firstLines(page.sourceLinks);
      out.push(this.#diagnose(page, href, page.lines[i], problem, sourceLines));
    }
  }

  /** Why `href` on `page` is broken; `null` when it works or is not ours to check. */
  #checkHref(href: string, page: ScannedPage, pageDir: string): Problem | null {
    const value = href.trim();
    if (value === "" || value === "#") return null;
    const hashAt = value.indexOf("#");
    const fragment = hashAt === -1 ? null : value.slice(hashAt + 1);
    let rest = hashAt === -1 ? value : value.slice(0, hashAt);
    const queryAt = rest.indexOf("?");
    if (queryAt !== -1) rest = rest.slice(0, queryAt);
    // `#id` or `?q`: this very page. (An href with a scheme or `//` never has an empty `rest`.)
    if (rest === "") {
      return fragment === null ? null : this.#checkFragment(fragment, page, value, page);
    }

    let path = sitePath(value, rest, pageDir, this.#siteHost);
    if (path === null) return null;
    const basePath = this.#basePath;
    if (!path.startsWith(basePath)) {
      // `/docs` for `/docs/`: the server adds the slash.
      if (path + "/" !== basePath) return this.#outsideBase(path, fragment);
      path = basePath;
    }
    const relative = safeDecode(path.slice(basePath.length));
    const file = resolveFile(this.#files, relative);
    if (file === null) return this.#missing(value, rest, relative, fragment, page, pageDir);
    if (fragment === null) return null;
    const target = this.#pagesByPath.get(file);
    return target === undefined ? null : this.#checkFragment(fragment, target, value, page);
  }

  /** `null` when `fragment` names an element of `target` (or needs none); `page` links to it. */
  #checkFragment(
    fragment: string,
    target: ScannedPage,
    href: string,
    page: ScannedPage,
  ): Problem | null {
    if (fragment === "") return null;
    const ids = this.#idsOf(target, target === page);
    if (ids.has(fragment)) return null;
    // `#top` scrolls to the top without an element; `#:~:text=` is a text fragment.
    if (fragment.toLowerCase() === "top" || fragment.startsWith(":~:")) return null;
    const id = safeDecode(fragment);
    if (ids.has(id)) return null;
    return missingAnchor(id, target, href);
  }

  /** The ids of `page`; `own`: the page being checked, linking to itself. */
  #idsOf(page: ScannedPage, own: boolean): ReadonlySet<string> {
    let ids = this.#idSets.get(page);
    if (ids !== undefined) return ids;
    if (!own) {
      this.#idSets.set(page, ids = new Set(page.ids));
      return ids;
    }
    if (this.#own?.page !== page) this.#own = { page, ids: new Set(page.ids) };
    return this.#own.ids;
  }

  /** A site path that is not under the base path; did the link forget it? */
  #outsideBase(path: string, fragment: string | null): Problem {
    const basePath = this.#basePath;
    const suggestion = basePath + path.replace(/^\/+/, "");
    const file = resolveFile(this.#files, safeDecode(suggestion.slice(basePath.length)));
    return {
      cause: "outside-base",
      reason: `outside the site, whose URLs start with ${basePath}`,
      hint: (file !== null ? `did you mean "${suggestion}"? ` : "") +
        `links to this site's pages must start with the base path ${basePath}: ` +
        "use the `url` filter in layouts, or a relative link",
      suggestion: file === null ? null : suggestion + (fragment === null ? "" : `#${fragment}`),
    };
  }

  /**
   * A link to no output file, classified by what it looks like: a Markdown file,
   * a page or file in the wrong case, or a missing page or file — with what it
   * most likely meant. `href` is the trimmed href, `rest` the same without its
   * fragment and query, `relative` the path it resolved to under the base path.
   */
  #missing(
    href: string,
    rest: string,
    relative: string,
    fragment: string | null,
    page: ScannedPage,
    pageDir: string,
  ): Problem {
    const isPage = !FILE_EXTENSION.test(relative) || HTML_FILE.test(relative);
    const reason = isPage ? "no such page" : "no such file";
    if (MARKDOWN_FILE.test(relative)) {
      const file = this.#suggest.markdownPage(rest, relative, page.source);
      return markdownFile(reason, file === null ? null : hrefOf(this.#basePath, file, fragment));
    }
    const sameButCase = this.#suggest.sameButCase(relative);
    if (sameButCase !== null) {
      return wrongCase(reason, hrefOf(this.#basePath, sameButCase, fragment), sameButCase);
    }
    const cause = isPage ? "missing-page" : "missing-file";
    return this.#rootedByMistake(href, fragment, cause, reason, pageDir) ??
      this.#nothingThere(relative, fragment, isPage, cause, reason);
  }

  /**
   * A common slip: `docs/a/` written for `/docs/a/`, resolved against this page;
   * `null` when the href is not such a link, or the rooted one is broken too.
   */
  #rootedByMistake(
    href: string,
    fragment: string | null,
    cause: LinkCause,
    reason: string,
    pageDir: string,
  ): Problem | null {
    if (href.startsWith("/") || href.startsWith(".") || SCHEME.test(href)) return null;
    const rooted = href.replace(/[?#].*$/, "");
    if (resolveFile(this.#files, safeDecode(rooted)) === null) return null;
    return {
      cause,
      reason,
      hint: `did you mean "${this.#basePath}${rooted}"? a relative link is resolved ` +
        `against the page's own URL, ${pageDir}`,
      suggestion: `${this.#basePath}${rooted}` + (fragment === null ? "" : `#${fragment}`),
    };
  }

  /** A missing page or file, with the one whose path is nearest, if any. */
  #nothingThere(
    relative: string,
    fragment: string | null,
    isPage: boolean,
    cause: LinkCause,
    reason: string,
  ): Problem {
    const near = this.#suggest.near(relative, isPage);
    const suggestion = near === null ? null : hrefOf(this.#basePath, near, fragment);
    return {
      cause,
      reason,
      hint: suggestion !== null
        ? `did you mean "${suggestion}"?`
        : isPage
        ? `check the path; pages have URLs like ${this.#basePath}section/page/`
        : `check the path; files from static/ keep their path under ${this.#basePath}`,
      suggestion,
    };
  }

  /** The diagnostic of a broken link, located where its author can fix it. */
  #diagnose(
    page: ScannedPage,
    href: string,
    outputLine: number,
    problem: Problem,
    sourceLines: ReadonlyMap<string, number>,
  ): BrokenLinkDiagnostic {
    const sourceLine = page.source === null ? undefined : sourceLines.get(href);
    const link: BrokenLink = {
      cause: problem.cause,
      href,
      page: page.url,
      origin: page.source === null ? "generated" : sourceLine === undefined ? "layout" : "markdown",
      output: page.outputPath,
      outputLine,
      suggestion: problem.suggestion,
    };
    const message = `broken link "${href}" (${problem.reason})`;
    const where = locate(page, outputLine, sourceLine, problem.hint);
    return { ...this.#report("broken-link", message, where), code: "broken-link", link };
  }
}

/** Each href of the page's Markdown, with the first line it is on. */
function firstLines(sourceLinks: ScannedPage["sourceLinks"]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const l of sourceLinks) {
    const known = lines.get(l.href);
    if (known === undefined || l.line < known) lines.set(l.href, l.line);
  }
  return lines;
}

/**
 * Where a broken link is reported: at its line in the Markdown when it is there;
 * else against the content file, with the output line in the hint (a link from the
 * layout is fixed in the layout, but the page is what the author knows); else, for
 * a generated page, at the output file and line.
 */
function locate(
  page: ScannedPage,
  outputLine: number,
  sourceLine: number | undefined,
  hint: string,
): Pick<Diagnostic, "file" | "line" | "hint"> {
  if (page.source === null) return { file: page.outputPath, line: outputLine, hint };
  if (sourceLine !== undefined) return { file: page.source, line: sourceLine, hint };
  return {
    file: page.source,
    hint: `${hint} (the link is not in the Markdown: it is on line ${outputLine} ` +
      `of the output ${page.outputPath}, from the layout or raw HTML)`,
  };
}

/** A `#fragment` that names no element of `target`, with the content id it meant. */
function missingAnchor(id: string, target: ScannedPage, href: string): Problem {
  // Only the page's own ids: `search-input` is never what a link into a text meant.
  const contentIds = target.contentIds;
  const near = nearestId(id, contentIds);
  const suggestion = near === undefined ? null : `${href.slice(0, href.indexOf("#") + 1)}${near}`;
  return {
    cause: "missing-anchor",
    reason: `no element with id "${id}" on ${target.url}`,
    hint: suggestion !== null ? `did you mean "${suggestion}"?` : idsHint(id, target, contentIds),
    suggestion,
  };
}

/** When no id is close: the ids the target does have, or that it has none. */
function idsHint(id: string, target: ScannedPage, contentIds: readonly string[]): string {
  const close = closestIds(id, contentIds);
  return close.length === 0
    ? `${target.url} has no headings or other ids in its content`
    : `the ids in the content of ${target.url} closest to "${id}" are: ${close.join(", ")}`;
}

/** A link to a `.md` file, with the href of the page made from it, if any. */
function markdownFile(reason: string, suggestion: string | null): Problem {
  return {
    cause: "markdown-file",
    reason,
    hint: suggestion === null
      ? "link to the page's URL (like /section/page/), not to its Markdown file"
      : `did you mean "${suggestion}"? link to the page's URL, not to its Markdown file`,
    suggestion,
  };
}

/** A link to `file` in another case; capitals in `file` call for the config setting. */
function wrongCase(reason: string, suggestion: string, file: string): Problem {
  const capitals = file !== file.toLowerCase();
  return {
    cause: "wrong-case",
    reason: `${reason}; ${suggestion} differs only in case`,
    hint: `did you mean "${suggestion}"? URLs are case-sensitive on most web servers` +
      (capitals
        ? "; or set `urls: { lowercase: true }` in the config to make every page URL " +
          "lower-case, and write links in lower case"
        : ""),
    suggestion,
  };
}
