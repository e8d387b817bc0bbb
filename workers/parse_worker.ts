/**
 * Parse worker: front matter + Markdown. Never imports Vento (see DESIGN.md).
 *
 * @module
 */
import type { MarkdownOptions } from "../src/config/config.ts";
import { createMarkdown } from "../src/parse/markdown.ts";
import { type ParseItem, type ParseOutcome, parsePage } from "../src/parse/parse_page.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

serveWorker<MarkdownOptions, ParseItem, ParseOutcome>((options) => {
  const md = createMarkdown(options);
  return (file) => parsePage(md, file);
});
