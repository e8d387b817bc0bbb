// URL helpers for templates (plain JavaScript).
const BASE = Object.freeze({ origin: "https://example.org", trailingSlash: true });
const MULTIPLE_SLASHES = /\/{2,}/g;

export function joinUrl(...parts) {
  const joined = "/" + parts.filter(Boolean).join("/");
  return joined.replace(MULTIPLE_SLASHES, "/");
}

export function withTrailingSlash(path) {
  if (!BASE.trailingSlash) return path;
  if (path.endsWith("/") || /\.[a-z0-9]+$/i.test(path)) return path;
  return path + "/";
}

export function absolute(path) {
  return new URL(withTrailingSlash(path), BASE.origin).href;
}

export function isExternal(href) {
  try {
    return new URL(href, BASE.origin).origin !== BASE.origin;
  } catch {
    return false;
  }
}

export function relative(from, to) {
  const a = from.split("/").filter(Boolean);
  const b = to.split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => "..");
  return [...up, ...b.slice(i)].join("/") || ".";
}
