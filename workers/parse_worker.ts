/**
 * Parse worker: front matter + Markdown. Never imports Vento (see DESIGN.md).
 *
 * @module
 */
import { createMarkdown } from "../src/parse/markdown.ts";
import {
  type ParseInit,
  type ParseItem,
  type ParseOutcome,
  parsePage,
} from "../src/parse/parse_page.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

serveWorker<ParseInit, ParseItem, ParseOutcome>(
  ({ markdown, taxonomies, text }) => {
    const md = createMarkdown(markdown);
    return (file) => parsePage(md, file, taxonomies, text);
  },
  // The HTML body is UTF-8 bytes: moved to the main thread without a copy.
  (outcome) => "page" in outcome ? [outcome.page.html.buffer as ArrayBuffer] : [],
);
