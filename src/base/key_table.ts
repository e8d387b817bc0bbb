/**
 * Numbering strings: each string once, by the index it first got. Provenance stores
 * what an output read as indices into one table of read keys.
 *
 * @module
 */

/**
 * Strings by index, each once: the read keys of the session (see `Provenance.reads`)
 * and of each render worker, the strings of the stored link scans.
 *
 * @example
 * ```ts
 * import { keyTable } from "./key_table.ts";
 * const table = keyTable(["p:/#title"]);
 * table.ids.get("p:/#title"); // 0
 * ```
 */
export interface KeyTable {
  readonly list: string[];
  readonly ids: Map<string, number>;
}

/**
 * A key table holding `keys`.
 *
 * @example
 * ```ts
 * import { keyTable } from "./key_table.ts";
 * keyTable([]).list.length; // 0
 * ```
 */
export function keyTable(keys: readonly string[]): KeyTable {
  const list = [...keys];
  return { list, ids: new Map(list.map((key, i) => [key, i])) };
}

/**
 * The indices of `keys` in `table`, adding the keys it does not have yet.
 *
 * @example
 * ```ts
 * import { intern, keyTable } from "./key_table.ts";
 * intern(keyTable([]), ["a", "b", "a"]); // Uint32Array [0, 1, 0]
 * ```
 */
export function intern(table: KeyTable, keys: Iterable<string>): Uint32Array {
  const ids: number[] = [];
  for (const key of keys) ids.push(internKey(table, key));
  return Uint32Array.from(ids);
}

/**
 * The index of `key` in `table`, added if it is not there yet.
 *
 * @example
 * ```ts
 * import { internKey, keyTable } from "./key_table.ts";
 * const table = keyTable(["a"]);
 * internKey(table, "b"); // 1
 * internKey(table, "a"); // 0
 * ```
 */
export function internKey(table: KeyTable, key: string): number {
  let id = table.ids.get(key);
  if (id === undefined) {
    id = table.list.push(key) - 1;
    table.ids.set(key, id);
  }
  return id;
}
