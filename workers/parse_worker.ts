/**
 * Parse worker: front matter + Markdown (see src/parse/parser.ts). Never imports
 * Vento (see DESIGN.md).
 *
 * @module
 */
import { join } from "node:path";
import { BodyFile } from "../src/base/body.ts";
import type { ParseItem } from "../src/parse/parse_page.ts";
import { packParsed, type ParsedBytes, toBytes, unspill } from "../src/parse/page_codec.ts";
import { createParser, type Parser } from "../src/parse/parser.ts";
import type { ParseWorkerInit } from "../src/parse/plugins.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

type Handler = ((file: ParseItem) => Promise<ParsedBytes>) & Pick<Parser, "kept"> & {
  /** Writes the batch's bodies out before it is sent (see `BodyFile`). */
  flush(batch: ParsedBytes[]): ParsedBytes[];
};

serveWorker<ParseWorkerInit, ParseItem, ParsedBytes, Handler>(
  async (init, previous) => {
    const parse = await createParser(init, previous);
    // A file of its own per worker and build, named so the session can tell its
    // files from those of a build that was killed (see `removeBodyFiles`).
    let bodies = init.bodies
      ? new BodyFile(join(init.bodies, `bodies-${Deno.pid}-${crypto.randomUUID()}.bin`))
      : undefined;
    const send = (parsed: Awaited<ReturnType<Parser>>) => toBytes(parsed, bodies);
    const flush = (batch: ParsedBytes[]) => {
      if (!bodies) return batch;
      try {
        bodies.flush();
        return batch;
      } catch {
        // A full disk costs the build its memory saving, not its pages.
        const file = bodies;
        bodies = undefined;
        const back = batch.map((sent) => unspill(sent, file));
        try {
          file.close(); // flushes again, and fails again: the descriptor is closed all the same
        } catch { /* its bodies went back as bytes */ }
        return back;
      }
    };
    return Object.assign((file: ParseItem) => parse(file).then(send), {
      kept: parse.kept,
      flush,
    });
  },
  // Bytes move to the main thread without a copy, a batch's data in one buffer (see `packParsed`).
  (parsed) => {
    if (!("meta" in parsed)) return [];
    const moved = [parsed.meta.buffer as ArrayBuffer];
    for (const bytes of [parsed.html, parsed.text]) {
      if (bytes instanceof Uint8Array) moved.push(bytes.buffer as ArrayBuffer);
    }
    return moved;
  },
  (batch, handle) => packParsed(handle.flush(batch)),
);
