/**
 * A readers–writer gate between the server's reads of the output folder and a
 * build's commit into it: reads run side by side; a commit waits for the reads
 * under way, holds new ones while it moves files, then lets them go. A reader
 * therefore sees one build's files, never a mix of two.
 *
 * @module
 */

/**
 * Reads side by side, writes alone.
 *
 * @example
 * ```ts
 * import { Gate } from "./gate.ts";
 * const gate = new Gate();
 * const text = await gate.read(() => Deno.readTextFile("deno.json"));
 * await gate.write(async () => {});
 * ```
 */
export class Gate {
  #readers = 0;
  #drained: (() => void) | undefined;
  #writing: Promise<void> | undefined;

  /** Runs `fn` once no write is under way; writes wait for it. */
  async read<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#writing) await this.#writing;
    this.#readers++;
    try {
      return await fn();
    } finally {
      if (--this.#readers === 0) this.#drained?.();
    }
  }

  /** Runs `fn` alone: after the reads under way, before any new one. */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#writing) await this.#writing;
    let done!: () => void;
    this.#writing = new Promise((resolve) => done = resolve);
    try {
      if (this.#readers > 0) {
        await new Promise<void>((resolve) => this.#drained = resolve);
        this.#drained = undefined;
      }
      return await fn();
    } finally {
      this.#writing = undefined;
      done();
    }
  }
}
