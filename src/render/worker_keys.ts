/**
 * A render worker's numbering of read keys. The worker sends each key once, with
 * the first outcome that read it, and ids after that; the session maps those ids
 * to its own (see `SiteSession`).
 *
 * Most keys are a view's field (`p:/docs/a/#title`), and a site's pages read the
 * fields of nearly every other page (listings, navigation): at 100,000 pages a
 * worker numbers millions of them. Looking each new one up in a map of every key
 * as a string cost a worker 9 s of a 100,000-page build, and that map a few hundred
 * megabytes; by record, then field, no key string is hashed, and none is kept once
 * it is sent.
 *
 * @module
 */

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
 * keys.take(); // { keys: ["p:/a/#title", "b:/a/"], firstKey: 0 }
 * ```
 */
export class WorkerKeys {
  /** Which worker: the session keeps one id map per worker. */
  readonly worker: string = crypto.randomUUID();
  #next = 0;
  #pending: string[] = [];
  /** Keys given whole (`b:<url>`, `l:<layout>`, `d:<name>`). */
  readonly #whole = new Map<string, number>();
  /** A field's place in each record's list of ids. */
  readonly #fieldIndex = new Map<string, number>();
  /** Per record (`p:/a/`), its fields' ids by field index. */
  readonly #records = new Map<string, number[]>();

  /** The id of a key given whole. */
  key(key: string): number {
    let id = this.#whole.get(key);
    if (id === undefined) this.#whole.set(key, id = this.#add(key));
    return id;
  }

  /**
   * The id of the read key `${record}#${field}`. (The same key given whole to
   * `key` gets an id of its own: the session maps both to one.)
   */
  field(record: string, field: string): number {
    let index = this.#fieldIndex.get(field);
    if (index === undefined) this.#fieldIndex.set(field, index = this.#fieldIndex.size);
    let ids = this.#records.get(record);
    if (!ids) this.#records.set(record, ids = []);
    let id = ids[index];
    if (id === undefined) id = ids[index] = this.#add(`${record}#${field}`);
    return id;
  }

  /** The keys numbered since the last call, and the id of the first of them. */
  take(): { keys: string[]; firstKey: number } {
    const keys = this.#pending;
    this.#pending = [];
    return { keys, firstKey: this.#next - keys.length };
  }

  #add(key: string): number {
    this.#pending.push(key);
    return this.#next++;
  }
}
