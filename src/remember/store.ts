/**
 * Remember stage: what a build leaves for the next one, in memory (a session) and
 * on disk (`.floe-cache/` in the site folder, or `cacheDir`). Three kinds of
 * file, each written atomically (temporary file, then rename):
 *
 * - `parse-NN.bin` (32 shards by path, so an edit rewrites one): parsed pages by
 *   source path with the size and mtime they were parsed at; an entry is used
 *   only while the file still has that size and mtime.
 * - `state.bin`: the last good build — its fingerprint (cache format, floe and
 *   library versions, config, output folder), input index, snapshot, page body
 *   fingerprints and one provenance record per output (hash, what it read).
 * - `scans.bin`: the links and ids of every page, for the link check; read only
 *   when a build has to check links again.
 *
 * `state.bin` is deleted before the output folder is touched and written again
 * after, so a build killed in between leaves no state and the next build is a
 * full one. A file from another floe version or that cannot be read is ignored.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { FLOE_VERSION } from "../base/version.ts";
import type { Body, BodyRef } from "../base/body.ts";
import { decodePage, encodePage } from "../parse/page_codec.ts";
import type { ParsedPage } from "../parse/parse_page.ts";
import type { ForeignUse } from "../parse/foreign_syntax.ts";
import type { PageScan } from "../render/render_page.ts";
import { unpackStrings } from "../base/string_list.ts";
import {
  SHARD_NUMBERS,
  type ShardColumns,
  type ShardJob,
  writeAtomically,
  writeShards,
} from "./shard_file.ts";
import { Utf8Buffer } from "../base/utf8_buffer.ts";
import { KeyTable } from "../base/key_table.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";
import {
  applyPatch,
  packSnapshot,
  type SnapshotPatch,
  unpackSnapshot,
} from "../snapshot/transfer.ts";
import type { CopyJob, Redirect } from "../snapshot/types.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";

/** Bumped whenever what the cache holds changes shape. */
const CACHE_FORMAT = 17;

/**
 * What one output was made from.
 *
 * @example
 * ```ts
 * import type { Provenance } from "./store.ts";
 * const p: Provenance = { path: "index.html", kind: "page", hash: "…", bytes: 10, reads: new Uint32Array([0]) };
 * ```
 */
export interface Provenance {
  /** Path relative to the output folder. */
  readonly path: string;
  /** A page rendered from layouts, a site-wide file, or a copied file. */
  readonly kind: "page" | "site" | "copy";
  /** For a page: its URL, its key in the snapshot. */
  readonly key?: string;
  /** sha256 of the bytes (for copies: the source's path, size and mtime). */
  readonly hash: string;
  readonly bytes: number;
  /**
   * What it read: indices into {@link BuildState.keys} of read keys (see
   * `../snapshot/views.ts`); empty for untracked outputs. Numbers, not strings:
   * ten thousand pages read about a million keys, a few thousand distinct ones.
   */
  readonly reads: Uint32Array;
}

/**
 * The last good build.
 *
 * @example
 * ```ts
 * import type { BuildState } from "./store.ts";
 * declare const state: BuildState;
 * console.log(state.outputs.size);
 * ```
 */
export interface BuildState {
  readonly fingerprint: string;
  /** The output folder the outputs below are in. */
  readonly outDir: string;
  readonly snapshot: SiteSnapshot;
  /**
   * `snapshot` as `state.bin` can hold it without serializing it again: an
   * earlier snapshot's bytes and the patches from it to this one. Set on a state
   * read from disk, and on one patched from such a state.
   */
  readonly stored?: StoredSnapshot;
  /** Page URL → fingerprint of its body and table of contents. */
  readonly bodies: ReadonlyMap<string, string>;
  /** Output path → provenance. */
  readonly outputs: ReadonlyMap<string, Provenance>;
  /** Every read key outputs refer to, by index (the session's table, which only grows). */
  readonly keys: KeyTable;
  /** Size and mtime of every input file, by site-relative path. */
  readonly inputs: ReadonlyMap<string, readonly [number, number]>;
  /** Files copied as they are. */
  readonly copies: readonly CopyJob[];
  /** Alias redirects. */
  readonly redirects: readonly Redirect[];
  /** Warnings of the stages before rendering (they depend only on the snapshot's inputs). */
  readonly warnings: readonly Diagnostic[];
  /** The pages that use other tools' syntax, by source path (see `foreignUses`). */
  readonly foreign: ReadonlyMap<string, readonly ForeignUse[]>;
  /** What the link check found. */
  readonly links: readonly Diagnostic[];
  /** The folder searches of the link check's suggestions, and their cost (see `LinkCheckResult`). */
  readonly linkSearches: ReadonlyMap<string, number>;
  /** When the clock changes which pages are published (ms since the epoch). */
  readonly validUntil: number;
}

/**
 * What the parse cache knows of a source file without reading its page: the
 * size and mtime it was parsed at, the parse options, and its body's hash.
 *
 * @example
 * ```ts
 * import type { ParseStat } from "./store.ts";
 * const stat: ParseStat = { size: 120, mtimeMs: 1.7e12, options: "[…]", bodyHash: "…" };
 * ```
 */
export interface ParseStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly options: string;
  /** `ParsedPage.bodyHash`. */
  readonly bodyHash: string;
}

interface Envelope<T> {
  readonly format: number;
  readonly floe: string;
  readonly value: T;
  /** The byte length of each raw part written after the envelope (see {@link Tails}). */
  readonly parts: readonly number[];
}

/**
 * Big typed arrays and long strings of a cache file, written after its envelope as
 * they are: V8's serializer writes a typed array or a list of small strings element
 * by element, and `node:v8` copies its output once more (at 10,000 pages a
 * `state.bin` of 38 MB took 0.3 s to serialize, most of it a 10 MB key list and
 * the outputs' read ids). The value holds each part's index.
 */
class Tails {
  readonly parts: Uint8Array[] = [];

  /** A typed array's bytes, not copied. */
  add(array: Uint8Array | Uint32Array): number {
    this.parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return this.parts.length - 1;
  }

  /**
   * Strings end to end as UTF-8, and where each ends (in UTF-16 units, as read
   * back). Each is encoded into one buffer: joining them first made a second copy
   * (at 100,000 pages, 1.5 s for the keys and the link scans).
   */
  strings(strings: readonly string[]): StoredStrings {
    const ends = new Uint32Array(strings.length);
    let units = 0;
    for (let i = 0; i < strings.length; i++) ends[i] = units += strings[i].length;
    const out = new Utf8Buffer(units);
    for (const text of strings) out.write(text);
    return { text: this.add(out.bytes), ends: this.add(ends) };
  }

  /** Typed arrays end to end, and where each ends. */
  arrays(arrays: readonly Uint32Array[]): StoredArrays {
    let total = 0;
    for (const array of arrays) total += array.length;
    const values = new Uint32Array(total);
    const ends = new Uint32Array(arrays.length);
    let at = 0;
    arrays.forEach((array, i) => {
      values.set(array, at);
      ends[i] = at += array.length;
    });
    return { values: this.add(values), ends: this.add(ends) };
  }
}

/** Parts read back, each in a buffer of its own (so typed arrays can view it). */
class ReadTails {
  readonly #parts: readonly Uint8Array[];

  constructor(parts: readonly Uint8Array[]) {
    this.#parts = parts;
  }

  bytes(part: number): Uint8Array {
    return this.#parts[part];
  }

  u32(part: number): Uint32Array {
    const bytes = this.#parts[part];
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }

  /** The strings {@link Tails.strings} wrote; each a slice of one string. */
  strings({ text, ends }: StoredStrings): string[] {
    return unpackStrings({
      text: new TextDecoder().decode(this.#parts[text]),
      ends: this.u32(ends),
    });
  }

  /** The arrays {@link Tails.arrays} wrote; each a view of one buffer. */
  arrays({ values, ends }: StoredArrays): Uint32Array[] {
    const all = this.u32(values);
    let start = 0;
    return Array.from(this.u32(ends), (end) => all.subarray(start, start = end));
  }
}

/** Strings written by {@link Tails.strings}: the parts holding their text and ends. */
interface StoredStrings {
  readonly text: number;
  readonly ends: number;
}

/** Arrays written by {@link Tails.arrays}: the parts holding their values and ends. */
interface StoredArrays {
  readonly values: number;
  readonly ends: number;
}

/**
 * Reads `name` from the cache folder; `null` (never an exception) when it is
 * missing, unreadable, or from another floe version or cache format. The raw
 * parts `saveCache` wrote come back each in a buffer of its own.
 */
function loadCache<T>(dir: string, name: string): { value: T; tails: ReadTails } | null {
  let fd: number | undefined;
  try {
    fd = openSync(join(dir, name), "r");
    // Each part read into a buffer of its own: Deno's `node:v8` `deserialize` reads
    // a typed array inside a value from the wrong place when the bytes it is given
    // do not start their buffer (2.9.5), and a Uint32Array needs an aligned start.
    let position = 0;
    const read = (length: number) => {
      const bytes = readAt(fd!, position, length);
      position += length;
      return bytes;
    };
    const length = new DataView(read(4).buffer).getUint32(0);
    const envelope = deserialize(read(length)) as Envelope<T>;
    if (envelope.format !== CACHE_FORMAT || envelope.floe !== FLOE_VERSION) return null;
    const parts = envelope.parts.map((part) => read(part));
    if (readUpTo(fd, new Uint8Array(1), position) !== 0) return null; // longer than written
    return { value: envelope.value, tails: new ReadTails(parts) };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `name` into the cache folder atomically: the value serialized, then the
 * raw parts as they are (not copied into a second buffer: at 100,000 pages the
 * snapshot alone is 0.2 GB). The bytes are written off this thread: at 100,000
 * pages `state.bin` is 0.4 GB, most of a second of disk, during which a dev
 * server goes on answering.
 */
async function saveCache<T>(dir: string, name: string, value: T, tails: Tails): Promise<void> {
  await mkdir(dir, { recursive: true });
  const envelope: Envelope<T> = {
    format: CACHE_FORMAT,
    floe: FLOE_VERSION,
    value,
    parts: tails.parts.map((part) => part.byteLength),
  };
  const bytes = serialize(envelope);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.byteLength);
  await writeAtomically(join(dir, name), length, bytes, ...tails.parts);
}

/**
 * Deletes `name` from the cache folder, if it is there.
 *
 * @example
 * ```ts
 * import { dropCache } from "./store.ts";
 * dropCache("/site/.floe-cache", "state.bin");
 * ```
 */
export function dropCache(dir: string, name: string): void {
  rmSync(join(dir, name), { force: true });
}

/** How every parse shard's file name starts (see `shardName`). */
const SHARD_PREFIX = "parse-";

/** Bytes of a shard file read at a time for its texts (see `ParseStore.#readTexts`). */
const TEXT_WINDOW = 4 << 20;

/** Shards of the parse cache: an edit rewrites one, not the whole cache. */
const PARSE_SHARDS = 32;

/**
 * The shard a source path's parse entry lives in.
 */
function parseShard(path: string): number {
  let h = 0;
  for (let i = 0; i < path.length; i++) h = (h * 31 + path.charCodeAt(i)) >>> 0;
  return h % PARSE_SHARDS;
}

/**
 * A cache entry: its stat, its body and plain text, and the rest of the page either
 * encoded (see `encodePage`) or read — never both for long. The encoded form goes
 * once the page is read or written to disk, and is made again from the page when
 * its shard is written next: at 100,000 pages the encoded forms are 0.1 GB, and a
 * slot read from disk would keep its whole shard's bytes alive.
 */
interface Slot extends ParseStat {
  /** Everything but the body and text, as JSON (UTF-8): until the page is read or written. */
  meta?: Uint8Array;
  /** The body, or where a parse worker wrote it; `undefined` while it is only on disk. */
  html?: Body;
  /** The plain text, or where a parse worker wrote it; `undefined` while it is only on disk. */
  text?: Body;
  page?: ParsedPage;
  /** Where a slot read from its shard file has its meta, body and text, until they are read. */
  disk?: OnDisk;
}

/**
 * An entry's bytes in its shard file: the meta at `at`, then the body, then the
 * text. Read through the descriptor the shard's index was read through: another
 * process may replace the file, and this one reads the file it indexed.
 */
interface OnDisk {
  readonly fd: number;
  readonly at: number;
  readonly meta: number;
  readonly html: number;
  readonly text: number;
}

/**
 * The parse cache of a session: parsed pages by source path. Pages are kept
 * serialized (the parse workers serialize them, off the main thread) and read
 * back only when asked for, so a build that reuses most pages never pays for
 * them. On disk: 32 shards by path, each a JSON index followed by the entries'
 * bytes, written back only when changed. A shard's index is read when a path of
 * it is asked for, an entry's bytes when its page or text is (through the file
 * the index was read from: {@link ParseStore.close} closes them).
 *
 * @example
 * ```ts
 * import { ParseStore } from "./store.ts";
 * const store = new ParseStore("/site/.floe-cache");
 * console.log(store.page("content/a.md")?.frontMatter.title);
 * ```
 */
export class ParseStore {
  readonly #dir: string | null;
  readonly #inWorker: boolean;
  readonly #slots = new Map<string, Slot>();
  readonly #loaded = new Set<number>();
  /** The open shard files, by shard, and the slots read from each: their bytes are read as asked for. */
  readonly #files = new Map<number, { readonly fd: number; readonly slots: readonly Slot[] }>();
  /** Where {@link text} reads shard files, a window at a time (see `#readTexts`). */
  #window: Uint8Array | undefined;
  readonly #dirty = new Set<number>();
  /** The save under way: the next one waits for it (they may write the same shard). */
  #saving: Promise<void> = Promise.resolve();
  /** A save failed: some entries are in memory alone, and no page may be let go. */
  #unsaved = false;

  /**
   * `dir` is the cache folder, or `null` for a store that starts empty and stays in
   * memory. `inWorker`: a big save lays out and writes its shards in a worker of
   * its own (see `shard_file.ts`), for a build that has better use for this thread.
   */
  constructor(dir: string | null, { inWorker = false }: { inWorker?: boolean } = {}) {
    this.#dir = dir;
    this.#inWorker = inWorker;
  }

  /** Whether the store holds no page, in memory or on disk (no shard is read for that). */
  get empty(): boolean {
    if (this.#slots.size) return false;
    try {
      return this.#dir === null ||
        !readdirSync(this.#dir).some((name) => name.startsWith(SHARD_PREFIX));
    } catch {
      return true; // no cache folder yet
    }
  }

  /** What the cache knows of a source path, without reading its page. */
  stat(path: string): ParseStat | undefined {
    this.#load(parseShard(path));
    return this.#slots.get(path);
  }

  /** The parsed page of a source path, if cached. */
  page(path: string): ParsedPage | undefined {
    const slot = this.stat(path) as Slot | undefined;
    if (slot && !slot.page) {
      readEntry(slot);
      // Body and text are copied out of the entry: a page must not pin its meta's bytes.
      const own = (bytes: Body) => bytes instanceof Uint8Array ? new Uint8Array(bytes) : bytes;
      slot.page = decodePage(slot.meta!, own(slot.html!), own(slot.text!));
      slot.html = slot.page.html;
      slot.text = slot.page.text;
      slot.meta = undefined;
    }
    return slot?.page;
  }

  /**
   * The plain text of a source path's page, if cached, without reading the page
   * back: the search index reads every page's text after any edit, and decoding
   * every page for it was half a second of a 10,000-page rebuild.
   */
  text(path: string): Body | undefined {
    const slot = this.stat(path) as Slot | undefined;
    if (slot?.text === undefined && slot?.disk) this.#readTexts(parseShard(path));
    return slot?.text;
  }

  /**
   * Reads the texts of a shard's slots that have none yet, all at once: a rebuild's
   * search index reads every page's text, and little else of the pages. The file
   * goes through one window, reused, and the texts into one buffer: on these
   * machines memory touched for the first time costs more than reading into it
   * (reading every shard whole, into new buffers, was 0.4 s at 10,000 pages; a
   * read per text 0.2 s).
   */
  #readTexts(shard: number): void {
    const file = this.#files.get(shard);
    if (!file) return;
    const waiting = file.slots.filter((slot) => slot.text === undefined && slot.disk)
      .sort((a, b) => a.disk!.at - b.disk!.at);
    const window = this.#window ??= new Uint8Array(TEXT_WINDOW);
    const texts = new Uint8Array(
      waiting.reduce((sum, { disk }) => sum + (disk!.text <= TEXT_WINDOW ? disk!.text : 0), 0),
    );
    let [start, end, out] = [0, 0, 0];
    for (const slot of waiting) {
      const { at, meta, html, text } = slot.disk!;
      const from = at + meta + html;
      if (from < start || from + text > end) {
        start = from;
        end = from + readUpTo(file.fd, window, from);
      }
      if (from + text > end) { // longer than the window
        slot.text = readAt(file.fd, from, text);
        continue;
      }
      texts.set(window.subarray(from - start, from - start + text), out);
      slot.text = texts.subarray(out, out += text);
    }
  }

  /**
   * Closes the shard files. Their entries not read yet are forgotten, and read
   * again from the files if asked for: the store can still be used.
   */
  close(): void {
    for (const [shard, { fd }] of this.#files) {
      for (const [path, slot] of this.#slots) {
        if (slot.disk?.fd === fd) this.#slots.delete(path);
      }
      this.#loaded.delete(shard);
      closeSync(fd);
    }
    this.#files.clear();
    this.#window = undefined;
  }

  /** Records a fresh parse: the page and its metadata encoded (see `encodePage`). */
  set(path: string, stat: Omit<ParseStat, "bodyHash">, page: ParsedPage, meta: Uint8Array): void {
    const shard = parseShard(path);
    this.#load(shard);
    this.#slots.set(path, {
      ...stat,
      bodyHash: page.bodyHash,
      meta,
      html: page.html,
      text: page.text,
      page,
    });
    this.#dirty.add(shard);
  }

  /** Forgets the entries of files that no longer exist. */
  retain(paths: ReadonlySet<string>): void {
    for (let shard = 0; shard < PARSE_SHARDS; shard++) this.#load(shard);
    for (const path of this.#slots.keys()) {
      if (paths.has(path)) continue;
      this.#slots.delete(path);
      this.#dirty.add(parseShard(path));
    }
  }

  /**
   * Writes the shards changed since the last save. The files are written off this
   * thread, one shard at a time, and saves follow each other: a build can start
   * one as soon as its pages are parsed and go on.
   */
  save(): Promise<void> {
    const saved = this.#saving.then(() => this.#write());
    this.#saving = saved.catch(() => {
      this.#unsaved = true;
    });
    return saved;
  }

  /**
   * Lets go of the pages the save under way writes, once it has written them: each
   * is read back from its shard file if asked for again. Texts stay as they are
   * (the search index reads them all). A one-shot build calls it once rendering has
   * every page it needs: what it asks after (a broken link's line, the ids a
   * fragment may point to) is a few pages, and at the end of rendering the pages
   * were a tenth of its main thread's live heap (10,000 pages, heap snapshot).
   */
  release(): Promise<void> {
    const released = this.#saving.then(() => {
      if (!this.#dir || this.#dirty.size || this.#unsaved) return;
      const held = new Map<number, [string, Slot][]>();
      for (const [path, slot] of this.#slots) {
        const shard = parseShard(path);
        // A shard read from its file and not written since keeps what it read: the
        // few pages an edit touched.
        if (!(slot.page || slot.meta) || this.#files.has(shard)) continue;
        const slots = held.get(shard);
        if (slots) slots.push([path, slot]);
        else held.set(shard, [[path, slot]]);
      }
      for (const [shard, slots] of held) this.#reindex(shard, slots);
    });
    this.#saving = released.catch(() => {});
    return released;
  }

  /** Points `slots` at their entries in the shard file just written, and drops what it holds. */
  #reindex(shard: number, slots: readonly [string, Slot][]): void {
    const read = readShard(join(this.#dir!, shardName(shard)));
    if (!read) return;
    const written = new Map(read.entries);
    for (const [path, slot] of slots) {
      const entry = written.get(path);
      // Another process may have written the shard since: its entry must be this one.
      if (
        !entry || entry.bodyHash !== slot.bodyHash || entry.size !== slot.size ||
        entry.mtimeMs !== slot.mtimeMs || entry.options !== slot.options
      ) continue;
      slot.disk = entry.disk;
      slot.page = slot.meta = slot.html = undefined;
    }
    this.#files.set(shard, { fd: read.fd, slots: slots.map(([, slot]) => slot) });
  }

  /** Nothing before a worker is given the shards is awaited: this thread goes on with the build at once. */
  #write(): Promise<void> {
    if (!this.#dir || !this.#dirty.size) return Promise.resolve();
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    const shards = new Map<string, [string, Slot][]>(dirty.map((s) => [shardName(s), []]));
    for (const [path, slot] of this.#slots) {
      const entries = shards.get(shardName(parseShard(path)));
      if (!entries) continue;
      // Read now, from the file about to be replaced, which is then closed: an open
      // file keeps the replaced one's bytes on disk.
      readEntry(slot);
      entries.push([path, slot]);
    }
    for (const shard of dirty) {
      const file = this.#files.get(shard);
      if (file) closeSync(file.fd);
      this.#files.delete(shard);
    }
    const head = { format: CACHE_FORMAT, floe: FLOE_VERSION };
    if (this.#inWorker && movable(shards)) return writeInWorker(this.#dir, head, shards);
    // Each shard's entries encoded as it is written (see `Slot`): at 100,000 pages a
    // save that rewrites every shard would hold 0.1 GB of them at once.
    function* jobs(): Generator<ShardJob> {
      for (const [name, entries] of shards) {
        yield {
          name,
          head,
          entries: entries.map(([path, slot]) => {
            const { size, mtimeMs, options, bodyHash } = slot;
            const [html, text] = [slot.html!, slot.text!];
            return [path, { size, mtimeMs, options, bodyHash, meta: takeMeta(slot), html, text }];
          }),
        };
      }
    }
    return writeShards(this.#dir, jobs());
  }

  #load(shard: number): void {
    if (this.#loaded.has(shard)) return;
    this.#loaded.add(shard);
    if (!this.#dir) return;
    const read = readShard(join(this.#dir, shardName(shard)));
    if (!read) return;
    this.#files.set(shard, { fd: read.fd, slots: read.entries.map(([, slot]) => slot) });
    // A slot this store has (kept past a `close`) is as new as the file's, or newer.
    for (const [path, slot] of read.entries) {
      if (!this.#slots.has(path)) this.#slots.set(path, slot);
    }
  }
}

/**
 * A shard file's index, and the descriptor its entries are read through (see
 * `OnDisk`): the index alone is read now, a tenth of the file. Reading whole
 * shards was most of a 10,000-page rebuild's search index (0.4 s for 90 MB; on
 * these machines, memory touched for the first time costs more than the read).
 */
function readShard(file: string): { fd: number; entries: [string, Slot][] } | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const length = new DataView(readAt(fd, 0, 4).buffer).getUint32(0);
    const head = JSON.parse(new TextDecoder().decode(readAt(fd, 4, length)));
    if (head.format !== CACHE_FORMAT || head.floe !== FLOE_VERSION) throw new Error("old");
    const base = 4 + length;
    type Row = [string, number, number, string, string, number, number, number, number];
    const entries = (head.index as Row[]).map(
      ([path, size, mtimeMs, options, bodyHash, offset, meta, html, text]): [string, Slot] => [
        path,
        {
          size,
          mtimeMs,
          options,
          bodyHash,
          disk: { fd: fd!, at: base + offset, meta, html, text },
        },
      ],
    );
    // A file cut short is no cache at all, not an error when a page is read.
    const size = fstatSync(fd).size;
    for (const [, { disk }] of entries) {
      if (disk!.at + disk!.meta + disk!.html + disk!.text > size) throw new Error("cut short");
    }
    return { fd, entries };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return null;
  }
}

/** Reads a slot's meta, body and text from its shard file (one read), unless it has them. */
function readEntry(slot: Slot): void {
  const disk = slot.disk;
  if (!disk) return;
  slot.disk = undefined;
  const bytes = readAt(disk.fd, disk.at, disk.meta + disk.html + disk.text);
  slot.meta = bytes.subarray(0, disk.meta);
  slot.html = bytes.subarray(disk.meta, disk.meta + disk.html);
  slot.text ??= bytes.subarray(disk.meta + disk.html);
}

/** Fills `bytes` from a file from `position`, as far as the file goes; how many it read. */
function readUpTo(fd: number, bytes: Uint8Array, position: number): number {
  let at = 0;
  for (let got = 1; got > 0 && at < bytes.length; at += got) {
    got = readSync(fd, bytes, at, bytes.length - at, position + at);
  }
  return at;
}

/** `length` bytes of a file from `position`; throws if the file is shorter. */
function readAt(fd: number, position: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  if (readUpTo(fd, bytes, position) < length) throw new Error("cut short");
  return bytes;
}

/**
 * Whether a save is for a worker: big enough to be worth starting one (~50 ms of
 * this thread), every page parsed (or read) in this session and every body in a
 * body file. A slot read from a shard file has its meta in that file's bytes,
 * with its body and text, and they are not to be moved.
 */
function movable(shards: ReadonlyMap<string, readonly [string, Slot][]>): boolean {
  let count = 0;
  for (const entries of shards.values()) {
    for (const [, { page, html, text }] of entries) {
      if (!page || html instanceof Uint8Array || text instanceof Uint8Array) return false;
      count++;
    }
  }
  return count >= WORKER_ENTRIES;
}

/**
 * A slot's encoded form, for its shard to be written with; made from its page if
 * gone. A slot with its page no longer keeps it: it would be made again for the
 * next write (see `Slot`).
 */
function takeMeta(slot: Slot): Uint8Array {
  const meta = slot.meta ?? encodePage(slot.page!);
  if (slot.page) slot.meta = undefined;
  return meta;
}

/** Entries a save must have for a worker to write it (see `movable`). */
const WORKER_ENTRIES = 2000;

/**
 * Writes the shards in a worker of its own (`workers/store_worker.ts`), which ends
 * once they are written. The metas' buffers are moved to it, not copied: for pages
 * parsed in this session they hold metas alone (a parse batch's, see `packParsed`),
 * and this thread would drop them once written (140 MB at 100,000 pages).
 */
function writeInWorker(
  dir: string,
  head: ShardColumns["head"],
  shards: ReadonlyMap<string, readonly [string, Slot][]>,
): Promise<void> {
  const columns = toColumns(head, shards);
  const worker = new Worker(new URL("../../workers/store_worker.ts", import.meta.url), {
    type: "module",
    name: "store",
  });
  return new Promise<void>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ error?: string }>) =>
      e.data.error === undefined ? resolve() : reject(new Error(e.data.error));
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message));
    };
    worker.postMessage({ dir, columns }, [...columns.buffers]);
  }).finally(() => worker.terminate());
}

/** The shards as {@link ShardColumns}; each slot's meta is handed over (see `Slot`). */
function toColumns(
  head: ShardColumns["head"],
  shards: ReadonlyMap<string, readonly [string, Slot][]>,
): ShardColumns {
  const entries = [...shards.values()].flat();
  const numbers = new Float64Array(entries.length * SHARD_NUMBERS);
  const options = new Map<string, number>();
  const files = new Map<string, number>();
  const buffers = new Map<ArrayBuffer, number>();
  const indexOf = <K>(table: Map<K, number>, key: K) => {
    let index = table.get(key);
    if (index === undefined) table.set(key, index = table.size);
    return index;
  };
  entries.forEach(([, slot], i) => {
    const meta = takeMeta(slot);
    const html = slot.html as BodyRef;
    const text = slot.text as BodyRef;
    let at = i * SHARD_NUMBERS;
    numbers[at++] = slot.size;
    numbers[at++] = slot.mtimeMs;
    numbers[at++] = indexOf(options, slot.options);
    numbers[at++] = indexOf(buffers, meta.buffer as ArrayBuffer);
    numbers[at++] = meta.byteOffset;
    numbers[at++] = meta.length;
    numbers[at++] = indexOf(files, html.file);
    numbers[at++] = html.offset;
    numbers[at++] = html.length;
    numbers[at++] = indexOf(files, text.file);
    numbers[at++] = text.offset;
    numbers[at] = text.length;
  });
  return {
    head,
    names: [...shards.keys()],
    counts: [...shards.values()].map((list) => list.length),
    paths: entries.map(([path]) => path),
    options: [...options.keys()],
    hashes: entries.map(([, slot]) => slot.bodyHash),
    buffers: [...buffers.keys()],
    files: [...files.keys()],
    numbers,
  };
}

function shardName(shard: number): string {
  return `${SHARD_PREFIX}${String(shard).padStart(2, "0")}.bin`;
}

/** Items with one typed array field each, that field packed (see {@link Tails.arrays}). */
interface Packed<T> {
  readonly items: readonly T[];
  readonly arrays: StoredArrays;
}

function pack<T extends object, K extends keyof T>(
  tails: Tails,
  items: readonly T[],
  field: K,
): Packed<Omit<T, K>> {
  const rest = items.map(({ [field]: _, ...others }) => others);
  return { items: rest, arrays: tails.arrays(items.map((item) => item[field] as Uint32Array)) };
}

function unpack<T, K extends string>(
  tails: ReadTails,
  packed: Packed<T>,
  field: K,
): (T & Record<K, Uint32Array>)[] {
  const arrays = tails.arrays(packed.arrays);
  return packed.items.map((item, i) =>
    ({ ...item, [field]: arrays[i] }) as T & Record<K, Uint32Array>
  );
}

/**
 * A snapshot as `state.bin` holds it: packed (see `packSnapshot`), then patched (see
 * `applyPatch`). After an edit that only patches pages, a one-shot build writes
 * the last snapshot's bytes again with one more patch: serializing the whole
 * snapshot was 0.3 s of a one-page edit of a 10,000-page site.
 *
 * @example
 * ```ts
 * import type { StoredSnapshot } from "./store.ts";
 * declare const stored: StoredSnapshot;
 * console.log(stored.base.byteLength, stored.patches.length);
 * ```
 */
export interface StoredSnapshot {
  readonly base: Uint8Array;
  readonly patches: readonly SnapshotPatch[];
}

/**
 * Writes the last good build to `state.bin`. `snapshotBytes`, when given, is
 * `state.snapshot` already packed (as `shareSnapshot` made it); else it is
 * written as `state.stored` has it, or packed.
 *
 * @example
 * ```ts
 * import { saveState } from "./store.ts";
 * declare const state: import("./store.ts").BuildState;
 * await saveState("/site/.floe-cache", state);
 * ```
 */
export async function saveState(
  dir: string,
  state: BuildState,
  snapshotBytes?: Uint8Array,
): Promise<void> {
  const { snapshot, keys, outputs, stored: form, ...rest } = state;
  const tails = new Tails();
  const patches = snapshotBytes ? [] : form?.patches ?? [];
  const stored: StoredState = {
    ...rest,
    keys: storeKeys(tails, keys),
    outputs: pack(tails, [...outputs.values()], "reads"),
    // Packed on its own, or as the render workers got it: not done twice.
    snapshot: tails.add(snapshotBytes ?? form?.base ?? packSnapshot(snapshot)),
    patches: patches.length ? tails.add(serialize(patches)) : null,
  };
  await saveCache(dir, "state.bin", stored, tails);
}

/** `state.bin`: the keys, the outputs' read ids and the packed snapshot in raw parts. */
type StoredState = Omit<BuildState, "snapshot" | "outputs" | "keys" | "stored"> & {
  readonly keys: StoredKeys;
  readonly outputs: Packed<Omit<Provenance, "reads">>;
  readonly snapshot: number;
  /** The patches to apply to the snapshot, if any. */
  readonly patches: number | null;
};

/** A key table in raw parts: its names as string lists, its keys as numbers (see `KeyTable`). */
interface StoredKeys {
  readonly rows: StoredStrings;
  readonly columns: StoredStrings;
  readonly whole: StoredStrings;
  readonly ids: number;
}

function storeKeys(tails: Tails, keys: KeyTable): StoredKeys {
  const { rows, columns, whole, ids } = keys.parts();
  return {
    rows: tails.strings(rows),
    columns: tails.strings(columns),
    whole: tails.strings(whole),
    ids: tails.add(ids),
  };
}

/**
 * Reads `state.bin`; `null` when it is missing or from another version.
 *
 * @example
 * ```ts
 * import { loadState } from "./store.ts";
 * const state = loadState("/site/.floe-cache");
 * ```
 */
export function loadState(dir: string): BuildState | null {
  const stored = loadCache<StoredState>(dir, "state.bin");
  if (!stored) return null;
  const { value, tails } = stored;
  const outputs = new Map(
    unpack(tails, value.outputs, "reads").map((p) => [p.path, p as Provenance]),
  );
  const { patches: patchesAt, ...rest } = value;
  const base = tails.bytes(value.snapshot);
  const patches = patchesAt === null ? [] : deserialize(tails.bytes(patchesAt)) as SnapshotPatch[];
  let snapshot = unpackSnapshot(base);
  // The snapshot is this state's alone: patched in place, as a worker patches its copy.
  for (const patch of patches) snapshot = applyPatch(snapshot, patch, true);
  return {
    ...rest,
    keys: KeyTable.from({
      rows: tails.strings(value.keys.rows),
      columns: tails.strings(value.keys.columns),
      whole: tails.strings(value.keys.whole),
      ids: tails.u32(value.keys.ids),
    }),
    snapshot,
    stored: { base, patches },
    outputs,
  };
}

/**
 * The link scans as stored: per page, its hrefs end to end in one string and its
 * ids in another, as the render workers sent them (see `StringList`), all pages'
 * in raw parts.
 */
interface StoredScans {
  readonly paths: StoredStrings;
  readonly hrefs: StoredStrings;
  readonly hrefEnds: StoredArrays;
  readonly lines: StoredArrays;
  readonly ids: StoredStrings;
  readonly idEnds: StoredArrays;
}

/**
 * Writes the link scans of every page to `scans.bin`.
 *
 * @example
 * ```ts
 * import { saveScans } from "./store.ts";
 * await saveScans("/site/.floe-cache", new Map());
 * ```
 */
export async function saveScans(dir: string, scans: ReadonlyMap<string, PageScan>): Promise<void> {
  const rows = [...scans.values()];
  const tails = new Tails();
  const stored: StoredScans = {
    paths: tails.strings([...scans.keys()]),
    hrefs: tails.strings(rows.map((scan) => scan.hrefs.text)),
    hrefEnds: tails.arrays(rows.map((scan) => scan.hrefs.ends)),
    lines: tails.arrays(rows.map((scan) => scan.lines)),
    ids: tails.strings(rows.map((scan) => scan.ids.text)),
    idEnds: tails.arrays(rows.map((scan) => scan.ids.ends)),
  };
  await saveCache(dir, "scans.bin", stored, tails);
}

/**
 * Reads `scans.bin`; `null` when it is missing or from another version.
 *
 * @example
 * ```ts
 * import { loadScans } from "./store.ts";
 * const scans = loadScans("/site/.floe-cache");
 * ```
 */
export function loadScans(dir: string): Map<string, PageScan> | null {
  const loaded = loadCache<StoredScans>(dir, "scans.bin");
  if (!loaded) return null;
  const { value: stored, tails } = loaded;
  const hrefs = tails.strings(stored.hrefs);
  const hrefEnds = tails.arrays(stored.hrefEnds);
  const lines = tails.arrays(stored.lines);
  const ids = tails.strings(stored.ids);
  const idEnds = tails.arrays(stored.idEnds);
  return new Map(
    tails.strings(stored.paths).map((path, i) => [path, {
      hrefs: { text: hrefs[i], ends: hrefEnds[i] },
      lines: lines[i],
      ids: { text: ids[i], ends: idEnds[i] },
    }]),
  );
}
