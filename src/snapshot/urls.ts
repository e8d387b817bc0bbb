/**
 * URLs and output paths: where a content file ends up, and the guarantee that
 * nothing is written outside the output folder, whatever a `url` or `slug` says.
 *
 * @module
 */

/**
 * The output file for a site-relative URL: `/a/b/` → `a/b/index.html`,
 * `/feed.xml` → `feed.xml`.
 *
 * @example
 * ```ts
 * import { outputPathFor } from "./urls.ts";
 * outputPathFor("/docs/install/"); // "docs/install/index.html"
 * ```
 */
export function outputPathFor(url: string): string {
  const path = decodeURIComponentSafe(url).replace(/^\/+/, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

/**
 * Normalizes a site-relative URL from front matter, or explains why it is unsafe.
 * A URL without a file extension gets a trailing slash (pretty URLs).
 *
 * @example
 * ```ts
 * import { normalizeUrl } from "./urls.ts";
 * normalizeUrl("about/team"); // { url: "/about/team/" }
 * normalizeUrl("../../etc"); // { problem: "…" }
 * ```
 */
export function normalizeUrl(
  raw: string,
): { url: string } | { problem: string } {
  const value = raw.trim();
  if (value === "") return { problem: "it is empty" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
    return {
      problem: "it is an absolute URL or path with a scheme or host; use a path like /about/",
    };
  }
  if (/[\\\0]/.test(value)) {
    return { problem: "it contains a backslash or NUL character" };
  }
  const segments = value.split("/").filter((s) => s !== "" && s !== ".");
  if (
    segments.some((s) => s === ".." || decodeURIComponentSafe(s).includes(".."))
  ) {
    return {
      problem: "it contains `..`, which would write outside the output folder",
    };
  }
  const last = segments[segments.length - 1] ?? "";
  const isFile = /\.[a-z0-9]+$/i.test(last) && !value.endsWith("/");
  const path = "/" + segments.join("/");
  return { url: isFile || path === "/" ? path : `${path}/` };
}

/**
 * Checks a `slug`: one path segment, no separators, no `.`/`..`.
 *
 * @example
 * ```ts
 * import { slugProblem } from "./urls.ts";
 * slugProblem("hello-world"); // undefined
 * slugProblem("../x"); // "…"
 * ```
 */
export function slugProblem(raw: string): string | undefined {
  // Judge what the slug becomes on disk: `%2E%2E` is `..` there.
  const slug = decodeURIComponentSafe(raw);
  if (slug.trim() === "") return "it is empty";
  if (/[\/\\\0]/.test(slug)) {
    return "it contains a path separator; use `url` to move a page to another folder";
  }
  if (slug === "." || slug === ".." || slug.includes("..")) {
    return "it contains `..`, which would write outside the output folder";
  }
  return undefined;
}

/**
 * The URL of a folder path made of file and folder names taken literally: a
 * file named `a%2Fb.md` is the page `/a%252Fb/`, written to `a%2Fb/index.html`
 * (not `a/b/`), as its name says.
 *
 * @example
 * ```ts
 * import { folderUrl } from "./urls.ts";
 * folderUrl(["docs", "my notes"]); // "/docs/my%20notes/"
 * folderUrl([]); // "/"
 * ```
 */
export function folderUrl(names: readonly string[]): string {
  return names.length ? `/${names.map(encodeURIComponent).join("/")}/` : "/";
}

/**
 * Encodes a path of file names as a URL (spaces and non-ASCII percent-encoded).
 *
 * @example
 * ```ts
 * import { encodePath } from "./urls.ts";
 * encodePath("/my notes/"); // "/my%20notes/"
 * ```
 */
export function encodePath(path: string): string {
  return path.split("/").map((s) => encodeURIComponent(decodeURIComponentSafe(s))).join("/");
}

/**
 * `decodeURIComponent`, or the text as it is when it is not valid percent-encoding.
 *
 * @example
 * ```ts
 * import { decodeURIComponentSafe } from "./urls.ts";
 * decodeURIComponentSafe("caf%C3%A9"); // "café"
 * decodeURIComponentSafe("100%"); // "100%"
 * ```
 */
export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * URL helpers for a base URL: `local` prefixes the base path (`/docs/a/`),
 * `absolute` gives the full URL when the base URL has a host (else the local one).
 * The `url`/`absURL` filters, the feeds, the sitemap and the link checker all use it,
 * so they agree on what a site URL is.
 *
 * @example
 * ```ts
 * import { siteLinks } from "./urls.ts";
 * siteLinks("https://example.org/docs/").absolute("/a/"); // "https://example.org/docs/a/"
 * ```
 */
export function siteLinks(baseURL: string): {
  hasHost: boolean;
  basePath: string;
  origin: string | null;
  local(url: string): string;
  absolute(url: string): string;
} {
  const hasHost = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseURL);
  const base = new URL(baseURL, "http://localhost/");
  const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  const local = (url: string) => basePath + url.replace(/^\/+/, "");
  return {
    hasHost,
    basePath,
    origin: hasHost ? base.origin : null,
    local,
    absolute: (url: string) =>
      hasHost ? new URL(url.replace(/^\/+/, ""), new URL(basePath, base)).href : local(url),
  };
}
