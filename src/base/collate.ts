/**
 * Text order for people: English collation (`"a".localeCompare("B", "en")`), with
 * the common case — both texts printable ASCII — worked out here. The first
 * collation in a thread loads ICU's collation data, 10–25 ms, a tenth of a small
 * site's build; titles and names are mostly ASCII.
 *
 * @module
 */

/**
 * Printable ASCII in English collation order, letters case-folded: spaces, then
 * punctuation and symbols, digits, letters (CLDR root order; `a` and `A` differ
 * only in case, which decides last).
 */
const ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

/** Primary weight by char code (32–126); letters share one per case pair. */
const PRIMARY: Readonly<Uint8Array> = (() => {
  const weights = new Uint8Array(127);
  for (let i = 0; i < ORDER.length; i++) {
    weights[ORDER.charCodeAt(i)] = i + 1;
    const upper = ORDER[i].toUpperCase();
    if (upper !== ORDER[i]) weights[upper.charCodeAt(0)] = i + 1;
  }
  return weights;
})();

/**
 * Compares two texts as `a.localeCompare(b, "en")` does (same sign), without ICU
 * when both are printable ASCII.
 *
 * @example
 * ```ts
 * import { compareText } from "./collate.ts";
 * ["b", "B", "a", "a b", "ab", "2"].sort(compareText); // ["2", "a b", "a", "ab", "b", "B"]
 * ```
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const shorter = Math.min(a.length, b.length);
  // The first difference in case decides only if the letters are the same throughout.
  let byCase = 0;
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const px = x < 127 ? PRIMARY[x] : 0;
    const py = y < 127 ? PRIMARY[y] : 0;
    if (px === 0 || py === 0) return a.localeCompare(b, "en");
    if (px !== py) return px < py ? -1 : 1;
    // Lower case first.
    if (byCase === 0) byCase = x > y ? -1 : 1;
  }
  const longer = a.length > b.length ? a : b;
  for (let i = shorter; i < longer.length; i++) {
    const c = longer.charCodeAt(i);
    // What follows may weigh nothing (a control, a combining accent): ICU decides.
    if (c >= 127 || PRIMARY[c] === 0) return a.localeCompare(b, "en");
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return byCase;
}
