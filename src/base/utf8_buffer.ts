/**
 * Many strings written end to end as UTF-8 into one buffer, without joining them
 * first (a second copy of all of them: at 100,000 pages, the search index and the
 * cache's string lists are hundreds of megabytes).
 *
 * @module
 */

/**
 * A growing UTF-8 buffer sized for mostly-ASCII text.
 *
 * @example
 * ```ts
 * import { Utf8Buffer } from "./utf8_buffer.ts";
 * const out = new Utf8Buffer(5);
 * out.write("[");
 * out.write("été]");
 * new TextDecoder().decode(out.bytes); // "[été]"
 * ```
 */
export class Utf8Buffer {
  #out: Uint8Array;
  #at = 0;

  /**
   * Room for `units` UTF-16 units of text and an eighth more: a few characters past
   * ASCII fit without growing, which copies everything written so far. `shared`:
   * the bytes are in a growable `SharedArrayBuffer`, which grows where it is, for
   * bytes that go to other threads without being copied into shared memory (on
   * these machines, memory touched for the first time is most of a copy's cost).
   */
  constructor(units: number, { shared = false }: { shared?: boolean } = {}) {
    const size = units + (units >> 3) + 16;
    this.#out = shared
      ? new Uint8Array(new SharedArrayBuffer(size, { maxByteLength: MAX_SHARED }))
      : new Uint8Array(size);
  }

  /** Appends `text`. */
  write(text: string): void {
    if (text.length <= SHORT && this.#ascii(text)) return;
    for (;;) {
      const { read, written } = ENCODER.encodeInto(text, this.#out.subarray(this.#at));
      this.#at += written;
      if (read === text.length) return;
      text = text.slice(read);
      this.#grow(text.length * 3);
    }
  }

  /** Appends bytes that are UTF-8 already. */
  writeBytes(bytes: Uint8Array): void {
    if (this.#at + bytes.length > this.#out.length) this.#grow(bytes.length);
    this.#out.set(bytes, this.#at);
    this.#at += bytes.length;
  }

  /** The number of bytes written. */
  get length(): number {
    return this.#at;
  }

  /** Room for `more` bytes past those written: a new buffer, or the shared one grown. */
  #grow(more: number): void {
    const size = Math.floor(Math.max(this.#out.length * 1.5, this.#at + more));
    const buffer = this.#out.buffer;
    if (buffer instanceof SharedArrayBuffer) {
      // The view tracks the buffer's length. Past its maximum, `grow` throws (a
      // buffer that stopped growing would have `write` loop for ever).
      buffer.grow(Math.max(Math.min(size, MAX_SHARED), this.#at + more));
      return;
    }
    const grown = new Uint8Array(size);
    grown.set(this.#out.subarray(0, this.#at));
    this.#out = grown;
  }

  /**
   * Writes a short ASCII text byte by byte, if it fits: a call of `encodeInto`
   * costs more than the loop for text this short (the cache's key lists are
   * hundreds of thousands of keys: 57 against 20 ms for 240,000). Whether it
   * did; when not, nothing was written.
   */
  #ascii(text: string): boolean {
    const out = this.#out;
    const at = this.#at;
    if (at + text.length > out.length) return false;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit > 0x7f) return false;
      out[at + i] = unit;
    }
    this.#at = at + text.length;
    return true;
  }

  /** What was written (a view of the buffer, not a copy; in shared memory if `shared`). */
  get bytes(): Uint8Array {
    return this.#out.subarray(0, this.#at);
  }
}

const ENCODER = new TextEncoder();
/** How far a shared buffer may grow: address space only, until written. */
const MAX_SHARED = 2 ** 33;
/** Texts up to this long are tried as ASCII first (see `Utf8Buffer.#ascii`). */
const SHORT = 64;
