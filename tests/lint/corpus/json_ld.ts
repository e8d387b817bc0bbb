// Structured data (JSON-LD) for articles.
import type { Page, SiteInfo } from "jsr:@floe/floe";

const CONTEXT = "https://schema.org";

export interface Person {
  readonly name: string;
  readonly url?: string;
}

export function articleJsonLd(page: Page, site: SiteInfo, author: Person): string {
  const data: Record<string, unknown> = {
    "@context": CONTEXT,
    "@type": "BlogPosting",
    headline: page.title,
    description: page.description || undefined,
    datePublished: page.date ?? undefined,
    dateModified: page.lastmod ?? page.date ?? undefined,
    author: { "@type": "Person", ...author },
    publisher: { "@type": "Organization", name: site.title },
    wordCount: page.wordCount,
  };
  if (page.terms.tags) data.keywords = page.terms.tags.map((t) => t.name).join(", ");
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}

export function breadcrumbJsonLd(page: Page, base: string): string {
  const items = [...page.breadcrumbs, page].map((p, i) => ({
    "@type": "ListItem",
    position: i + 1,
    name: p.title,
    item: new URL(p.url, base).href,
  }));
  return JSON.stringify({ "@context": CONTEXT, "@type": "BreadcrumbList", itemListElement: items });
}
