/**
 * Parse worker: front matter + Markdown (see src/parse/parser.ts). Never imports
 * Vento (see DESIGN.md).
 *
 * @module
 */
import type { ParseItem, ParseOutcome } from "../src/parse/parse_page.ts";
import { createParser, type Parser } from "../src/parse/parser.ts";
import type { ParseWorkerInit } from "../src/parse/plugins.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

serveWorker<ParseWorkerInit, ParseItem, ParseOutcome, Parser>(
  createParser,
  // Bytes move to the main thread without a copy.
  (outcome) =>
    "page" in outcome
      ? [outcome.page.html.buffer as ArrayBuffer, outcome.serialized!.buffer as ArrayBuffer]
      : [],
);
