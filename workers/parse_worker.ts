/**
 * Parse worker: front matter + Markdown (see src/parse/parser.ts). Never imports
 * Vento (see DESIGN.md).
 *
 * @module
 */
import type { ParseItem } from "../src/parse/parse_page.ts";
import { createParser, type Parsed, type Parser } from "../src/parse/parser.ts";
import type { ParseWorkerInit } from "../src/parse/plugins.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

serveWorker<ParseWorkerInit, ParseItem, Parsed, Parser>(
  createParser,
  // Bytes move to the main thread without a copy.
  (parsed) =>
    "meta" in parsed ? [parsed.meta.buffer as ArrayBuffer, parsed.html.buffer as ArrayBuffer] : [],
);
