/**
 * A parsed page as bytes, for the parse cache and for the way from a parse worker
 * to the main thread: the body and the plain text as they are, everything else as JSON. V8's serializer
 * (and `node:v8`'s) is several times slower for these records, and the parse
 * workers encode every page they parse. Loads no Markdown: the main thread of a
 * build that parses in workers never needs markdown-it or highlight.js.
 *
 * @module
 */
import { packInto } from "../base/arrays.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";
import type { ParsedPage } from "./parse_page.ts";
import type { Body, BodyFile } from "../base/body.ts";

/**
 * Encodes everything but the body and the plain text of a page as JSON (UTF-8). Front matter is
 * plain data; numbers JSON cannot hold (`.inf`, `.nan` in YAML) are kept as
 * tagged strings.
 *
 * @example
 * ```ts
 * import { decodePage, encodePage } from "./page_codec.ts";
 * declare const page: import("./parse_page.ts").ParsedPage;
 * const copy = decodePage(encodePage(page), page.html, page.text);
 * ```
 */
export function encodePage(page: ParsedPage): Uint8Array {
  const { html: _, text: __, ...meta } = page;
  // A replacer takes JSON.stringify off its fast path: used only for the rare page
  // whose front matter holds such a number (the other fields are finite by making).
  const json = hasOddNumber(page.frontMatter)
    ? JSON.stringify(
      meta,
      (_key, value) =>
        typeof value === "number" && !Number.isFinite(value)
          ? { [NUMBER_TAG]: String(value) }
          : value,
    )
    : JSON.stringify(meta);
  return new TextEncoder().encode(json);
}

/**
 * The page {@link encodePage} encoded, with its body and plain text.
 *
 * @example
 * ```ts
 * import { decodePage, encodePage } from "./page_codec.ts";
 * declare const page: import("./parse_page.ts").ParsedPage;
 * decodePage(encodePage(page), page.html, page.text).file === page.file; // true
 * ```
 */
export function decodePage(meta: Uint8Array, html: Body, text: Body): ParsedPage {
  const json = new TextDecoder().decode(meta);
  // As in `encodePage`: a reviver only where a tagged number was written.
  const data = json.includes(NUMBER_TAG)
    ? JSON.parse(
      json,
      (_key, value) =>
        typeof value === "object" && value !== null && NUMBER_TAG in value
          ? Number(value[NUMBER_TAG])
          : value,
    )
    : JSON.parse(json);
  return { ...data, html, text };
}

/** Whether plain data holds `Infinity`, `-Infinity` or `NaN` anywhere. */
function hasOddNumber(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value !== "object" || value === null) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (hasOddNumber(item)) return true;
  }
  return false;
}

/** Marks a number JSON cannot write (`Infinity`, `NaN`). */
const NUMBER_TAG = "$floe:number";

/**
 * A parsed page, and everything but its body and text encoded for the parse cache (see
 * `encodePage`).
 *
 * @example
 * ```ts
 * import type { Parsed } from "./page_codec.ts";
 * const bad: Parsed = { diagnostics: [] };
 * ```
 */
export type Parsed =
  | { readonly page: ParsedPage; readonly meta: Uint8Array }
  | { readonly diagnostics: Diagnostic[] };

/**
 * A parse as it crosses from a worker to the main thread: the cache's bytes alone,
 * moved, not copied. The page as an object cost each parse worker 5% of its time
 * to send beside them, and the main thread as much to receive as to decode.
 *
 * @example
 * ```ts
 * import type { ParsedBytes } from "./page_codec.ts";
 * const bad: ParsedBytes = { diagnostics: [] };
 * ```
 */
export type ParsedBytes =
  | { readonly meta: Uint8Array; readonly html: Body; readonly text: Body }
  | { readonly diagnostics: Diagnostic[] };

/**
 * A parse as bytes, for the way to the main thread; the body and the plain text
 * written to `bodies` when given (a body file), so that only where they are crosses.
 *
 * @example
 * ```ts
 * import { toBytes } from "./page_codec.ts";
 * toBytes({ diagnostics: [] }); // { diagnostics: [] }
 * ```
 */
export function toBytes(parsed: Parsed, bodies?: BodyFile): ParsedBytes {
  if (!("page" in parsed)) return parsed;
  const { html, text } = parsed.page;
  const spill = (bytes: Body) =>
    bodies && bytes instanceof Uint8Array && bytes.length ? bodies.append(bytes) : bytes;
  return { meta: parsed.meta, html: spill(html), text: spill(text) };
}

/**
 * `sent` with the bodies `bodies` could not write (see `BodyFile.flush`) back in
 * it as bytes: a full disk costs the build its memory saving, not its pages.
 *
 * @example
 * ```ts
 * import { toBytes, unspill } from "./page_codec.ts";
 * import { BodyFile } from "../base/body.ts";
 * const file = new BodyFile("/tmp/bodies-unspill.bin");
 * unspill(toBytes({ diagnostics: [] }, file), file); // { diagnostics: [] }
 * ```
 */
export function unspill(sent: ParsedBytes, bodies: BodyFile): ParsedBytes {
  if (!("meta" in sent)) return sent;
  const back = (body: Body) => body instanceof Uint8Array ? body : bodies.unwritten(body) ?? body;
  return { meta: sent.meta, html: back(sent.html), text: back(sent.text) };
}

/**
 * A batch of parses with their data copied into one buffer, as views of it: the
 * batch's data moves to the main thread as one buffer, not one small one a page,
 * each an allocation the main thread would make, keep and free (it drops the data
 * once the parse cache is written). Bodies and texts keep buffers of their own: a
 * body is sent on to a render worker, and a view would take its whole buffer along.
 *
 * @example
 * ```ts
 * import { packParsed } from "./page_codec.ts";
 * packParsed([{ diagnostics: [] }]); // [{ diagnostics: [] }]
 * ```
 */
export function packParsed(batch: readonly ParsedBytes[]): ParsedBytes[] {
  let total = 0;
  for (const parsed of batch) if ("meta" in parsed) total += parsed.meta.length;
  const pack = packInto(new Uint8Array(total));
  return batch.map((parsed) => "meta" in parsed ? { ...parsed, meta: pack(parsed.meta) } : parsed);
}

/**
 * A parse from its bytes, back on the main thread.
 *
 * @example
 * ```ts
 * import { fromBytes } from "./page_codec.ts";
 * fromBytes({ diagnostics: [] }); // { diagnostics: [] }
 * ```
 */
export function fromBytes(bytes: ParsedBytes): Parsed {
  return "meta" in bytes
    ? { page: decodePage(bytes.meta, bytes.html, bytes.text), meta: bytes.meta }
    : bytes;
}
