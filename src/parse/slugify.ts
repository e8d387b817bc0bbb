/**
 * Slugs for heading ids, URLs and (later) taxonomy terms.
 *
 * @module
 */

/**
 * Turns text into a URL- and id-safe slug: lower case, letters and digits of any
 * script kept, everything else collapsed into single hyphens. Stable: the same text
 * always gives the same slug. Empty input gives `""`.
 *
 * @example
 * ```ts
 * import { slugify } from "./slugify.ts";
 * slugify("Hello, World!"); // "hello-world"
 * slugify("Ünïcode Straße"); // "ünïcode-straße"
 * ```
 */
export function slugify(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z]+;|&#\d+;/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
