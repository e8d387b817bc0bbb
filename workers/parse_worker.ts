/**
 * Parse worker: front matter + Markdown (see src/parse/parser.ts). Never imports
 * Vento (see DESIGN.md).
 *
 * @module
 */
import { join } from "node:path";
import { BodyFile } from "../src/base/body.ts";
import type { ParseItem } from "../src/parse/parse_page.ts";
import { packParsed, type ParsedBytes, toBytes } from "../src/parse/page_codec.ts";
import { createParser, type Parser } from "../src/parse/parser.ts";
import type { ParseWorkerInit } from "../src/parse/plugins.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

type Handler = ((file: ParseItem) => Promise<ParsedBytes>) & Pick<Parser, "kept">;

serveWorker<ParseWorkerInit, ParseItem, ParsedBytes, Handler>(
  async (init, previous) => {
    const parse = await createParser(init, previous);
    // A file of its own per worker and build, named so the session can tell its
    // files from those of a build that was killed (see `removeBodyFiles`).
    let bodies = init.bodies
      ? new BodyFile(join(init.bodies, `bodies-${Deno.pid}-${crypto.randomUUID()}.bin`))
      : undefined;
    const send = (parsed: Awaited<ReturnType<Parser>>) => {
      try {
        return toBytes(parsed, bodies);
      } catch {
        // A full disk costs the build its memory saving, not its pages.
        bodies = undefined;
        return toBytes(parsed);
      }
    };
    return Object.assign((file: ParseItem) => parse(file).then(send), { kept: parse.kept });
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
  packParsed,
);
