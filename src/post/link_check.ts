/**
 * Post stage: the internal link checker. Every `href`/`src` of every rendered page
 * that points into the site must name an output file, and its `#fragment` an
 * element of the target page. Works on what `scanHtml` found, with plain
 * string and set operations (no `URL` objects on the hot path): it sees every link
 * of every page.
 *
 * Each broken link is one `broken-link` diagnostic that also carries a
 * {@link BrokenLink}: why it is broken (its {@link LinkCause}), the href, the page,
 * and a working href close to it when the site has one. {@link groupBrokenLinks}
 * turns them into the report the CLI prints: grouped by cause, with counts and a
 * few examples each.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { closeDistance, closestName, editDistance, editDistanceWithin } from "../errors/suggest.ts";
import { type Diagnostic, error, type Severity, warning } from "../errors/diagnostic.ts";

/** A rendered page, as the link checker needs it. */
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

/** Everything {@link checkLinks} needs. */
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
}

/**
 * Why a link is broken. The report groups broken links by cause, in the order of
 * {@link LINK_CAUSES}:
 *
 * - `missing-page`: no page has that URL;
 * - `missing-anchor`: the page exists, the `#fragment` is not an id on it;
 * - `markdown-file`: a link to a `.md` file, not to the page made from it;
 * - `wrong-case`: no such URL, but one that differs only in upper/lower case exists;
 * - `missing-file`: a file (an image, a PDF, a stylesheet) that is not in the output;
 * - `outside-base`: the link leaves the site's base path (`/x/` on a site at `/docs/`).
 */
export type LinkCause =
  | "missing-page"
  | "missing-anchor"
  | "markdown-file"
  | "wrong-case"
  | "missing-file"
  | "outside-base";

/**
 * Every {@link LinkCause}, in the order the report lists them.
 *
 * @example
 * ```ts
 * import { LINK_CAUSES } from "./link_check.ts";
 * LINK_CAUSES[0]; // "missing-page"
 * ```
 */
export const LINK_CAUSES: readonly LinkCause[] = Object.freeze(
  [
    "missing-page",
    "missing-anchor",
    "markdown-file",
    "wrong-case",
    "missing-file",
    "outside-base",
  ] as const,
);

/** How the report names a cause, and the advice that fits all its links. */
export interface CauseText {
  /** The group's header: `links to missing pages` (`one` for a single link). */
  readonly one: string;
  /** The group's header for several links: `links to missing pages`. */
  readonly many: string;
  /** In the summary line: `3 missing pages`. */
  readonly shortOne: string;
  /** In the summary line, for several links. */
  readonly shortMany: string;
  /** What to do about links of this kind. */
  readonly hint: string;
}

/**
 * The words of the report for each cause.
 *
 * @example
 * ```ts
 * import { CAUSE_TEXT } from "./link_check.ts";
 * CAUSE_TEXT["missing-anchor"].shortMany; // "missing anchors"
 * ```
 */
export const CAUSE_TEXT: Readonly<Record<LinkCause, CauseText>> = Object.freeze({
  "missing-page": Object.freeze({
    one: "link to a missing page",
    many: "links to missing pages",
    shortOne: "missing page",
    shortMany: "missing pages",
    hint: "no page has that URL: fix the path, or remove the link; a draft, or a page dated " +
      "in the future, is built only with --drafts or --future",
  }),
  "missing-anchor": Object.freeze({
    one: "link to a missing anchor",
    many: "links to missing anchors",
    shortOne: "missing anchor",
    shortMany: "missing anchors",
    hint: "the #fragment must be the id of a heading or other element of the target page; " +
      "a heading's id is the slug of its text (## Install on Linux → #install-on-linux)",
  }),
  "markdown-file": Object.freeze({
    one: "link to a Markdown file instead of its page",
    many: "links to Markdown files instead of their pages",
    shortOne: "link to a .md file",
    shortMany: "links to .md files",
    hint: "link to the page's URL (like /section/page/), not to its Markdown file",
  }),
  "wrong-case": Object.freeze({
    one: "link whose URL differs from a page's only in case",
    many: "links whose URL differs from a page's only in case",
    shortOne: "case mismatch",
    shortMany: "case mismatches",
    hint: "URLs are case-sensitive on most web servers: write the link in the case of the " +
      "page's URL",
  }),
  "missing-file": Object.freeze({
    one: "link to a file that is not published",
    many: "links to files that are not published",
    shortOne: "missing file",
    shortMany: "missing files",
    hint: "no output file has that path: files from static/ keep their path under the " +
      "base path, and files beside a page's Markdown are published only in a page bundle",
  }),
  "outside-base": Object.freeze({
    one: "link outside the site's base path",
    many: "links outside the site's base path",
    shortOne: "link outside the base path",
    shortMany: "links outside the base path",
    hint: "links to this site's pages must start with the base path: use the `url` filter " +
      "in layouts, or a relative link",
  }),
});

/**
 * What the link checker knows about one broken link, beyond its diagnostic.
 *
 * @example
 * ```ts
 * import type { BrokenLink } from "./link_check.ts";
 * const link: BrokenLink = {
 *   cause: "missing-page", href: "/docs/gude/", page: "/docs/a/", origin: "markdown",
 *   output: "docs/a/index.html", outputLine: 40, suggestion: "/docs/guide/",
 * };
 * ```
 */
export interface BrokenLink {
  /** Why it is broken: the group it is reported in. */
  readonly cause: LinkCause;
  /** The `href`/`src` as it is in the HTML. */
  readonly href: string;
  /** The URL of the page that has the link (base path not included). */
  readonly page: string;
  /**
   * Where the link comes from: the page's Markdown (the diagnostic has its line),
   * the layout or raw HTML of a page with a content file (the diagnostic has the
   * content file, without a line), or a generated page (the output file and line).
   */
  readonly origin: "markdown" | "layout" | "generated";
  /** The output file of the page. */
  readonly output: string;
  /** The link's line in {@link output}. */
  readonly outputLine: number;
  /** A working href close to this one — a page or id of the site itself — or `null`. */
  readonly suggestion: string | null;
}

/**
 * A `broken-link` diagnostic, with what the link checker knows about the link.
 *
 * @example
 * ```ts
 * import type { BrokenLinkDiagnostic } from "./link_check.ts";
 * declare const d: BrokenLinkDiagnostic;
 * console.log(d.link.cause, d.link.suggestion);
 * ```
 */
export interface BrokenLinkDiagnostic extends Diagnostic {
  /** Always `broken-link`. */
  readonly code: "broken-link";
  /** What the link checker knows about the link. */
  readonly link: BrokenLink;
}

/**
 * The diagnostic as a broken link, or `undefined` for any other diagnostic.
 *
 * @example
 * ```ts
 * import { asBrokenLink } from "./link_check.ts";
 * asBrokenLink({ severity: "warning", code: "data", message: "m" }); // undefined
 * ```
 */
export function asBrokenLink(d: Diagnostic): BrokenLinkDiagnostic | undefined {
  const link = (d as { link?: unknown }).link;
  return d.code === "broken-link" && typeof link === "object" && link !== null
    ? d as BrokenLinkDiagnostic
    : undefined;
}

/** Why a link is broken, and what to do about it. */
interface Problem {
  readonly cause: LinkCause;
  readonly reason: string;
  readonly hint: string;
  readonly suggestion: string | null;
}

/** A page or file of the output that a misspelt link may have meant. */
interface Target {
  /** Relative to the base path: `docs/a/` for a page, `img/a.png` for a file. */
  readonly path: string;
  /** Its last segment, lower-case: `a`, `a.png`. */
  readonly name: string;
  readonly isPage: boolean;
}

/** Where to look for a page or file by (nearly) its name. */
interface TargetIndex {
  /** By name and by each name with one character left out. */
  readonly byVariant: Map<string, Target[]>;
  /** By parent folder (`docs/`). */
  readonly byParent: Map<string, Target[]>;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HTTP_URL = /^(https?):\/\/([^/?#]*)([^?#]*)/i;
const PROTOCOL_RELATIVE = /^\/\/([^/?#]*)([^?#]*)/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;
const FILE_EXTENSION = /\.[a-z0-9]+$/i;
const MARKDOWN_FILE = /\.(?:md|markdown)$/i;
const HTML_FILE = /\.html?$/i;
const MAX_SUGGESTED_IDS = 5;
/** Names longer than this are matched whole only, not by their one-character variants. */
const MAX_VARIANT_NAME = 64;
/** A folder with more pages than this is not searched page by page for a renamed one. */
const MAX_SIBLINGS = 300;
/**
 * Name comparisons the folder searches of one check may make in all: with
 * thousands of broken links into big folders, the rest get no suggestion rather
 * than a slow build.
 */
const SIBLING_BUDGET = 50_000;
/** The most edits a page name found in its folder may be away. */
const MAX_SIBLING_DISTANCE = 5;

/**
 * Checks every internal link of every page and returns one `broken-link` diagnostic
 * per page and href (the first occurrence), sorted by file, line and message. Each
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
  const basePath = normalizeBasePath(input.basePath);
  const siteHost = input.siteOrigin === null ? null : hostOf(input.siteOrigin);
  const pagesByPath = new Map<string, ScannedPage>();
  for (const page of input.pages) pagesByPath.set(page.outputPath, page);
  // Built on first use: most pages are never the target of a `#fragment`.
  const idSets = new Map<ScannedPage, ReadonlySet<string>>();
  const idsOf = (page: ScannedPage) => {
    let ids = idSets.get(page);
    if (!ids) idSets.set(page, ids = new Set(page.ids));
    return ids;
  };
  // Built on first use too: only broken links need them.
  let filesByLowerCase: Map<string, string> | undefined;
  let pagesBySource: Map<string, ScannedPage> | undefined;
  let targets: TargetIndex | undefined;
  const nearby = new Map<string, string | null>();
  let siblingBudget = SIBLING_BUDGET;
  const report = input.severity === "error" ? error : warning;
  const diagnostics: BrokenLinkDiagnostic[] = [];

  for (const page of input.pages) {
    const slash = page.outputPath.lastIndexOf("/");
    const pageDir = basePath + page.outputPath.slice(0, slash + 1);
    let sourceLines: Map<string, number> | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < page.hrefs.length; i++) {
      const link = { href: page.hrefs[i], line: page.lines[i] };
      if (seen.has(link.href)) continue;
      seen.add(link.href);
      const problem = checkOne(link.href, page, pageDir);
      if (problem === null) continue;
      if (sourceLines === undefined) {
        sourceLines = new Map();
        for (const l of page.sourceLinks) {
          const known = sourceLines.get(l.href);
          if (known === undefined || l.line < known) sourceLines.set(l.href, l.line);
        }
      }
      const message = `broken link "${link.href}" (${problem.reason})`;
      const sourceLine = page.source === null ? undefined : sourceLines.get(link.href);
      const origin = page.source === null
        ? "generated"
        : sourceLine === undefined
        ? "layout"
        : "markdown";
      const info: BrokenLink = {
        cause: problem.cause,
        href: link.href,
        page: page.url,
        origin,
        output: page.outputPath,
        outputLine: link.line,
        suggestion: problem.suggestion,
      };
      const where = page.source === null
        ? { file: page.outputPath, line: link.line, hint: problem.hint }
        : sourceLine !== undefined
        ? { file: page.source, line: sourceLine, hint: problem.hint }
        : {
          file: page.source,
          hint: `${problem.hint} (the link is not in the Markdown: it is on line ${link.line} ` +
            `of the output ${page.outputPath}, from the layout or raw HTML)`,
        };
      diagnostics.push({
        ...report("broken-link", message, where),
        code: "broken-link",
        link: info,
      });
    }
  }
  return diagnostics.sort(compareDiagnostics);

  /** `null` when the link works or is not ours to check. */
  function checkOne(href: string, page: ScannedPage, pageDir: string): Problem | null {
    const value = href.trim();
    if (value === "" || value === "#") return null;
    const hashAt = value.indexOf("#");
    const fragment = hashAt === -1 ? null : value.slice(hashAt + 1);
    let rest = hashAt === -1 ? value : value.slice(0, hashAt);
    const queryAt = rest.indexOf("?");
    if (queryAt !== -1) rest = rest.slice(0, queryAt);

    let path: string;
    if (SCHEME.test(value)) {
      const m = HTTP_URL.exec(value);
      if (m === null || siteHost === null || normalizeHost(m[2], m[1]) !== siteHost) return null;
      path = m[3] === "" ? "/" : m[3];
    } else if (value.startsWith("//")) {
      const m = PROTOCOL_RELATIVE.exec(value);
      if (m === null || siteHost === null || normalizeHost(m[1], "https") !== siteHost) {
        return null;
      }
      path = m[2] === "" ? "/" : m[2];
    } else if (rest === "") {
      // `#id` or `?q`: this very page.
      return fragment === null ? null : checkFragment(fragment, page, value);
    } else {
      path = rest.startsWith("/") ? rest : resolveRelative(pageDir, rest);
    }

    if (hasDotSegment(path)) path = removeDotSegments(path);
    if (!path.startsWith(basePath)) {
      if (path + "/" === basePath) path = basePath; // `/docs` for `/docs/`: the server adds the slash
      else return outsideSite(path, fragment);
    }
    const relative = safeDecode(path.slice(basePath.length));
    const file = resolveFile(relative);
    if (file === null) return missing(value, rest, relative, fragment, page, pageDir);
    if (fragment === null) return null;
    const target = pagesByPath.get(file);
    return target === undefined ? null : checkFragment(fragment, target, value);
  }

  function resolveFile(relative: string): string | null {
    if (relative === "" || relative.endsWith("/")) {
      const index = `${relative}index.html`;
      return input.files.has(index) ? index : null;
    }
    if (input.files.has(relative)) return relative;
    const index = `${relative}/index.html`;
    return input.files.has(index) ? index : null;
  }

  /** The href that names output file `file` from anywhere on the site, with `fragment`. */
  function hrefOf(file: string, fragment: string | null): string {
    const path = file === "index.html"
      ? ""
      : file.endsWith("/index.html")
      ? file.slice(0, -"index.html".length)
      : file;
    return encodeURI(basePath + path) + (fragment === null ? "" : `#${fragment}`);
  }

  function checkFragment(fragment: string, target: ScannedPage, href: string): Problem | null {
    if (fragment === "") return null;
    const ids = idsOf(target);
    if (ids.has(fragment)) return null;
    // `#top` scrolls to the top without an element; `#:~:text=` is a text fragment.
    if (fragment.toLowerCase() === "top" || fragment.startsWith(":~:")) return null;
    const id = safeDecode(fragment);
    if (ids.has(id)) return null;
    // Only the page's own ids: `search-input` is never what a link into a text meant.
    const contentIds = target.contentIds;
    const near = closestName(id, contentIds, Math.max(1, Math.floor(id.length / 3)));
    const suggestion = near === undefined ? null : `${href.slice(0, href.indexOf("#") + 1)}${near}`;
    const close = closest(id, contentIds, MAX_SUGGESTED_IDS);
    return {
      cause: "missing-anchor",
      reason: `no element with id "${id}" on ${target.url}`,
      hint: suggestion !== null
        ? `did you mean "${suggestion}"?`
        : close.length === 0
        ? `${target.url} has no headings or other ids in its content`
        : `the ids in the content of ${target.url} closest to "${id}" are: ${close.join(", ")}`,
      suggestion,
    };
  }

  function outsideSite(path: string, fragment: string | null): Problem {
    const suggestion = basePath + path.replace(/^\/+/, "");
    const file = resolveFile(safeDecode(suggestion.slice(basePath.length)));
    return {
      cause: "outside-base",
      reason: `outside the site, whose URLs start with ${basePath}`,
      hint: (file !== null ? `did you mean "${suggestion}"? ` : "") +
        `links to this site's pages must start with the base path ${basePath}: ` +
        "use the `url` filter in layouts, or a relative link",
      suggestion: file === null ? null : suggestion + (fragment === null ? "" : `#${fragment}`),
    };
  }

  function missing(
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
      const file = markdownTarget(rest, relative, page);
      const suggestion = file === null ? null : hrefOf(file, fragment);
      return {
        cause: "markdown-file",
        reason,
        hint: suggestion === null
          ? "link to the page's URL (like /section/page/), not to its Markdown file"
          : `did you mean "${suggestion}"? link to the page's URL, not to its Markdown file`,
        suggestion,
      };
    }
    const sameButCase = caseInsensitive(relative);
    if (sameButCase !== null) {
      const suggestion = hrefOf(sameButCase, fragment);
      const capitals = sameButCase !== sameButCase.toLowerCase();
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
    const cause = isPage ? "missing-page" : "missing-file";
    // A common slip: `docs/a/` written for `/docs/a/`, resolved against this page.
    if (!href.startsWith("/") && !href.startsWith(".") && !SCHEME.test(href)) {
      const rooted = href.replace(/[?#].*$/, "");
      if (resolveFile(safeDecode(rooted)) !== null) {
        const suggestion = `${basePath}${rooted}` + (fragment === null ? "" : `#${fragment}`);
        return {
          cause,
          reason,
          hint: `did you mean "${basePath}${rooted}"? a relative link is resolved ` +
            `against the page's own URL, ${pageDir}`,
          suggestion,
        };
      }
    }
    const near = nearTarget(relative, isPage);
    const suggestion = near === null ? null : hrefOf(near, fragment);
    return {
      cause,
      reason,
      hint: suggestion !== null
        ? `did you mean "${suggestion}"?`
        : isPage
        ? `check the path; pages have URLs like ${basePath}section/page/`
        : `check the path; files from static/ keep their path under ${basePath}`,
      suggestion,
    };
  }

  /**
   * The page made from the Markdown file a link names: resolved against the page's
   * own content file, as on GitHub (`../guide.md` from `content/docs/a.md`), or
   * as a URL without `.md` (`/docs/guide.md` → `/docs/guide/`).
   */
  function markdownTarget(rest: string, relative: string, page: ScannedPage): string | null {
    if (page.source !== null && !rest.startsWith("/") && !SCHEME.test(rest)) {
      if (pagesBySource === undefined) {
        pagesBySource = new Map();
        for (const p of input.pages) if (p.source !== null) pagesBySource.set(p.source, p);
      }
      const dir = page.source.slice(0, page.source.lastIndexOf("/") + 1);
      const wanted = removeDotSegments(`/${dir}${safeDecode(rest)}`).slice(1);
      const target = pagesBySource.get(wanted);
      if (target !== undefined && input.files.has(target.outputPath)) return target.outputPath;
    }
    const bare = relative.replace(MARKDOWN_FILE, "");
    const slash = bare.lastIndexOf("/");
    const name = bare.slice(slash + 1).toLowerCase();
    const folder = name === "_index" || name === "index" || name === "readme";
    return resolveFile(folder ? bare.slice(0, slash + 1) : `${bare}/`);
  }

  /** The output file whose path differs from `relative`'s only in case, or `null`. */
  function caseInsensitive(relative: string): string | null {
    if (filesByLowerCase === undefined) {
      filesByLowerCase = new Map();
      for (const f of [...input.files].sort(compareStrings)) {
        const lower = f.toLowerCase();
        if (!filesByLowerCase.has(lower)) filesByLowerCase.set(lower, f);
      }
    }
    const lower = relative.toLowerCase();
    const wanted = lower === "" || lower.endsWith("/")
      ? [`${lower}index.html`]
      : [lower, `${lower}/index.html`];
    for (const w of wanted) {
      const file = filesByLowerCase.get(w);
      if (file !== undefined) return file;
    }
    return null;
  }

  /**
   * The page (or, for a file, the file) the link most likely meant: the URL
   * without `.html`; the same name in another folder; a name one or two typos
   * away; or, in a folder of at most 300 pages, a name a third of its length (at
   * most 5 edits) away, while the check's budget for such searches lasts. `null`
   * when nothing is close or two candidates are equally close.
   */
  function nearTarget(relative: string, isPage: boolean): string | null {
    const key = `${isPage ? "p" : "f"}${relative}`;
    if (nearby.has(key)) return nearby.get(key)!;
    const found = findNear(relative, isPage);
    nearby.set(key, found);
    return found;
  }

  function findNear(relative: string, isPage: boolean): string | null {
    if (isPage && HTML_FILE.test(relative)) {
      const bare = relative.replace(HTML_FILE, "");
      const file = resolveFile(bare.endsWith("/index") ? bare.slice(0, -"index".length) : bare);
      if (file !== null) return file;
    }
    const trimmed = isPage ? relative.replace(HTML_FILE, "").replace(/\/+$/, "") : relative;
    const slash = trimmed.lastIndexOf("/");
    const parent = trimmed.slice(0, slash + 1);
    const name = trimmed.slice(slash + 1).toLowerCase();
    if (name === "") return null;
    targets ??= indexTargets();
    const wanted = isPage ? `${trimmed}/`.toLowerCase() : trimmed.toLowerCase();
    // Short names are matched only whole: `g` is not a typo of `a`, nor `b.png` of `a.png`.
    const stem = isPage ? name.length : name.replace(FILE_EXTENSION, "").length;
    const maxNameDistance = stem <= 3 ? 0 : stem <= 7 ? 1 : 2;
    const candidates = new Set<Target>();
    for (const variant of [name, ...oneLess(name)]) {
      for (const t of targets.byVariant.get(variant) ?? []) {
        if (t.isPage === isPage) candidates.add(t);
      }
    }
    let best = pick(candidates, name, parent, wanted, maxNameDistance);
    if (best === null && stem >= 6) {
      const siblings = targets.byParent.get(parent) ?? [];
      if (siblings.length <= MAX_SIBLINGS && siblings.length <= siblingBudget) {
        siblingBudget -= siblings.length;
        best = pick(
          siblings.filter((t) => t.isPage === isPage),
          name,
          parent,
          wanted,
          Math.min(closeDistance(name), MAX_SIBLING_DISTANCE),
        );
      }
    }
    return best === null ? null : resolveFile(best.path);
  }

  function indexTargets(): TargetIndex {
    const byVariant = new Map<string, Target[]>();
    const byParent = new Map<string, Target[]>();
    const add = <K>(map: Map<K, Target[]>, key: K, target: Target) => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [target]);
      else list.push(target);
    };
    const pages = new Set(input.pages.map((p) => p.outputPath));
    for (const file of [...input.files].sort(compareStrings)) {
      const isPage = pages.has(file) || HTML_FILE.test(file);
      const path =
        file.endsWith("index.html") && (file.length === 10 || file.endsWith("/index.html"))
          ? file.slice(0, -"index.html".length)
          : file;
      const trimmed = isPage ? path.replace(HTML_FILE, "").replace(/\/+$/, "") : path;
      const slash = trimmed.lastIndexOf("/");
      const name = trimmed.slice(slash + 1).toLowerCase();
      if (name === "") continue;
      const target: Target = { path, name, isPage };
      add(byParent, trimmed.slice(0, slash + 1), target);
      add(byVariant, name, target);
      if (name.length <= MAX_VARIANT_NAME) {
        for (const variant of oneLess(name)) add(byVariant, variant, target);
      }
    }
    return { byVariant, byParent };
  }
}

/** Each string made from `name` by leaving out one character, without repeats. */
function oneLess(name: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < name.length; i++) out.add(name.slice(0, i) + name.slice(i + 1));
  return out;
}

/**
 * The candidate whose name is nearest to `name` (at most `maxNameDistance` edits),
 * preferring one in the same folder (`parent`), then the one nearest to the whole
 * `wanted` path; `null` for none, or when two are as near in name and folder: an
 * `overview` page in two other sections is no better a guess than the other.
 */
function pick(
  candidates: Iterable<Target>,
  name: string,
  parent: string,
  wanted: string,
  maxNameDistance: number,
): Target | null {
  let best: Target | null = null;
  let bestName = maxNameDistance + 1;
  let bestHere = false;
  let bestPath = Infinity;
  let tie = false;
  const lowerParent = parent.toLowerCase();
  for (const t of candidates) {
    const d = editDistanceWithin(name, t.name, maxNameDistance);
    if (d > maxNameDistance) continue;
    const here = t.path.toLowerCase().startsWith(lowerParent) &&
      !t.path.slice(parent.length).replace(/\/$/, "").includes("/");
    const p = editDistance(wanted, t.path.toLowerCase());
    if (d < bestName || (d === bestName && here && !bestHere)) {
      best = t;
      bestName = d;
      bestHere = here;
      bestPath = p;
      tie = false;
    } else if (d === bestName && here === bestHere) {
      tie = true;
      if (p < bestPath) {
        best = t;
        bestPath = p;
      }
    }
  }
  return tie ? null : best;
}

/**
 * How many examples the report shows for each cause.
 *
 * @example
 * ```ts
 * import { EXAMPLES_PER_CAUSE } from "./link_check.ts";
 * console.log(EXAMPLES_PER_CAUSE); // 3
 * ```
 */
export const EXAMPLES_PER_CAUSE = 3;

/** One example of a group: a broken link, and on how many pages the same href is broken. */
export interface LinkExample {
  /** The first of the links with this href, in the order of the report. */
  readonly diagnostic: BrokenLinkDiagnostic;
  /** Pages of the group with this very href (a link in a layout is on many). */
  readonly pages: number;
}

/** The broken links of one cause. */
export interface LinkGroup {
  /** What the links of the group have in common. */
  readonly cause: LinkCause;
  /** Every broken link of this cause, sorted by file, line and message. */
  readonly links: readonly BrokenLinkDiagnostic[];
  /** Pages that have at least one of them. */
  readonly pages: number;
  /**
   * A few of them: the hrefs broken on the most pages first (a link in a layout,
   * fixed once, fixes all of them), then from as many files as there are examples.
   */
  readonly examples: readonly LinkExample[];
}

/** Every broken link of a build, grouped by cause. */
export interface LinkReport {
  /** The severity of the broken links (all have the same). */
  readonly severity: Severity;
  /** Broken links in all. */
  readonly total: number;
  /** Pages with at least one. */
  readonly pages: number;
  /** The causes that have broken links, in the order of {@link LINK_CAUSES}. */
  readonly groups: readonly LinkGroup[];
}

/**
 * Groups the broken links among `diagnostics` by cause, with counts and up to
 * `examples` examples each; `null` when there are none. Other diagnostics are
 * left out.
 *
 * @example
 * ```ts
 * import { groupBrokenLinks } from "./link_check.ts";
 * groupBrokenLinks([]); // null
 * ```
 */
export function groupBrokenLinks(
  diagnostics: readonly Diagnostic[],
  examples: number = EXAMPLES_PER_CAUSE,
): LinkReport | null {
  const byCause = new Map<LinkCause, BrokenLinkDiagnostic[]>();
  const pages = new Set<string>();
  let severity: Severity = "warning";
  let total = 0;
  for (const d of diagnostics) {
    const broken = asBrokenLink(d);
    if (broken === undefined) continue;
    total++;
    if (d.severity === "error") severity = "error";
    pages.add(broken.link.page);
    const list = byCause.get(broken.link.cause);
    if (list === undefined) byCause.set(broken.link.cause, [broken]);
    else list.push(broken);
  }
  if (total === 0) return null;
  const groups: LinkGroup[] = [];
  for (const cause of LINK_CAUSES) {
    const list = byCause.get(cause);
    if (list === undefined) continue;
    const links = list.sort(compareDiagnostics);
    groups.push({
      cause,
      links,
      pages: new Set(links.map((d) => d.link.page)).size,
      examples: pickExamples(links, examples),
    });
  }
  return { severity, total, pages: pages.size, groups };
}

/**
 * What to do about the links of a group: the cause's hint, and for links whose
 * pages have capitals in their URLs, the config setting that makes them lower-case.
 *
 * @example
 * ```ts
 * import { groupHint } from "./link_check.ts";
 * declare const group: import("./link_check.ts").LinkGroup;
 * console.log(groupHint(group));
 * ```
 */
export function groupHint(group: LinkGroup): string {
  const hint = CAUSE_TEXT[group.cause].hint;
  if (group.cause !== "wrong-case") return hint;
  const capitals = group.links.some((d) => /[A-Z]/.test(d.link.suggestion?.split("#")[0] ?? ""));
  return capitals
    ? `${hint}; some page URLs have capitals from their file names: ` +
      "`urls: { lowercase: true }` in the config makes every page URL lower-case"
    : hint;
}

/**
 * The report's last line: `12 broken links on 5 pages: 7 missing pages, 5 missing anchors`.
 *
 * @example
 * ```ts
 * import { linkSummary } from "./link_check.ts";
 * declare const report: import("./link_check.ts").LinkReport;
 * console.log(linkSummary(report));
 * ```
 */
export function linkSummary(report: LinkReport): string {
  const parts = report.groups.map((g) => {
    const text = CAUSE_TEXT[g.cause];
    return `${count(g.links.length)} ${g.links.length === 1 ? text.shortOne : text.shortMany}`;
  });
  return `${count(report.total)} broken link${report.total === 1 ? "" : "s"} on ` +
    `${count(report.pages)} page${report.pages === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/**
 * A number with thousands separators, as the report prints counts: `4,223`.
 *
 * @example
 * ```ts
 * import { count } from "./link_check.ts";
 * count(4223); // "4,223"
 * ```
 */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function pickExamples(
  links: readonly BrokenLinkDiagnostic[],
  wanted: number,
): LinkExample[] {
  if (wanted <= 0) return [];
  const byHref = new Map<string, { first: BrokenLinkDiagnostic; pages: Set<string> }>();
  for (const d of links) {
    const entry = byHref.get(d.link.href);
    if (entry === undefined) byHref.set(d.link.href, { first: d, pages: new Set([d.link.page]) });
    else entry.pages.add(d.link.page);
  }
  // Map order is the links' order: a stable sort keeps it among equals.
  const ranked = [...byHref.values()].sort((a, b) => b.pages.size - a.pages.size);
  const chosen: typeof ranked = [];
  const files = new Set<string>();
  for (const entry of ranked) {
    if (chosen.length === wanted) break;
    const file = entry.first.file ?? "";
    if (files.has(file)) continue;
    files.add(file);
    chosen.push(entry);
  }
  for (const entry of ranked) {
    if (chosen.length === wanted) break;
    if (!chosen.includes(entry)) chosen.push(entry);
  }
  return chosen
    .sort((a, b) => b.pages.size - a.pages.size || compareDiagnostics(a.first, b.first))
    .map((entry) => ({ diagnostic: entry.first, pages: entry.pages.size }));
}

function normalizeBasePath(basePath: string): string {
  let path = basePath.trim() || "/";
  if (!path.startsWith("/")) path = `/${path}`;
  return path.endsWith("/") ? path : `${path}/`;
}

/** `host[:port]` in lower case without user info or the scheme's default port. */
function hostOf(origin: string): string | null {
  const m = HTTP_URL.exec(origin.trim());
  return m === null ? null : normalizeHost(m[2], m[1]);
}

function normalizeHost(authority: string, scheme: string): string {
  const host = authority.slice(authority.lastIndexOf("@") + 1).toLowerCase();
  const defaultPort = scheme.toLowerCase() === "https" ? ":443" : ":80";
  // Either scheme is the same site: an `http://` link to it is still internal.
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}

/**
 * `rest` resolved against the folder `dir` (which ends with `/`). The leading `./`
 * and `../` of typical relative links are handled by slicing, without the general
 * dot-segment pass: this runs for most links of most pages.
 */
function resolveRelative(dir: string, rest: string): string {
  let base = dir;
  let i = 0;
  for (;;) {
    if (rest.startsWith("../", i)) {
      base = parentOf(base);
      i += 3;
    } else if (rest.startsWith("./", i)) {
      i += 2;
    } else break;
  }
  const tail = rest.slice(i);
  if (tail === "..") return parentOf(base);
  return tail === "." ? base : base + tail;
}

/** `/a/b/` → `/a/`; `/` stays `/`, as `..` at the root does in URLs. */
function parentOf(dir: string): string {
  return dir.length <= 1 ? dir : dir.slice(0, dir.lastIndexOf("/", dir.length - 2) + 1);
}

function hasDotSegment(path: string): boolean {
  return (path.includes("/.") || path.includes("%2")) && DOT_SEGMENT.test(path);
}

/** RFC 3986 dot-segment removal; `%2e` counts as `.`, as in browsers. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i].toLowerCase();
    const last = i === segments.length - 1;
    if (segment === "." || segment === "%2e") {
      if (last) out.push("");
    } else if (
      segment === ".." || segment === ".%2e" || segment === "%2e." || segment === "%2e%2e"
    ) {
      out.pop();
      if (last) out.push("");
    } else {
      out.push(segments[i]);
    }
  }
  return `/${out.join("/")}`;
}

function safeDecode(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Up to `count` of `candidates`, nearest to `wanted` by edit distance, then by name. */
function closest(wanted: string, candidates: readonly string[], count: number): string[] {
  return candidates
    .map((id) => ({ id, distance: editDistance(wanted, id) }))
    .sort((a, b) => a.distance - b.distance || compareStrings(a.id, b.id))
    .slice(0, count)
    .map((c) => c.id);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.message, b.message);
}
