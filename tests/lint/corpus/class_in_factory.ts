// A counter class declared per build: its static state dies with the build.
import type { Page } from "jsr:@floe/floe";

export function createFootnoteNumbering() {
  class Footnotes {
    static next = 1;
    static readonly byId = new Map<string, number>();

    static number(id: string): number {
      let n = Footnotes.byId.get(id);
      if (n === undefined) {
        n = Footnotes.next++;
        Footnotes.byId.set(id, n);
      }
      return n;
    }
  }
  return (id: string) => Footnotes.number(id);
}

export function numberFootnotes(page: Page, html: string): string {
  const numberOf = createFootnoteNumbering();
  return html.replace(
    /\[\^([\w-]+)\]/g,
    (_, id: string) => `<sup><a href="${page.url}#fn-${id}">${numberOf(id)}</a></sup>`,
  );
}
