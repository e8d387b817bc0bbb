/**
 * A page's rendered body, in memory or in a body file. A one-shot build that
 * parses in workers has them write the bodies to files in the cache folder and
 * send on where each is: the main thread never holds them (at 100,000 pages,
 * 0.5 GB that stayed in the process to the end, a fifth of its peak), and a
 * render worker reads each body as it renders it.
 *
 * @module
 */
import { closeSync, openSync, readdirSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

/**
 * Where a body is in a body file.
 *
 * @example
 * ```ts
 * import type { BodyRef } from "./body.ts";
 * const ref: BodyRef = { file: "/site/.floe-cache/bodies-1-ab.bin", offset: 0, length: 120 };
 * ```
 */
export interface BodyRef {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * A body: its UTF-8 bytes, or where they are (either has its `length` in bytes).
 *
 * @example
 * ```ts
 * import type { Body } from "./body.ts";
 * const body: Body = new TextEncoder().encode("<p>Hi</p>");
 * ```
 */
export type Body = Uint8Array | BodyRef;

/**
 * A body's bytes, read from its file when it is there.
 *
 * @example
 * ```ts
 * import { readBody } from "./body.ts";
 * readBody(new TextEncoder().encode("<p>Hi</p>")).length; // 9
 * ```
 */
export function readBody(body: Body): Uint8Array {
  if (body instanceof Uint8Array) return body;
  const fd = openSync(body.file, "r");
  try {
    return readAt(fd, body, new Uint8Array(body.length), 0);
  } finally {
    closeSync(fd);
  }
}

/** Reads `body` from the open file `fd` into `out` at `at`; `out`. */
function readAt(fd: number, body: BodyRef, out: Uint8Array, at: number): Uint8Array {
  for (let done = 0; done < body.length;) {
    const got = readSync(fd, out, at + done, body.length - done, body.offset + done);
    if (got === 0) throw new Error(`${body.file} is shorter than floe wrote it`);
    done += got;
  }
  return out;
}

/**
 * Reads many bodies, each file opened once.
 *
 * @example
 * ```ts
 * import { BodyReader } from "./body.ts";
 * const reader = new BodyReader();
 * const out = new Uint8Array(16);
 * reader.read(new TextEncoder().encode("<p>Hi</p>"), out, 4);
 * reader.close();
 * ```
 */
export class BodyReader {
  readonly #files = new Map<string, number>();
  readonly #decoder = new TextDecoder();
  #scratch = new Uint8Array(1 << 14);

  /** A body's bytes; into `into` at `at` when given (then `into` is returned). */
  read(body: Body, into?: Uint8Array, at = 0): Uint8Array {
    if (body instanceof Uint8Array) {
      if (!into) return body;
      into.set(body, at);
      return into;
    }
    let fd = this.#files.get(body.file);
    if (fd === undefined) this.#files.set(body.file, fd = openSync(body.file, "r"));
    return readAt(fd, body, into ?? new Uint8Array(body.length), at);
  }

  /**
   * A body as text, read through one buffer this reader keeps: a fresh buffer a
   * body is memory touched for the first time, which doubled the cost of a read
   * (10,000 reads of 6 KB, decoded: 84–113 ms into fresh buffers, 50–58 ms into one).
   */
  text(body: Body): string {
    if (body instanceof Uint8Array) return this.#decoder.decode(body);
    if (this.#scratch.length < body.length) {
      this.#scratch = new Uint8Array(Math.max(body.length, 2 * this.#scratch.length));
    }
    return this.#decoder.decode(this.read(body, this.#scratch).subarray(0, body.length));
  }

  close(): void {
    for (const fd of this.#files.values()) closeSync(fd);
    this.#files.clear();
  }
}

/**
 * A body file: bodies appended one after another. Only appended to, never
 * rewritten, so a reference stays good for as long as the file is there. Bodies
 * wait in memory until `flush` writes them in one write: one a page cost a parse
 * worker 35 µs each, a third of a second of CPU at 10,000 pages. A reference is
 * good to read once its body is flushed.
 *
 * @example
 * ```ts
 * import { BodyFile } from "./body.ts";
 * const file = new BodyFile("/tmp/bodies-example.bin");
 * const ref = file.append(new TextEncoder().encode("<p>Hi</p>"));
 * file.flush();
 * file.close();
 * ```
 */
export class BodyFile {
  readonly path: string;
  #fd: number | undefined;
  /** Bytes in the file. */
  #written = 0;
  /** Bodies not written yet, by where they will be. */
  #pending = new Map<number, Uint8Array>();
  #pendingBytes = 0;

  constructor(path: string) {
    this.path = path;
  }

  /** Where `bytes` go at the end of the file (kept, not copied, until `flush`). */
  append(bytes: Uint8Array): BodyRef {
    const offset = this.#written + this.#pendingBytes;
    this.#pending.set(offset, bytes);
    this.#pendingBytes += bytes.length;
    return { file: this.path, offset, length: bytes.length };
  }

  /**
   * Writes the bodies appended since the last flush. On failure (a full disk)
   * they stay here, for `unwritten` to hand back.
   */
  flush(): void {
    if (!this.#pendingBytes) return;
    const all = new Uint8Array(this.#pendingBytes);
    let at = 0;
    for (const bytes of this.#pending.values()) {
      all.set(bytes, at);
      at += bytes.length;
    }
    this.#fd ??= openSync(this.path, "w");
    for (let done = 0; done < all.length;) {
      done += writeSync(this.#fd, all, done, all.length - done, this.#written + done);
    }
    this.#written += all.length;
    this.#pending.clear();
    this.#pendingBytes = 0;
  }

  /** The bytes of `ref` when it is one of this file's bodies not written yet. */
  unwritten(ref: BodyRef): Uint8Array | undefined {
    return ref.file === this.path ? this.#pending.get(ref.offset) : undefined;
  }

  /** Flushes, then closes the file. */
  close(): void {
    try {
      this.flush();
    } finally {
      if (this.#fd !== undefined) closeSync(this.#fd);
      this.#fd = undefined;
    }
  }
}

/** How a body file is named: `bodies-<pid>-<uuid>.bin`. */
const BODY_FILE = /^bodies-(\d+)-[0-9a-f-]+\.bin$/;

/**
 * Deletes this process's body files in `dir` (`own`), or those of processes that
 * are no longer running (a build that was killed).
 *
 * @example
 * ```ts
 * import { removeBodyFiles } from "./body.ts";
 * removeBodyFiles("/site/.floe-cache", true);
 * ```
 */
export function removeBodyFiles(dir: string, own: boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(BODY_FILE.exec(name)?.[1] ?? NaN);
    if (Number.isNaN(pid) || (own ? pid !== Deno.pid : pid === Deno.pid || running(pid))) continue;
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // Still open somewhere (Windows): the next build removes it.
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // Not ours to signal, but there.
    return (e as { code?: string }).code === "EPERM";
  }
}
