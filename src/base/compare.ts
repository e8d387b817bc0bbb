/**
 * One ordering for every sort whose result reaches the output or a report:
 * UTF-16 code-unit order, never `localeCompare`, so a site builds the same bytes
 * on every machine whatever its locale.
 *
 * @module
 */

/**
 * Compares two strings by code units: the order of `Array.prototype.sort()`
 * without a comparator, usable inside composite comparators.
 *
 * @example
 * ```ts
 * import { compareStrings } from "./compare.ts";
 * ["b", "B", "a"].sort(compareStrings); // ["B", "a", "b"]
 * ```
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
