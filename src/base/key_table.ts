/**
 * The session's numbering of read keys: each key once, by the index it first got.
 * Provenance stores what an output read as indices into this table.
 *
 * @module
 */
import { append } from "./arrays.ts";

/**
 * Read keys by index, each once (see `Provenance.reads`).
 *
 * A key with a `#` is a record's field (`p:/docs/a/#title`, `site#title`): those
 * are most keys, millions at 100,000 pages, and they are numbered by record, then
 * field, without hashing the key itself. A key is split at its first `#`, whatever
 * way it arrives, so that one string always has one id.
 *
 * @example
 * ```ts
 * import { KeyTable } from "./key_table.ts";
 * const table = new KeyTable(["p:/#title"]);
 * table.get("p:/#title"); // 0
 * table.intern("b:/"); // 1
 * table.cell(table.row("p:/"), table.column("title")); // 0
 * table.key(1); // "b:/"
 * ```
 */
export class KeyTable {
  readonly #whole = new Map<string, number>();
  readonly #wholeNames: string[] = [];
  readonly #rows = new Map<string, number>();
  readonly #rowNames: string[] = [];
  readonly #cells: number[][] = [];
  readonly #columns = new Map<string, number>();
  readonly #columnNames: string[] = [];
  /**
   * Each key, by index, as two numbers: its row and column, or {@link WHOLE} and
   * its place among the whole keys. Not as a string: millions of keys at 100,000
   * pages, each one its record's name and a field's again.
   */
  #ids = new Uint32Array(1024);
  #size = 0;

  /** A table of `keys`, each at its index (they are distinct, as a table's keys are). */
  constructor(keys: readonly string[] = []) {
    for (const key of keys) this.intern(key);
  }

  /** The number of keys. */
  get size(): number {
    return this.#size;
  }

  /** The key at `id`. */
  key(id: number): string {
    if (id >= this.#size) throw new RangeError(`no key ${id} in a table of ${this.#size}`);
    const a = this.#ids[2 * id];
    const b = this.#ids[2 * id + 1];
    return a === WHOLE ? this.#wholeNames[b] : `${this.#rowNames[a]}#${this.#columnNames[b]}`;
  }

  /** The index of `key`, if it has one. */
  get(key: string): number | undefined {
    const at = key.indexOf("#");
    if (at < 0) return this.#whole.get(key);
    const row = this.#rows.get(key.slice(0, at));
    const column = this.#columns.get(key.slice(at + 1));
    return row === undefined || column === undefined ? undefined : this.#cells[row][column];
  }

  /** The index of `key`, added if it is not there yet. */
  intern(key: string): number {
    const at = key.indexOf("#");
    if (at >= 0) return this.cell(this.row(key.slice(0, at)), this.column(key.slice(at + 1)));
    let id = this.#whole.get(key);
    if (id === undefined) {
      this.#whole.set(key, id = this.#add(WHOLE, this.#wholeNames.push(key) - 1));
    }
    return id;
  }

  /** The index of the key `${record}#${field}`, added if it is not there yet. */
  field(record: string, field: string): number {
    return record.includes("#")
      ? this.intern(`${record}#${field}`)
      : this.cell(this.row(record), this.column(field));
  }

  /** The number of a record, a name with no `#`. */
  row(record: string): number {
    let row = this.#rows.get(record);
    if (row === undefined) {
      this.#rows.set(record, row = this.#rowNames.push(record) - 1);
      this.#cells.push([]);
    }
    return row;
  }

  /** The number of a field name. */
  column(field: string): number {
    let column = this.#columns.get(field);
    if (column === undefined) this.#columns.set(field, column = this.#columnNames.push(field) - 1);
    return column;
  }

  /** The index of a record's field, by their numbers; added if it is not there yet. */
  cell(row: number, column: number): number {
    return this.#cells[row][column] ??= this.#add(row, column);
  }

  /**
   * The table as it is stored: names, and two numbers a key (see `#ids`). Views,
   * not copies, of what the table holds now.
   */
  parts(): KeyTableParts {
    return {
      rows: this.#rowNames,
      columns: this.#columnNames,
      whole: this.#wholeNames,
      ids: this.#ids.subarray(0, 2 * this.#size),
    };
  }

  /**
   * The table {@link KeyTable.parts} gave, each key at its index.
   *
   * @example
   * ```ts
   * import { KeyTable } from "./key_table.ts";
   * const table = new KeyTable(["p:/#title", "b:/"]);
   * KeyTable.from(table.parts()).key(1); // "b:/"
   * ```
   */
  static from({ rows, columns, whole, ids }: KeyTableParts): KeyTable {
    const table = new KeyTable();
    for (const record of rows) table.row(record);
    for (const field of columns) table.column(field);
    append(table.#wholeNames, whole);
    for (let i = 0; i < ids.length; i += 2) {
      const a = ids[i];
      const b = ids[i + 1];
      const id = table.#add(a, b);
      if (a === WHOLE) table.#whole.set(whole[b], id);
      else table.#cells[a][b] = id;
    }
    return table;
  }

  #add(a: number, b: number): number {
    if (2 * this.#size + 2 > this.#ids.length) {
      const grown = new Uint32Array(this.#ids.length * 2);
      grown.set(this.#ids);
      this.#ids = grown;
    }
    this.#ids[2 * this.#size] = a;
    this.#ids[2 * this.#size + 1] = b;
    return this.#size++;
  }
}

/** A key with no `#`: the first of its two numbers in `KeyTable`. */
const WHOLE = 0xffffffff;

/**
 * A {@link KeyTable} as stored: its record, field and whole-key names, and each
 * key as two numbers (row and column, or `0xffffffff` and its whole-key place).
 *
 * @example
 * ```ts
 * import type { KeyTableParts } from "./key_table.ts";
 * const parts: KeyTableParts = { rows: ["p:/"], columns: ["title"], whole: [], ids: new Uint32Array([0, 0]) };
 * ```
 */
export interface KeyTableParts {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly whole: readonly string[];
  readonly ids: Uint32Array;
}
