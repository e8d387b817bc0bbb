/**
 * A parsed page as bytes, for the parse cache: the body as it is, everything
 * else as JSON. V8's serializer (and `node:v8`'s) is several times slower for
 * these records, and the parse workers encode every page they parse.
 *
 * @module
 */
import type { ParsedPage } from "./parse_page.ts";

/**
 * Encodes everything but the body of a page as JSON (UTF-8). Front matter is
 * plain data; numbers JSON cannot hold (`.inf`, `.nan` in YAML) are kept as
 * tagged strings.
 *
 * @example
 * ```ts
 * import { decodePage, encodePage } from "./page_codec.ts";
 * declare const page: import("./parse_page.ts").ParsedPage;
 * const copy = decodePage(encodePage(page), page.html);
 * ```
 */
export function encodePage(page: ParsedPage): Uint8Array {
  const { html: _, ...meta } = page;
  return new TextEncoder().encode(
    JSON.stringify(
      meta,
      (_key, value) =>
        typeof value === "number" && !Number.isFinite(value)
          ? { [NUMBER_TAG]: String(value) }
          : value,
    ),
  );
}

/**
 * The page {@link encodePage} encoded, with its body.
 *
 * @example
 * ```ts
 * import { decodePage, encodePage } from "./page_codec.ts";
 * declare const page: import("./parse_page.ts").ParsedPage;
 * decodePage(encodePage(page), page.html).file === page.file; // true
 * ```
 */
export function decodePage(meta: Uint8Array, html: Uint8Array): ParsedPage {
  const data = JSON.parse(
    new TextDecoder().decode(meta),
    (_key, value) =>
      typeof value === "object" && value !== null && NUMBER_TAG in value
        ? Number(value[NUMBER_TAG])
        : value,
  );
  return { ...data, html };
}

/** Marks a number JSON cannot write (`Infinity`, `NaN`). */
const NUMBER_TAG = "$floe:number";
