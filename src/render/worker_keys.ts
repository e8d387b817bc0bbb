/**
 * Read keys as a render worker numbers them, and as the session takes them in.
 * The worker sends each key once, with the first outcome that read it, and ids
 * after that; the session maps those ids to its own (see `KeyTable`).
 *
 * Most keys are a view's field (`p:/docs/a/#title`), and a site's pages read the
 * fields of nearly every other page (listings, navigation): at 100,000 pages each
 * worker numbers millions of them. Both sides number them by record, then field,
 * and a key crosses as two numbers, its record and its field, each name sent
 * once: no key string is made or hashed on either side (as strings, that cost each
 * worker 9 s and the main thread 19 s of a 100,000-page build).
 *
 * @module
 */
import type { KeyTable } from "../base/key_table.ts";

/**
 * Keys a worker numbered since its last outcome: ids `firstKey`, `firstKey + 1`,
 * … For each, two numbers in `keys`: the worker's record and field numbers (new
 * names in `records` and `fields`, numbered on from the last ones sent), or
 * {@link WHOLE} and its place in `whole`.
 *
 * @example
 * ```ts
 * import { type NewKeys, WHOLE } from "./worker_keys.ts";
 * const sent: NewKeys = {
 *   firstKey: 0,
 *   records: ["p:/a/"],
 *   fields: ["title"],
 *   whole: ["b:/a/"],
 *   keys: new Uint32Array([0, 0, WHOLE, 0]),
 * };
 * ```
 */
export interface NewKeys {
  readonly firstKey: number;
  readonly records: readonly string[];
  readonly fields: readonly string[];
  readonly whole: readonly string[];
  readonly keys: Uint32Array;
}

/** In {@link NewKeys.keys}, in a record's place: the key is given whole. */
export const WHOLE = 0xffffffff;

/** A record's number, and its fields' ids by field number. */
interface Row {
  readonly row: number;
  readonly ids: number[];
}

/**
 * Read keys numbered in the order first read, for the life of a worker (ids stay
 * the same from one build generation to the next).
 *
 * @example
 * ```ts
 * import { WorkerKeys } from "./worker_keys.ts";
 * const keys = new WorkerKeys();
 * keys.field("p:/a/", "title"); // 0
 * keys.key("b:/a/"); // 1
 * keys.field("p:/a/", "title"); // 0
 * keys.take().records; // ["p:/a/"]
 * ```
 */
export class WorkerKeys {
  /** Which worker: the session keeps one id map per worker. */
  readonly worker: string = crypto.randomUUID();
  #next = 0;
  #sent = 0;
  /** Keys given whole (`b:<url>`, `l:<layout>`, `d:<name>`). */
  readonly #whole = new Map<string, number>();
  readonly #fields = new Map<string, number>();
  /** `null` for a record whose name holds a `#`: its keys are given whole. */
  readonly #records = new Map<string, Row | null>();
  #rows = 0;
  #pending = { records: [] as string[], fields: [] as string[], whole: [] as string[] };
  #pairs: number[] = [];

  /** The id of a key given whole. */
  key(key: string): number {
    let id = this.#whole.get(key);
    if (id === undefined) {
      this.#whole.set(key, id = this.#add(WHOLE, this.#pending.whole.push(key) - 1));
    }
    return id;
  }

  /** The id of the read key `${record}#${field}`. */
  field(record: string, field: string): number {
    let row = this.#records.get(record);
    if (row === undefined) {
      // The session splits a key at its first `#`: such a record would not survive it.
      row = record.includes("#") ? null : { row: this.#rows++, ids: [] };
      this.#records.set(record, row);
      if (row) this.#pending.records.push(record);
    }
    if (row === null) return this.key(`${record}#${field}`);
    let column = this.#fields.get(field);
    if (column === undefined) {
      this.#fields.set(field, column = this.#fields.size);
      this.#pending.fields.push(field);
    }
    return row.ids[column] ??= this.#add(row.row, column);
  }

  /** The keys numbered since the last call. */
  take(): NewKeys {
    const taken = { firstKey: this.#sent, ...this.#pending, keys: Uint32Array.from(this.#pairs) };
    this.#sent = this.#next;
    this.#pending = { records: [], fields: [], whole: [] };
    this.#pairs = [];
    return taken;
  }

  #add(row: number, column: number): number {
    this.#pairs.push(row, column);
    return this.#next++;
  }
}

/**
 * One worker's numbering as ids of the session's key table: fed every
 * {@link NewKeys} the worker sends, in the order sent.
 *
 * @example
 * ```ts
 * import { KeyMap, WorkerKeys } from "./worker_keys.ts";
 * import { KeyTable } from "../base/key_table.ts";
 * const table = new KeyTable(["b:/"]);
 * const worker = new WorkerKeys();
 * worker.field("p:/a/", "title");
 * worker.key("b:/");
 * const map = new KeyMap(table);
 * map.take(worker.take());
 * map.ids(new Uint32Array([1, 0])); // Uint32Array [0, 1]
 * table.key(1); // "p:/a/#title"
 * ```
 */
export class KeyMap {
  readonly #table: KeyTable;
  readonly #ids: number[] = [];
  readonly #rows: number[] = [];
  readonly #columns: number[] = [];

  /** A map into `table`. */
  constructor(table: KeyTable) {
    this.#table = table;
  }

  /** Takes in the keys a worker numbered. */
  take(sent: NewKeys): void {
    if (this.#ids.length !== sent.firstKey) {
      throw new Error("a render worker's keys arrived out of order");
    }
    const table = this.#table;
    for (const record of sent.records) this.#rows.push(table.row(record));
    for (const field of sent.fields) this.#columns.push(table.column(field));
    const { keys, whole } = sent;
    for (let i = 0; i < keys.length; i += 2) {
      this.#ids.push(
        keys[i] === WHOLE
          ? table.intern(whole[keys[i + 1]])
          : table.cell(this.#rows[keys[i]], this.#columns[keys[i + 1]]),
      );
    }
  }

  /** The table's ids of the worker's `ids`, written into `out` when given. */
  ids(ids: Uint32Array, out: Uint32Array = new Uint32Array(ids.length)): Uint32Array {
    for (let i = 0; i < ids.length; i++) out[i] = this.#ids[ids[i]];
    return out;
  }
}
