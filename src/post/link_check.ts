/**
 * Post stage: the internal link checker. Every `href`/`src` of every rendered page
 * that points into the site must name an output file, and its `#fragment` an
 * element of the target page. Works on what `scanHtml` found, with plain
 * string and set operations (no `URL` objects on the hot path): it sees every link
 * of every page.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { editDistance } from "../errors/suggest.ts";
import { type Diagnostic, error, warning } from "../errors/diagnostic.ts";

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
  /** Ids a fragment can target on this page (from `scanHtml`). */
  readonly ids: readonly string[];
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

/** Why a link is broken, and what to do about it. */
interface Problem {
  readonly reason: string;
  readonly hint: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HTTP_URL = /^(https?):\/\/([^/?#]*)([^?#]*)/i;
const PROTOCOL_RELATIVE = /^\/\/([^/?#]*)([^?#]*)/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;
const FILE_EXTENSION = /\.[a-z0-9]+$/i;
const MAX_SUGGESTED_IDS = 5;

/**
 * Checks every internal link of every page and returns one `broken-link` diagnostic
 * per page and href (the first occurrence), sorted by file, line and message.
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
 *   }],
 *   files: new Set(["a/index.html"]),
 *   basePath: "/", siteOrigin: null, severity: "warning",
 * });
 * // [{ severity: "warning", code: "broken-link", file: "content/a.md", line: 3,
 * //    message: 'broken link "/b/" (no such page)', hint: "…" }]
 * ```
 */
export function checkLinks(input: LinkCheckInput): Diagnostic[] {
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
  const report = input.severity === "error" ? error : warning;
  const diagnostics: Diagnostic[] = [];

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
      if (page.source === null) {
        diagnostics.push(
          report("broken-link", message, {
            file: page.outputPath,
            line: link.line,
            hint: problem.hint,
          }),
        );
      } else if (sourceLine !== undefined) {
        diagnostics.push(
          report("broken-link", message, {
            file: page.source,
            line: sourceLine,
            hint: problem.hint,
          }),
        );
      } else {
        diagnostics.push(
          report("broken-link", message, {
            file: page.source,
            hint: `${problem.hint} (the link is not in the Markdown: it is on line ${link.line} ` +
              `of the output ${page.outputPath}, from the layout or raw HTML)`,
          }),
        );
      }
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
      return fragment === null ? null : checkFragment(fragment, page);
    } else {
      path = rest.startsWith("/") ? rest : resolveRelative(pageDir, rest);
    }

    if (hasDotSegment(path)) path = removeDotSegments(path);
    if (!path.startsWith(basePath)) {
      if (path + "/" === basePath) path = basePath; // `/docs` for `/docs/`: the server adds the slash
      else return outsideSite(path);
    }
    const relative = safeDecode(path.slice(basePath.length));
    const file = resolveFile(relative);
    if (file === null) return missing(value, relative, pageDir);
    if (fragment === null) return null;
    const target = pagesByPath.get(file);
    return target === undefined ? null : checkFragment(fragment, target);
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

  function checkFragment(fragment: string, target: ScannedPage): Problem | null {
    if (fragment === "") return null;
    const ids = idsOf(target);
    if (ids.has(fragment)) return null;
    // `#top` scrolls to the top without an element; `#:~:text=` is a text fragment.
    if (fragment.toLowerCase() === "top" || fragment.startsWith(":~:")) return null;
    const id = safeDecode(fragment);
    if (ids.has(id)) return null;
    const close = closest(id, target.ids, MAX_SUGGESTED_IDS);
    return {
      reason: `no element with id "${id}" on ${target.url}`,
      hint: close.length === 0
        ? `${target.url} has no element with an id`
        : `the ids on ${target.url} closest to "${id}" are: ${close.join(", ")}`,
    };
  }

  function outsideSite(path: string): Problem {
    const suggestion = basePath + path.replace(/^\/+/, "");
    const exists = resolveFile(safeDecode(suggestion.slice(basePath.length))) !== null;
    return {
      reason: `outside the site, whose URLs start with ${basePath}`,
      hint: (exists ? `did you mean "${suggestion}"? ` : "") +
        `links to this site's pages must start with the base path ${basePath}: ` +
        "use the `url` filter in layouts, or a relative link",
    };
  }

  function missing(href: string, relative: string, pageDir: string): Problem {
    const isPage = !FILE_EXTENSION.test(relative) || /\.html?$/i.test(relative);
    const reason = isPage ? "no such page" : "no such file";
    if (/\.md$/i.test(relative)) {
      return {
        reason,
        hint: "link to the page's URL (like /section/page/), not to its Markdown file",
      };
    }
    // A common slip: `docs/a/` written for `/docs/a/`, resolved against this page.
    if (!href.startsWith("/") && !href.startsWith(".") && !SCHEME.test(href)) {
      const rooted = href.replace(/[?#].*$/, "");
      if (resolveFile(safeDecode(rooted)) !== null) {
        return {
          reason,
          hint: `did you mean "${basePath}${rooted}"? a relative link is resolved ` +
            `against the page's own URL, ${pageDir}`,
        };
      }
    }
    return {
      reason,
      hint: isPage
        ? `check the path; pages have URLs like ${basePath}section/page/`
        : `check the path; files from static/ keep their path under ${basePath}`,
    };
  }
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
    compareStrings(a.message, b.message);
}
