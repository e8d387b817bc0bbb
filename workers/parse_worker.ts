/**
 * Parse worker: front matter + Markdown. Never imports Vento (see DESIGN.md).
 *
 * @module
 */
import { serialize } from "node:v8";
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
    return (file) => {
      const outcome = parsePage(md, file, taxonomies, text);
      // Serialized here, in parallel, for the parse cache: not on the main thread.
      // Copied out of Node's pooled buffer, so that moving it moves only its bytes.
      return "page" in outcome
        ? { ...outcome, serialized: new Uint8Array(serialize(outcome.page)) }
        : outcome;
    };
  },
  // Bytes move to the main thread without a copy.
  (outcome) =>
    "page" in outcome
      ? [outcome.page.html.buffer as ArrayBuffer, outcome.serialized!.buffer as ArrayBuffer]
      : [],
);
