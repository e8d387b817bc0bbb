/**
 * Moving the snapshot to workers: its flat tables are packed once on the main
 * thread into shared memory, and each worker opens them there, decoding a page's
 * record only when it reads it. Records refer to each other by key, so nothing
 * follows a chain of pages, whatever the size of a section. Between builds of one
 * session a worker receives a patch — the records that changed — instead of the
 * whole snapshot.
 *
 * @module
 */
import { deserialize, serialize } from "node:v8";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { Utf8Buffer } from "../base/utf8_buffer.ts";
import type {
  Layout,
  PageRecord,
  SectionRecord,
  SiteRecord,
  SiteSnapshot,
  TaxonomyRecord,
  TermRecord,
} from "./types.ts";

/**
 * A serialized snapshot in a `SharedArrayBuffer`: posting it to any number of
 * workers copies nothing.
 *
 * @example
 * ```ts
 * import type { SharedSnapshot } from "./transfer.ts";
 * declare const shared: SharedSnapshot;
 * console.log(shared.bytes.byteLength);
 * ```
 */
export interface SharedSnapshot {
  readonly bytes: Uint8Array;
}

/**
 * The records that differ between two snapshots: per table, the records to set
 * and the keys to delete; `site`, `data` and `layouts` whole when they changed.
 *
 * @example
 * ```ts
 * import type { SnapshotPatch } from "./transfer.ts";
 * const patch: SnapshotPatch = { pages: [["/a/", null]], sections: [], terms: [], taxonomies: [] };
 * ```
 */
export interface SnapshotPatch {
  readonly pages: readonly (readonly [string, PageRecord | null])[];
  readonly sections: readonly (readonly [string, SectionRecord | null])[];
  readonly terms: readonly (readonly [string, TermRecord | null])[];
  readonly taxonomies: readonly (readonly [string, TaxonomyRecord | null])[];
  readonly site?: SiteRecord;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly layouts?: Readonly<Record<string, Layout>>;
}

/**
 * Packs a snapshot into shared memory, where it is written (see {@link packSnapshot}).
 *
 * @example
 * ```ts
 * import { shareSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const shared = shareSnapshot(snapshot);
 * ```
 */
export function shareSnapshot(snapshot: DeepReadonly<SiteSnapshot> | SiteSnapshot): SharedSnapshot {
  return { bytes: packSnapshot(snapshot, { shared: true }) };
}

/**
 * A snapshot as bytes: each page record on its own, end to end, then in one piece
 * the other tables, the pages' keys and ends and the long lists records share (see
 * {@link LONG_LIST}), then where that piece starts.
 * A reader can so decode one page without the others: a render worker at 100,000
 * pages decoded them all before its first page (3 s), and kept them (0.3 GB).
 *
 * A page record is written as JSON when JSON gives it back exactly (front matter
 * is plain data: dates are strings), else with V8's serializer (a `Date` a
 * config's cascade put in `params`, `NaN`, `-0`, `undefined`). JSON is 2–4 times
 * faster to write and read back one record at a time; the first byte tells which
 * (`{`, or V8's version tag 0xFF). `shared`: written in shared memory, as
 * {@link shareSnapshot} sends it.
 *
 * @example
 * ```ts
 * import { packSnapshot, unpackSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const copy = unpackSnapshot(packSnapshot(snapshot));
 * ```
 */
export function packSnapshot(
  snapshot: DeepReadonly<SiteSnapshot> | SiteSnapshot,
  { shared = false }: { shared?: boolean } = {},
): Uint8Array {
  const { pages, ...rest } = snapshot as SiteSnapshot;
  const records = [...pages.values()];
  const lists = new Map<unknown[], List>();
  const scans = records.map((record) => scan(record, lists));
  const sharedLists: unknown[][] = [];
  // Room for 1.5 KB a record, grown as needed.
  const out = new Utf8Buffer(records.length * 1536, { shared });
  const ends: number[] = [];
  records.forEach((record, i) => {
    const { plain, found } = scans[i];
    let value: unknown = record;
    let json = plain;
    if (found) {
      const refs: Ref[] = [];
      value = strip(record, { lists, shared: sharedLists, refs, path: [] });
      if (refs.length) value = [value, refs];
      json &&= found.every((list) => {
        const { count, plain } = lists.get(list)!;
        return count > 1 || plain;
      });
    }
    if (json) out.write(JSON.stringify(value));
    else out.writeBytes(serialize(value));
    ends.push(out.length);
  });
  const headAt = out.length;
  const head: Head = { ...rest, keys: [...pages.keys()], ends, lists: sharedLists };
  out.writeBytes(serialize(head));
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setFloat64(0, headAt, true);
  out.writeBytes(tail);
  return out.bytes;
}

/**
 * Reads a packed snapshot back whole: tables that are plain `Map`s, for a holder
 * that compares or patches them (the state a new process reads). Not frozen here:
 * templates reach records only through views, which freeze what they hand out.
 *
 * @example
 * ```ts
 * import { packSnapshot, unpackSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const copy = unpackSnapshot(packSnapshot(snapshot));
 * ```
 */
export function unpackSnapshot(bytes: Uint8Array): SiteSnapshot {
  const { keys, ends, lists, ...rest } = readHead(bytes);
  const packed = { bytes, ends, lists };
  const pages = new Map<string, PageRecord>();
  for (let i = 0; i < keys.length; i++) pages.set(keys[i], decodeRecord(packed, i));
  return { ...rest, pages };
}

/**
 * Opens a shared snapshot where it lies: every table but the pages is read now;
 * a page record is decoded when first asked for, and only the most recently used
 * are kept. What a render worker needs, for the pages it renders and the few
 * each one reads, costs it in proportion.
 *
 * @example
 * ```ts
 * import { openSnapshot, shareSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const opened = openSnapshot(shareSnapshot(snapshot));
 * console.log(opened.pages.get("/")?.title);
 * ```
 */
export function openSnapshot(shared: SharedSnapshot): SiteSnapshot {
  const { keys, ends, lists, ...rest } = readHead(shared.bytes);
  return { ...rest, pages: new PageTable({ bytes: shared.bytes, ends, lists }, keys) };
}

/** What follows the page records in a packed snapshot. */
type Head = Omit<SiteSnapshot, "pages"> & {
  readonly keys: readonly string[];
  /**
   * Where each page record ends (where the previous one ends, it starts). Not a
   * typed array: Deno's `node:v8` cannot read one back from bytes at an offset
   * that is not a multiple of its element size.
   */
  readonly ends: readonly number[];
  /** Long lists that several records hold (see {@link List}), each packed once. */
  readonly lists: readonly unknown[][];
};

/** The page records of a packed snapshot, as a reader decodes them. */
interface PackedPages {
  readonly bytes: Uint8Array;
  readonly ends: Head["ends"];
  readonly lists: Head["lists"];
}

function readHead(bytes: Uint8Array): Head {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headAt = view.getFloat64(bytes.byteLength - 8, true);
  return deserialize(bytes.subarray(headAt, bytes.byteLength - 8)) as Head;
}

const V8_VERSION_TAG = 0xff;
const DECODER = new TextDecoder();

/**
 * The `i`th page record. Packed as a record, or as a record with lists taken out
 * and where they go back: a record is an object, so an array is the second form.
 */
function decodeRecord({ bytes, ends, lists }: PackedPages, i: number): PageRecord {
  const slice = bytes.subarray(i === 0 ? 0 : ends[i - 1], ends[i]);
  const value = slice[0] === V8_VERSION_TAG
    ? deserialize(slice)
    : JSON.parse(DECODER.decode(slice));
  if (!Array.isArray(value)) return value as PageRecord;
  const [record, refs] = value as [Record<string | number, unknown>, Ref[]];
  for (const [path, list] of refs) {
    let at = record;
    for (let i = 0; i < path.length - 1; i++) at = at[path[i]] as Record<string | number, unknown>;
    at[path[path.length - 1]] = lists[list];
  }
  return record as unknown as PageRecord;
}

/**
 * Arrays this long may be shared by many records: every page of a paginated
 * listing holds its listing's `numbers`, a link to each of its pages (10,000 at
 * 100,000 pages). Packed with each record, they made the snapshot grow with the
 * square of the listing's length (1.6 GB instead of 0.18); a list that more than
 * one record holds is packed once, after the records, and put back where they had
 * it when they are decoded, the same array for all (as the snapshot had it).
 */
const LONG_LIST = 16;

/** A long list: how many times records hold it, whether JSON keeps it, its place once packed. */
interface List {
  count: number;
  readonly plain: boolean;
  index: number;
}

/** Where in a record a list was, and its place among the packed lists. */
type Ref = readonly [path: readonly (string | number)[], list: number];

/** A walk deeper than this is a cycle, or as good as one: the record goes to V8's serializer whole. */
const MAX_DEPTH = 200;

/**
 * Walks a value: whether `JSON.parse(JSON.stringify(value))` gives it back
 * exactly (strings, booleans, `null`, finite numbers but `-0`, arrays without
 * holes, objects with the usual prototype holding such values). Given `lists`, a
 * long list is not part of the answer: it is counted there, walked the first
 * time only, and returned in `found`.
 */
function scan(
  value: unknown,
  lists?: Map<unknown[], List>,
): { plain: boolean; found: unknown[][] | undefined } {
  let plain = true;
  let found: unknown[][] | undefined;
  const stack: unknown[] = [value];
  const depths: number[] = [0];
  while (stack.length) {
    const v = stack.pop();
    const depth = depths.pop()!;
    if (depth > MAX_DEPTH) return { plain: false, found: undefined };
    if (typeof v === "number") {
      if (!Number.isFinite(v) || Object.is(v, -0)) plain = false;
      continue;
    }
    if (typeof v !== "object" || v === null) {
      if (v !== null && typeof v !== "string" && typeof v !== "boolean") plain = false;
      continue;
    }
    if (lists && Array.isArray(v) && v.length >= LONG_LIST) {
      (found ??= []).push(v);
      const list = lists.get(v);
      if (list) list.count++;
      else lists.set(v, { count: 1, plain: scan(v).plain, index: -1 });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) plain = false;
        stack.push(v[i]);
        depths.push(depth + 1);
      }
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) plain = false;
    for (const key in v) {
      stack.push((v as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return { plain, found };
}

/** What {@link strip} fills as it walks a record. */
interface Stripping {
  readonly lists: ReadonlyMap<unknown[], List>;
  /** The lists packed once, in their order. */
  readonly shared: unknown[][];
  readonly refs: Ref[];
  /** Where the walk is: copied into a ref only when a list is found there. */
  readonly path: (string | number)[];
}

/**
 * `value` with the long lists that several records hold taken out (`null` in
 * their place, their paths in `refs`, the lists in `shared`). Copies only the
 * objects on the way to one; the rest is `value`'s own.
 */
function strip(value: unknown, walk: Stripping): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const list = value.length >= LONG_LIST ? walk.lists.get(value) : undefined;
    if (list) {
      if (list.count < 2) return value;
      if (list.index < 0) list.index = walk.shared.push(value) - 1;
      walk.refs.push([walk.path.slice(), list.index]);
      return null;
    }
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = stripAt(value[i], i, walk);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    const item = stripAt(field, key, walk);
    if (item !== field) (copy ??= { ...value })[key] = item;
  }
  return copy ?? value;
}

/** {@link strip} of the field or item `step` of the value the walk is at. */
function stripAt(value: unknown, step: string | number, walk: Stripping): unknown {
  walk.path.push(step);
  const item = strip(value, walk);
  walk.path.pop();
  return item;
}

/**
 * The pages of an opened snapshot: a read-only map over the packed records that
 * decodes a record when asked for it. It keeps two generations of decoded
 * records, the younger filled until {@link PageTable.KEEP} and then made the
 * older: a record used again soon (a page's neighbours, its section's list page)
 * is decoded once, and the rest are let go. `set` and `delete` are for a patch
 * applied in place (see `applyPatch`): they shadow the packed records.
 */
class PageTable implements ReadonlyMap<string, PageRecord> {
  /**
   * How many decoded records each generation keeps. Few: views keep the fields
   * they resolved, so a record is asked for again mostly by the next view made of
   * it, soon or never. Records kept longer outlive young-generation collections
   * and are collected with the old generation: at 100,000 pages (full default
   * build, 2 workers, profiled, one run each) a worker spent 9% of its time
   * collecting garbage with 64, 10-14% with 256, 14-16% with 2,048, decoding
   * 5% with each, and the peak RSS was 2.87, 2.90-3.12 and 3.08-3.19 GiB.
   */
  static readonly KEEP = 64;
  readonly #packed: PackedPages;
  readonly #keys: readonly string[];
  readonly #index = new Map<string, number>();
  /** Records set (or deleted, `null`) by patches, ahead of the packed ones. */
  readonly #patched = new Map<string, PageRecord | null>();
  /** Packed keys deleted and set again: in a `Map`, they come last now. */
  readonly #moved = new Set<string>();
  #size: number;
  #young = new Map<string, PageRecord>();
  #old = new Map<string, PageRecord>();

  constructor(packed: PackedPages, keys: readonly string[]) {
    this.#packed = packed;
    this.#keys = keys;
    for (let i = 0; i < keys.length; i++) this.#index.set(keys[i], i);
    this.#size = keys.length;
  }

  get size(): number {
    return this.#size;
  }

  has(key: string): boolean {
    const patched = this.#patched.get(key);
    return patched === undefined ? this.#index.has(key) : patched !== null;
  }

  get(key: string): PageRecord | undefined {
    const patched = this.#patched.get(key);
    if (patched !== undefined) return patched ?? undefined;
    let record = this.#young.get(key);
    if (record) return record;
    record = this.#old.get(key);
    if (!record) {
      const i = this.#index.get(key);
      if (i === undefined) return undefined;
      record = decodeRecord(this.#packed, i);
    }
    if (this.#young.size >= PageTable.KEEP) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, record);
    return record;
  }

  set(key: string, record: PageRecord): this {
    if (!this.has(key)) {
      this.#size++;
      // Deleted, then set again: a `Map` puts it last.
      if (this.#patched.delete(key) && this.#index.has(key)) this.#moved.add(key);
    }
    this.#patched.set(key, record);
    return this;
  }

  delete(key: string): boolean {
    if (!this.has(key)) return false;
    this.#size--;
    this.#patched.set(key, null);
    return true;
  }

  /** In a `Map`'s order: packed keys where they were, keys patches added after. */
  *keys(): MapIterator<string> {
    for (const key of this.#keys) {
      if (this.#patched.get(key) !== null && !this.#moved.has(key)) yield key;
    }
    for (const [key, record] of this.#patched) {
      if (record !== null && (!this.#index.has(key) || this.#moved.has(key))) yield key;
    }
  }

  *values(): MapIterator<PageRecord> {
    for (const key of this.keys()) yield this.get(key)!;
  }

  *entries(): MapIterator<[string, PageRecord]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }

  [Symbol.iterator](): MapIterator<[string, PageRecord]> {
    return this.entries();
  }

  forEach(
    callback: (value: PageRecord, key: string, map: ReadonlyMap<string, PageRecord>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, record] of this.entries()) callback.call(thisArg, record, key, this);
  }
}

/**
 * A new snapshot: `base` with `patch` applied. `base` is left as it was, unless
 * `inPlace`: then its tables are changed where they are, for a holder that owns
 * them alone (a worker's copy, read from shared bytes). Copying a 10k-record
 * table on every edit is most of the garbage a worker makes in the edit loop.
 *
 * @example
 * ```ts
 * import { applyPatch } from "./transfer.ts";
 * declare const base: import("./types.ts").SiteSnapshot;
 * const next = applyPatch(base, { pages: [], sections: [], terms: [], taxonomies: [] });
 * ```
 */
export function applyPatch(
  base: SiteSnapshot,
  patch: SnapshotPatch,
  inPlace = false,
): SiteSnapshot {
  const table = <T>(
    old: ReadonlyMap<string, T>,
    changes: readonly (readonly [string, T | null])[],
  ): ReadonlyMap<string, T> => {
    if (!changes.length) return old;
    const next = inPlace ? old as Map<string, T> : new Map(old);
    for (const [key, record] of changes) {
      if (record === null) next.delete(key);
      else next.set(key, record);
    }
    return next;
  };
  return {
    site: patch.site ?? base.site,
    pages: table(base.pages, patch.pages),
    sections: table(base.sections, patch.sections),
    terms: table(base.terms, patch.terms),
    taxonomies: table(base.taxonomies, patch.taxonomies),
    data: patch.data ?? base.data,
    layouts: patch.layouts ?? base.layouts,
  };
}
