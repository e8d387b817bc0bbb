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
  return { ...data, html };
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
