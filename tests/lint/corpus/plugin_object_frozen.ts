// A floe plugin exported as a frozen object.
import type { Page } from "jsr:@floe/floe";

export interface FloePlugin {
  readonly name: string;
  transformHtml?(html: string, page: Page): string;
  filters?: Readonly<Record<string, (value: unknown, ...args: unknown[]) => unknown>>;
}

const HEADING = /<h([2-4]) id="([^"]+)">/g;

function anchorLinks(html: string): string {
  return html.replace(
    HEADING,
    (whole, level: string, id: string) =>
      `${whole}<a class="anchor" href="#${id}" aria-label="Link to this section"></a>`,
  );
}

export const anchorsPlugin: FloePlugin = Object.freeze({
  name: "anchors",
  transformHtml: (html: string) => anchorLinks(html),
  filters: Object.freeze({
    anchor: (value: unknown) => `#${String(value)}`,
  }),
});

export default anchorsPlugin;
