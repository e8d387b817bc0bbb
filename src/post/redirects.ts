/**
 * Post stage: redirect pages, for aliases (old URLs of a moved page). A static host
 * has no server-side redirects, so each old URL gets a tiny HTML page that sends
 * browsers on and tells search engines where the page lives now.
 *
 * @module
 */
import { escapeAttribute } from "../base/html_scan.ts";
import { encodeUrl } from "./xml.ts";

/**
 * A redirect page to `target` (site-relative with the base path, or absolute): an
 * immediate `<meta http-equiv="refresh">`, `<link rel="canonical">` to `canonical`
 * (absolute) so search engines index the new URL, `noindex` for the old one, and a
 * visible link for browsers that do not follow the refresh. URLs are percent-encoded
 * where needed and escaped; quotes are encoded so they cannot end the refresh URL.
 *
 * @example
 * ```ts
 * import { redirectPage } from "./redirects.ts";
 * const html = redirectPage("/docs/new/", "https://example.org/docs/new/");
 * // … <meta http-equiv="refresh" content="0; url=/docs/new/"> …
 * ```
 */
export function redirectPage(target: string, canonical: string): string {
  const to = escapeAttribute(safeUrl(target));
  const canon = escapeAttribute(safeUrl(canonical));
  return [
    `<!DOCTYPE html>`,
    `<html>`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<title>Redirecting to ${to}</title>`,
    `<link rel="canonical" href="${canon}">`,
    `<meta name="robots" content="noindex">`,
    `<meta http-equiv="refresh" content="0; url=${to}">`,
    `</head>`,
    `<body>`,
    `<p>This page has moved to <a href="${to}">${to}</a>.</p>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}

// A `'` or `"` would end the URL of `content="0; url=…"` early for the browser's
// refresh parser, whatever the HTML escaping: encode them like spaces.
function safeUrl(url: string): string {
  return encodeUrl(url.trim()).replace(/'/g, "%27").replace(/"/g, "%22");
}
