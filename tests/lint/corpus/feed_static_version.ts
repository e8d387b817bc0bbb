// JSON Feed output; the spec version sits in a (writable) static field.
import type { Page, SiteInfo } from "jsr:@floe/floe";

export class JsonFeed {
  static version = "https://jsonfeed.org/version/1.1"; // expect: floe/no-module-mutable-state
  static readonly MAX_ITEMS = 50;

  constructor(private readonly site: SiteInfo, private readonly base: string) {}

  item(page: Page): Record<string, unknown> {
    return {
      id: new URL(page.url, this.base).href,
      url: new URL(page.url, this.base).href,
      title: page.title,
      content_html: page.excerpt,
      date_published: page.date ?? undefined,
    };
  }

  render(pages: readonly Page[]): string {
    return JSON.stringify({
      version: JsonFeed.version,
      title: this.site.title,
      home_page_url: this.base,
      items: pages.slice(0, JsonFeed.MAX_ITEMS).map((p) => this.item(p)),
    }, null, 2);
  }
}
