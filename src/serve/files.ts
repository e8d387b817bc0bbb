/**
 * Serving the output folder: request paths resolved under the site's base path,
 * refused when they would leave the folder (`..`, encoded or not, and symlinks
 * that point out of it), directories answered with their `index.html`, the
 * site's `404.html` with status 404, and a content type for every file kind a
 * site holds. HTML is handed to a transform on the way out (the live-reload
 * client is injected there, never into the files on disk).
 *
 * @module
 */
import { extname, join, relative, sep } from "node:path";

/** Content types by extension; anything else is `application/octet-stream`. */
const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
  ".rss": "application/rss+xml",
  ".atom": "application/atom+xml",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".wav": "audio/wav",
  ".zip": "application/zip",
};

/**
 * The content type of a file name.
 *
 * @example
 * ```ts
 * import { contentType } from "./files.ts";
 * contentType("a/index.html"); // "text/html; charset=utf-8"
 * ```
 */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The base path of a site's `baseURL`: `"/"`, or `"/docs/"` for
 * `https://example.org/docs/`.
 *
 * @example
 * ```ts
 * import { basePath } from "./files.ts";
 * basePath("https://example.org/docs"); // "/docs/"
 * ```
 */
export function basePath(baseURL: string): string {
  const path = new URL(baseURL, "http://localhost/").pathname;
  return path.endsWith("/") ? path : `${path}/`;
}

/** Where a request path leads. */
export type Resolved =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "missing" }
  | { readonly kind: "refused" };

/**
 * Resolves a request's URL path to a file of the output folder. The path is
 * decoded once; a `..` segment, a backslash or a NUL is refused whatever its
 * spelling, and the file's real path (symlinks followed) must be inside the
 * folder's real path.
 *
 * @example
 * ```ts
 * import { resolveRequest } from "./files.ts";
 * const r = await resolveRequest("/site/_site", "/", "/docs/");
 * // { kind: "file", path: "/site/_site/docs/index.html" } when it exists
 * ```
 */
export async function resolveRequest(
  root: string,
  base: string,
  pathname: string,
): Promise<Resolved> {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { kind: "refused" };
  }
  if (/[\\\0]/.test(path) || path.split("/").some((s) => s === "..")) return { kind: "refused" };
  if (`${path}/` === base) return { kind: "redirect", location: base };
  if (!path.startsWith(base)) return { kind: "missing" };
  const rel = path.slice(base.length);
  let file = join(root, rel);
  let info = await stat(file);
  if (info?.isDirectory) {
    if (!path.endsWith("/")) return { kind: "redirect", location: `${pathname}/` };
    file = join(file, "index.html");
    info = await stat(file);
  }
  if (!info?.isFile) return { kind: "missing" };
  const real = await Deno.realPath(file).catch(() => null);
  const realRoot = await Deno.realPath(root).catch(() => null);
  if (!real || !realRoot) return { kind: "missing" };
  const inside = relative(realRoot, real);
  if (inside.startsWith(`..${sep}`) || inside === ".." || inside.startsWith(sep)) {
    return { kind: "refused" };
  }
  return { kind: "file", path: file };
}

async function stat(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch {
    return null;
  }
}
