/**
 * Many short strings kept as one: their text end to end, and where each ends.
 * A page's link scan is thirty-odd hrefs; at 100,000 pages, millions of small
 * strings cost a thread that receives them (each is made on arrival, then traced
 * by every major GC) far more than one string a page does.
 *
 * @module
 */

/**
 * Strings one after another in `text`; string `i` ends at `ends[i]`.
 *
 * @example
 * ```ts
 * import type { StringList } from "./string_list.ts";
 * const list: StringList = { text: "/a/#x", ends: new Uint32Array([3, 5]) }; // "/a/", "#x"
 * ```
 */
export interface StringList {
  readonly text: string;
  readonly ends: Uint32Array;
}

/**
 * `strings` as one {@link StringList}.
 *
 * @example
 * ```ts
 * import { packStrings } from "./string_list.ts";
 * packStrings(["/a/", "#x"]); // { text: "/a/#x", ends: Uint32Array [3, 5] }
 * ```
 */
export function packStrings(strings: readonly string[]): StringList {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  for (let i = 0; i < strings.length; i++) ends[i] = at += strings[i].length;
  return { text: narrow(strings.join("")), ends };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `text`, one byte a character where it can be. V8 keeps a slice of a page that
 * holds one character past Latin-1 as two bytes a character, and so every string
 * joined from such slices: a page's ASCII hrefs would take twice the memory, and
 * twice the bytes in the cache. Decoding UTF-8 makes the narrowest string, and
 * text of Latin-1 characters alone comes back the same.
 */
function narrow(text: string): string {
  // One pass to find out is cheaper than the round trip.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) return text;
  }
  return decoder.decode(encoder.encode(text));
}

/**
 * The strings of `list`, in order.
 *
 * @example
 * ```ts
 * import { packStrings, unpackStrings } from "./string_list.ts";
 * unpackStrings(packStrings(["/a/", "", "#x"])); // ["/a/", "", "#x"]
 * ```
 */
export function unpackStrings({ text, ends }: StringList): string[] {
  const strings = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) strings[i] = text.slice(start, start = ends[i]);
  return strings;
}

/**
 * Whether `a` and `b` hold the same strings in the same order.
 *
 * @example
 * ```ts
 * import { packStrings, sameStrings } from "./string_list.ts";
 * sameStrings(packStrings(["/a/", "#x"]), packStrings(["/a/#", "x"])); // false
 * ```
 */
export function sameStrings(a: StringList, b: StringList): boolean {
  if (a.text !== b.text || a.ends.length !== b.ends.length) return false;
  for (let i = 0; i < a.ends.length; i++) if (a.ends[i] !== b.ends[i]) return false;
  return true;
}
