/**
 * What one output read, as the ids of a key table, each once and in the order first
 * read. Whether an id is in the log already is a mark in an array that the logs of
 * one table share, not a lookup in a set: a site-wide output reads a field of every
 * page (millions of reads at 100,000 pages), and adding them to a set was most of
 * its time.
 *
 * @module
 */

/**
 * The marks the logs of one key table share: one log is written to at a time (a
 * worker renders one page at a time; a site-wide output is made alone). A log may
 * be used again after a newer one (an output goes on after a memo it asked for):
 * what both read is then logged twice by the older one, which costs a few bytes,
 * never a read left out.
 *
 * @example
 * ```ts
 * import { ReadLog, readMarks } from "./read_log.ts";
 * const marks = readMarks();
 * const first = new ReadLog(marks, (key) => key.length);
 * ```
 */
export interface ReadMarks {
  /** Per id, the mark of the last log that holds it. */
  array: Uint32Array;
  /** The mark of the newest log. */
  last: number;
}

/**
 * New marks for the logs of one key table.
 *
 * @example
 * ```ts
 * import { readMarks } from "./read_log.ts";
 * readMarks().last; // 0
 * ```
 */
export function readMarks(): ReadMarks {
  return { array: new Uint32Array(1024), last: 0 };
}

/**
 * A log of reads: ids, or keys that `number` turns into ids of the same table.
 *
 * @example
 * ```ts
 * import { ReadLog, readMarks } from "./read_log.ts";
 * const table = new Map<string, number>();
 * const number = (key: string) => table.get(key) ?? (table.set(key, table.size), table.size - 1);
 * const log = new ReadLog(readMarks(), number);
 * log.add("p:/#title");
 * log.add(0);
 * log.add("b:/");
 * log.ids; // [0, 1]
 * ```
 */
export class ReadLog {
  /** The ids read, each once, in the order first read. */
  readonly ids: number[] = [];
  readonly #marks: ReadMarks;
  readonly #mark: number;
  readonly #number: (key: string) => number;

  /** A log whose ids are marked in `marks`; `number` gives a key's id. */
  constructor(marks: ReadMarks, number: (key: string) => number) {
    if (marks.last === 0xffffffff) {
      marks.array.fill(0);
      marks.last = 0;
    }
    this.#marks = marks;
    this.#mark = ++marks.last;
    this.#number = number;
  }

  /** Logs a read: its id, or its key. */
  add(read: string | number): void {
    const id = typeof read === "number" ? read : this.#number(read);
    let array = this.#marks.array;
    if (id >= array.length) {
      const grown = new Uint32Array(Math.max(id + 1, array.length * 2));
      grown.set(array);
      this.#marks.array = array = grown;
    }
    if (array[id] !== this.#mark) {
      array[id] = this.#mark;
      this.ids.push(id);
    }
  }
}
