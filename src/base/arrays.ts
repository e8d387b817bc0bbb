/**
 * Arrays: one ordering for every sort whose result reaches the output or a
 * report — UTF-16 code-unit order, never `localeCompare`, so a site builds the
 * same bytes on every machine whatever its locale — and an append that does not
 * overflow the stack for big arrays.
 *
 * @module
 */

/**
 * Compares two strings by code units: the order of `Array.prototype.sort()`
 * without a comparator, usable inside composite comparators.
 *
 * @example
 * ```ts
 * import { compareStrings } from "./arrays.ts";
 * ["b", "B", "a"].sort(compareStrings); // ["B", "a", "b"]
 * ```
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Appends `items` to `target` one by one: `target.push(...items)` passes every
 * item as an argument and overflows the stack for a few hundred thousand of them
 * (the warnings of a big site, the pages of a long listing).
 *
 * @example
 * ```ts
 * import { append } from "./arrays.ts";
 * const all = [1];
 * append(all, [2, 3]); // all is [1, 2, 3]
 * ```
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/**
 * Copies arrays one after another into `all` (sized for all of them), each returned
 * as a view of it: many small arrays as one buffer, to move to another thread or
 * keep with one allocation.
 *
 * @example
 * ```ts
 * import { packInto } from "./arrays.ts";
 * const pack = packInto(new Uint32Array(3));
 * const a = pack(Uint32Array.of(1, 2));
 * const b = pack(Uint32Array.of(3));
 * a.buffer === b.buffer; // true
 * ```
 */
export function packInto<T extends Uint8Array | Uint32Array>(
  all: T,
): (array: ArrayLike<number>) => T {
  let at = 0;
  return (array) => {
    const view = all.subarray(at, at += array.length) as T;
    view.set(array);
    return view;
  };
}
