/**
 * Post stage, link check: where an href points. Turns the `href`/`src` of a page
 * into a path on the site, and that path into an output file.
 *
 * Contract: pure functions of their arguments, on plain strings — no `URL`
 * objects: the checker calls them for every link of every page, so they allocate
 * nothing beyond the strings they return. A *site path* starts with `/` and
 * includes the base path (`/docs/a/`); a *relative path* is relative to the base
 * path and has no leading slash (`a/`, `img/a.png`); an *output file* is a
 * relative path that is in the output (`a/index.html`).
 *
 * @module
 */

/**
 * A URL scheme at the start of an href: `https:`, `mailto:`, `data:`.
 *
 * @example
 * ```ts
 * import { SCHEME } from "./link_resolve.ts";
 * SCHEME.test("mailto:a@example.org"); // true
 * SCHEME.test("/docs/"); // false
 * ```
 */
export const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A file extension at the end of a path: a link with none names a page.
 *
 * @example
 * ```ts
 * import { FILE_EXTENSION } from "./link_resolve.ts";
 * FILE_EXTENSION.test("img/a.png"); // true
 * FILE_EXTENSION.test("docs/a/"); // false
 * ```
 */
export const FILE_EXTENSION = /\.[a-z0-9]+$/i;

/**
 * A Markdown file name: a link to the source of a page instead of the page.
 *
 * @example
 * ```ts
 * import { MARKDOWN_FILE } from "./link_resolve.ts";
 * MARKDOWN_FILE.test("../guide.md"); // true
 * ```
 */
export const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

/**
 * An HTML file name: a link to a page by its file (`a.html`) rather than its folder.
 *
 * @example
 * ```ts
 * import { HTML_FILE } from "./link_resolve.ts";
 * HTML_FILE.test("docs/a.htm"); // true
 * ```
 */
export const HTML_FILE = /\.html?$/i;

const HTTP_URL = /^(https?):\/\/([^/?#]*)([^?#]*)/i;
const PROTOCOL_RELATIVE = /^\/\/([^/?#]*)([^?#]*)/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * The base path as the checker compares it: with a leading and a trailing slash.
 *
 * @example
 * ```ts
 * import { normalizeBasePath } from "./link_resolve.ts";
 * normalizeBasePath("docs"); // "/docs/"
 * normalizeBasePath(""); // "/"
 * ```
 */
export function normalizeBasePath(basePath: string): string {
  let path = basePath.trim() || "/";
  if (!path.startsWith("/")) path = `/${path}`;
  return path.endsWith("/") ? path : `${path}/`;
}

/**
 * `host[:port]` of an origin in lower case, without user info or the scheme's
 * default port; `null` when it is not an `http(s)://` origin.
 *
 * @example
 * ```ts
 * import { hostOf } from "./link_resolve.ts";
 * hostOf("https://Example.org:443"); // "example.org"
 * ```
 */
export function hostOf(origin: string): string | null {
  const m = HTTP_URL.exec(origin.trim());
  return m === null ? null : normalizeHost(m[2], m[1]);
}

/**
 * The site path an href names, with its dot segments removed, or `null` when the
 * href leaves the site: another scheme, or another host than `siteHost` (`null`
 * when the site has no origin: then every absolute URL leaves it). `value` is the
 * trimmed href, `rest` the same without its `#fragment` and `?query` (not empty),
 * `pageDir` the site path of the page's folder, ending with `/`.
 *
 * @example
 * ```ts
 * import { sitePath } from "./link_resolve.ts";
 * sitePath("../b/#x", "../b/", "/docs/a/", null); // "/docs/b/"
 * sitePath("https://example.org/x", "https://example.org/x", "/", "example.org"); // "/x"
 * sitePath("mailto:a@example.org", "mailto:a@example.org", "/", null); // null
 * ```
 */
export function sitePath(
  value: string,
  rest: string,
  pageDir: string,
  siteHost: string | null,
): string | null {
  let path: string;
  if (SCHEME.test(value)) {
    const m = HTTP_URL.exec(value);
    if (m === null || siteHost === null || normalizeHost(m[2], m[1]) !== siteHost) return null;
    path = m[3] === "" ? "/" : m[3];
  } else if (value.startsWith("//")) {
    const m = PROTOCOL_RELATIVE.exec(value);
    if (m === null || siteHost === null || normalizeHost(m[1], "https") !== siteHost) return null;
    path = m[2] === "" ? "/" : m[2];
  } else {
    path = rest.startsWith("/") ? rest : resolveRelative(pageDir, rest);
  }
  return hasDotSegment(path) ? removeDotSegments(path) : path;
}

/**
 * The output file a relative path names: the file itself, or the `index.html` of
 * the folder it names (with or without its trailing slash); `null` for none.
 *
 * @example
 * ```ts
 * import { resolveFile } from "./link_resolve.ts";
 * const files = new Set(["index.html", "docs/index.html", "a.png"]);
 * resolveFile(files, "docs"); // "docs/index.html"
 * resolveFile(files, ""); // "index.html"
 * resolveFile(files, "b.png"); // null
 * ```
 */
export function resolveFile(files: ReadonlySet<string>, relative: string): string | null {
  if (relative === "" || relative.endsWith("/")) {
    const index = `${relative}index.html`;
    return files.has(index) ? index : null;
  }
  if (files.has(relative)) return relative;
  const index = `${relative}/index.html`;
  return files.has(index) ? index : null;
}

/**
 * The href that names output file `file` from anywhere on the site, with `fragment`.
 *
 * @example
 * ```ts
 * import { hrefOf } from "./link_resolve.ts";
 * hrefOf("/docs/", "guide/index.html", "install"); // "/docs/guide/#install"
 * hrefOf("/", "img/a b.png", null); // "/img/a%20b.png"
 * ```
 */
export function hrefOf(basePath: string, file: string, fragment: string | null): string {
  const path = file === "index.html"
    ? ""
    : file.endsWith("/index.html")
    ? file.slice(0, -"index.html".length)
    : file;
  return encodeURI(basePath + path) + (fragment === null ? "" : `#${fragment}`);
}

/**
 * RFC 3986 dot-segment removal from a site path; `%2e` counts as `.`, as in browsers.
 *
 * @example
 * ```ts
 * import { removeDotSegments } from "./link_resolve.ts";
 * removeDotSegments("/docs/a/../b/./c"); // "/docs/b/c"
 * removeDotSegments("/../a"); // "/a"
 * ```
 */
export function removeDotSegments(path: string): string {
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

/**
 * `text` percent-decoded, or as it is when it has no `%` or is not valid
 * percent-encoding (a broken link must still be reported, not throw).
 *
 * @example
 * ```ts
 * import { safeDecode } from "./link_resolve.ts";
 * safeDecode("caf%C3%A9"); // "café"
 * safeDecode("100%"); // "100%"
 * ```
 */
export function safeDecode(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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

/** A cheap test first: most paths have neither `/.` nor `%2`. */
function hasDotSegment(path: string): boolean {
  return (path.includes("/.") || path.includes("%2")) && DOT_SEGMENT.test(path);
}
