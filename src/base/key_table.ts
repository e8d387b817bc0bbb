/**
 * The session's numbering of read keys: each key once, by the index it first got.
 * Provenance stores what an output read as indices into this table.
 *
 * @module
 */

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
 * ```
 */
export class KeyTable {
  /** The keys by index. */
  readonly list: string[] = [];
  readonly #whole = new Map<string, number>();
  readonly #rows = new Map<string, number>();
  readonly #rowNames: string[] = [];
  readonly #cells: number[][] = [];
  readonly #columns = new Map<string, number>();
  readonly #columnNames: string[] = [];

  /** A table of `keys`, each at its index (they are distinct, as a table's list is). */
  constructor(keys: readonly string[] = []) {
    for (const key of keys) this.intern(key);
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
    if (id === undefined) this.#whole.set(key, id = this.list.push(key) - 1);
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
    return this.#cells[row][column] ??= this.list.push(
      `${this.#rowNames[row]}#${this.#columnNames[column]}`,
    ) - 1;
  }
}
