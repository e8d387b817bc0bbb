/**
 * Parse worker: front matter + Markdown (see src/parse/parser.ts). Never imports
 * Vento (see DESIGN.md).
 *
 * @module
 */
import type { ParseItem } from "../src/parse/parse_page.ts";
import { type ParsedBytes, toBytes } from "../src/parse/page_codec.ts";
import { createParser, type Parser } from "../src/parse/parser.ts";
import type { ParseWorkerInit } from "../src/parse/plugins.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

type Handler = ((file: ParseItem) => Promise<ParsedBytes>) & Pick<Parser, "kept">;

serveWorker<ParseWorkerInit, ParseItem, ParsedBytes, Handler>(
  async (init, previous) => {
    const parse = await createParser(init, previous);
    return Object.assign((file: ParseItem) => parse(file).then(toBytes), { kept: parse.kept });
  },
  // Bytes move to the main thread without a copy.
  (parsed) =>
    "meta" in parsed ? [parsed.meta.buffer as ArrayBuffer, parsed.html.buffer as ArrayBuffer] : [],
);
