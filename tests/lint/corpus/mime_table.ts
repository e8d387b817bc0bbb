// Content types for the dev server and the asset pipeline.
import { extname } from "node:path";

const MIME = new Map<string, string>([
  [".html", "text/html; charset=utf-8"],
  [".css", "text/css; charset=utf-8"],
  [".js", "text/javascript; charset=utf-8"],
  [".mjs", "text/javascript; charset=utf-8"],
  [".json", "application/json"],
  [".svg", "image/svg+xml"],
  [".png", "image/png"],
  [".jpg", "image/jpeg"],
  [".jpeg", "image/jpeg"],
  [".webp", "image/webp"],
  [".avif", "image/avif"],
  [".woff2", "font/woff2"],
  [".xml", "application/xml"],
  [".txt", "text/plain; charset=utf-8"],
]);

const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"]);

export function contentType(path: string): string {
  return MIME.get(extname(path).toLowerCase()) ?? "application/octet-stream";
}

export function isCompressible(path: string): boolean {
  return COMPRESSIBLE.has(extname(path).toLowerCase());
}

export function cacheControl(path: string, hashed: boolean): string {
  if (hashed) return "public, max-age=31536000, immutable";
  return contentType(path).startsWith("text/html") ? "no-cache" : "public, max-age=3600";
}
