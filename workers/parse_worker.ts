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
  // Moved to the main thread without a copy (the body is in shared memory).
  (parsed) => "meta" in parsed ? [parsed.meta.buffer as ArrayBuffer] : [],
);
