/**
 * Parse worker: front matter + Markdown. Never imports Vento (see DESIGN.md).
 *
 * @module
 */
import type { MarkdownOptions } from "../src/config/config.ts";
import { createMarkdown } from "../src/parse/markdown.ts";
import { type ParseItem, type ParseOutcome, parsePage } from "../src/parse/parse_page.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

serveWorker<MarkdownOptions, ParseItem, ParseOutcome>(
  (options) => {
    const md = createMarkdown(options);
    return (file) => parsePage(md, file);
  },
  // The HTML body is UTF-8 bytes: moved to the main thread without a copy.
  (outcome) => "page" in outcome ? [outcome.page.html.buffer as ArrayBuffer] : [],
);
