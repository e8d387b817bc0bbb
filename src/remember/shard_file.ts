/**
 * The parse cache's shard files, laid out and written. A shard holds parsed pages
 * whose bodies may still be in the parse workers' body files; writing it copies
 * those bodies in. At 100,000 pages that copy was 3 s of the main thread's time,
 * taken while the render workers wanted the cores, so a one-shot build hands it to
 * a worker of its own (`workers/store_worker.ts`) as soon as its pages are parsed,
 * sent as {@link ShardColumns}.
 *
 * @module
 */
import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { type Body, BodyReader, type BodyRef } from "../base/body.ts";

/**
 * One parsed page as its shard stores it: its stat, the rest of the page encoded
 * (see `encodePage`), its body and plain text.
 *
 * @example
 * ```ts
 * import type { ShardEntry } from "./shard_file.ts";
 * const entry: ShardEntry = {
 *   size: 12, mtimeMs: 0, options: "{}", bodyHash: "…",
 *   meta: new Uint8Array(), html: new Uint8Array(), text: new Uint8Array(),
 * };
 * ```
 */
export interface ShardEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly options: string;
  readonly bodyHash: string;
  readonly meta: Uint8Array;
  readonly html: Body;
  readonly text: Body;
}

/**
 * A shard file to write: its name in the cache folder, the tag its index starts
 * with (cache format and floe version), and its entries by source path.
 *
 * @example
 * ```ts
 * import type { ShardJob } from "./shard_file.ts";
 * const job: ShardJob = { name: "parse-00.bin", head: { format: 1, floe: "0.1.0" }, entries: [] };
 * ```
 */
export interface ShardJob {
  readonly name: string;
  readonly head: { readonly format: number; readonly floe: string };
  readonly entries: readonly (readonly [string, ShardEntry])[];
}

/**
 * Writes shard files into the cache folder `dir` (made if missing) one after
 * another, each atomically. One buffer serves every shard, each written before
 * the next is laid out: a fresh one per shard cost 0.4–0.5 s of page faults at
 * 10,000 pages (ten times the copy).
 *
 * @example
 * ```ts
 * import { writeShards } from "./shard_file.ts";
 * await writeShards("/tmp/example-cache", [{ name: "parse-00.bin", head: { format: 1, floe: "0.1.0" }, entries: [] }]);
 * ```
 */
export async function writeShards(dir: string, jobs: Iterable<ShardJob>): Promise<void> {
  await mkdir(dir, { recursive: true });
  let room: Uint8Array = new Uint8Array(0);
  const bodies = new BodyReader();
  try {
    for (const job of jobs) {
      const bytes = shardBytes(job, room, bodies);
      if (bytes.length > room.length) room = bytes; // a new buffer, all of it
      await writeAtomically(join(dir, job.name), bytes);
    }
  } finally {
    bodies.close();
  }
}

/**
 * Shards to write, as a worker is sent them: in columns, not an object an entry
 * (a third of the time to send, and this is sent from the main thread). Every
 * body is in a body file. Entry `i` (counted over all shards, in order) has the
 * numbers `numbers[12i … 12i + 11]`: size, mtime, index into `options`, then for
 * its meta the index into `buffers`, offset and length, and for its body and its
 * text each the index into `files`, offset and length.
 *
 * @example
 * ```ts
 * import { shardJobs, type ShardColumns } from "./shard_file.ts";
 * const none: ShardColumns = {
 *   head: { format: 1, floe: "0.1.0" }, names: [], counts: [], paths: [], options: [],
 *   hashes: [], buffers: [], files: [], numbers: new Float64Array(0),
 * };
 * shardJobs(none); // []
 * ```
 */
export interface ShardColumns {
  readonly head: ShardJob["head"];
  readonly names: readonly string[];
  /** Entries of each shard of `names`. */
  readonly counts: readonly number[];
  readonly paths: readonly string[];
  readonly options: readonly string[];
  readonly hashes: readonly string[];
  readonly buffers: readonly ArrayBuffer[];
  readonly files: readonly string[];
  readonly numbers: Float64Array;
}

/** Numbers an entry has in {@link ShardColumns.numbers}. */
export const SHARD_NUMBERS = 12;

/**
 * The shards {@link ShardColumns} describe.
 *
 * @example
 * ```ts
 * import { shardJobs } from "./shard_file.ts";
 * declare const columns: import("./shard_file.ts").ShardColumns;
 * for (const job of shardJobs(columns)) console.log(job.name, job.entries.length);
 * ```
 */
export function shardJobs(columns: ShardColumns): ShardJob[] {
  const { head, names, counts, paths, options, hashes, buffers, files, numbers } = columns;
  const ref = (at: number): BodyRef => ({
    file: files[numbers[at]],
    offset: numbers[at + 1],
    length: numbers[at + 2],
  });
  const meta = (at: number) =>
    new Uint8Array(buffers[numbers[at]], numbers[at + 1], numbers[at + 2]);
  let i = 0;
  return names.map((name, shard) => {
    const entries: [string, ShardEntry][] = [];
    for (const end = i + counts[shard]; i < end; i++) {
      const at = i * SHARD_NUMBERS;
      entries.push([paths[i], {
        size: numbers[at],
        mtimeMs: numbers[at + 1],
        options: options[numbers[at + 2]],
        bodyHash: hashes[i],
        meta: meta(at + 3),
        html: ref(at + 6),
        text: ref(at + 9),
      }]);
    }
    return { name, head, entries };
  });
}

/**
 * A shard file: 4 bytes of index length, the index (JSON), then every entry's bytes
 * (meta, body, text); laid out in `room` when it is large enough.
 */
function shardBytes({ head, entries }: ShardJob, room: Uint8Array, bodies: BodyReader): Uint8Array {
  let offset = 0;
  const index = entries.map(([path, { size, mtimeMs, options, bodyHash, meta, html, text }]) => {
    const row = [
      path,
      size,
      mtimeMs,
      options,
      bodyHash,
      offset,
      meta.length,
      html.length,
      text.length,
    ];
    offset += meta.length + html.length + text.length;
    return row;
  });
  const encoded = new TextEncoder().encode(JSON.stringify({ ...head, index }));
  const size = 4 + encoded.length + offset;
  const out = size <= room.length ? room.subarray(0, size) : new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, encoded.length);
  out.set(encoded, 4);
  let at = 4 + encoded.length;
  for (const [, { meta, html, text }] of entries) {
    out.set(meta, at);
    at += meta.length;
    for (const body of contiguous(html, text)) {
      bodies.read(body, out, at);
      at += body.length;
    }
  }
  return out;
}

/**
 * `html` and `text`, as one read when a parse worker wrote them one after the
 * other (as it does): at 10,000 pages, half of 29,000 reads of the body files.
 */
function contiguous(html: Body, text: Body): Body[] {
  return html instanceof Uint8Array || text instanceof Uint8Array ||
      html.file !== text.file || html.offset + html.length !== text.offset
    ? [html, text]
    : [{ file: html.file, offset: html.offset, length: html.length + text.length }];
}

/**
 * Writes `parts` to `file` through a temporary file and a rename: a reader finds
 * the old file or the new one, never half of one.
 *
 * @example
 * ```ts
 * import { writeAtomically } from "./shard_file.ts";
 * await writeAtomically("/tmp/example.bin", new Uint8Array([1, 2, 3]));
 * ```
 */
export async function writeAtomically(file: string, ...parts: Uint8Array[]): Promise<void> {
  const temp = `${file}.${Deno.pid}.tmp`;
  const handle = await Deno.open(temp, { write: true, create: true, truncate: true });
  try {
    for (const part of parts) {
      // A write may take only part of what it is given.
      for (let at = 0; at < part.byteLength;) at += await handle.write(part.subarray(at));
    }
  } finally {
    handle.close();
  }
  await rename(temp, file);
}
