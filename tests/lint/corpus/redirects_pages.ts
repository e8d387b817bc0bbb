// Redirect pages for front matter aliases.
import type { Page } from "jsr:@floe/floe";

const TEMPLATE = (to: string) => `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Redirecting\u2026</title>
<link rel="canonical" href="${to}">
<meta http-equiv="refresh" content="0; url=${to}">
<a href="${to}">Moved here</a>
</html>
`;

export interface RedirectFile {
  readonly path: string;
  readonly html: string;
}

export function redirectsFor(pages: readonly Page[]): RedirectFile[] {
  const files: RedirectFile[] = [];
  const taken = new Set(pages.map((p) => p.url));
  for (const page of pages) {
    for (const alias of page.aliases) {
      if (taken.has(alias)) {
        throw new Error(`alias ${alias} of ${page.url} is also a page`);
      }
      taken.add(alias);
      const dir = alias.endsWith("/") ? alias : `${alias}/`;
      files.push({ path: `${dir.slice(1)}index.html`, html: TEMPLATE(page.url) });
    }
  }
  return files;
}

export function netlifyRedirects(pages: readonly Page[]): string {
  return pages.flatMap((p) => p.aliases.map((a) => `${a} ${p.url} 301`)).join("\n") + "\n";
}
