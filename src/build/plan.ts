/**
 * Planning a build: which pages to render, and why. Provenance stores what each
 * output read as indices into one table of read keys; a change is a set of read
 * keys; an output is made again when it read one of them.
 *
 * @module
 */
import type { BuildState } from "../remember/store.ts";
import type { SnapshotPatch } from "../snapshot/transfer.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";
import type { KeyTable } from "../base/key_table.ts";

/**
 * What changed since the last good build: read keys, and the patch for render
 * workers that hold the last good snapshot.
 *
 * @example
 * ```ts
 * import type { SiteChanges } from "./plan.ts";
 * const c: SiteChanges = { keys: new Set(["p:/a/#title"]), patch: { pages: [], sections: [], terms: [], taxonomies: [] } };
 * ```
 */
export interface SiteChanges {
  readonly keys: ReadonlySet<string>;
  readonly patch: SnapshotPatch;
}

/**
 * What a build must redo, decided before any work.
 *
 * @example
 * ```ts
 * import type { BuildPlan } from "./plan.ts";
 * declare const plan: BuildPlan;
 * console.log(plan.render.size);
 * ```
 */
export interface BuildPlan {
  /** URLs of the pages to render. */
  readonly render: ReadonlySet<string>;
  /** Why each of them is rendered. */
  readonly causes: ReadonlyMap<string, string>;
  /** A byte per read key id: 1 if the key changed (`null`: everything is new). */
  readonly changed: Uint8Array | null;
}

/**
 * Decides which pages to render: all of them without a last good build; else
 * the new ones, and the readers (from `readers`, the index of `last`) of every
 * changed key. Costs what changed, not what the site holds.
 *
 * @example
 * ```ts
 * import { planBuild, ReaderIndex } from "./plan.ts";
 * import { KeyTable } from "../base/key_table.ts";
 * declare const snapshot: import("../snapshot/types.ts").SiteSnapshot;
 * const plan = planBuild(snapshot, null, null, new KeyTable(), new ReaderIndex());
 * console.log(plan.render.size === snapshot.pages.size); // true
 * ```
 */
export function planBuild(
  snapshot: SiteSnapshot,
  changes: SiteChanges | null,
  last: BuildState | null,
  keys: KeyTable,
  readers: ReaderIndex,
  { complete }: {
    /** Every page of `snapshot` has an output in `last`: no page can be new. */
    readonly complete: boolean;
  } = { complete: false },
): BuildPlan {
  const render = new Set<string>();
  const causes = new Map<string, string>();
  if (!last || !changes) {
    for (const [url, record] of snapshot.pages) {
      if (!record.rendered) continue; // build.render: false
      render.add(url);
      causes.set(url, "full build");
    }
    return { render, causes, changed: null };
  }
  // Keys no output ever read have no id, and nothing to redo.
  const changed = new Uint8Array(keys.size);
  const ids: number[] = [];
  for (const key of changes.keys) {
    const id = keys.get(key);
    if (id === undefined) continue;
    changed[id] = 1;
    ids.push(id);
  }
  const mark = (url: string | undefined, id: number) => {
    if (url === undefined || render.has(url) || !snapshot.pages.get(url)?.rendered) return;
    render.add(url);
    causes.set(url, describeRead(keys.key(id)));
  };
  if (ids.length && !readers.holds(last)) {
    // No index yet (a new process): one scan of every output's reads costs less
    // than building the index for a single build.
    for (const provenance of last.outputs.values()) {
      const id = firstChanged(provenance.reads, changed);
      if (id !== undefined) mark(provenance.key, id);
    }
  } else {
    for (const id of ids) {
      for (const path of readers.of(id)) mark(last.outputs.get(path)?.key, id);
    }
  }
  for (const [url, record] of complete ? [] : snapshot.pages) {
    if (render.has(url) || !record.rendered) continue;
    const previous = last.outputs.get(record.outputPath);
    if (!previous || previous.kind !== "page") {
      render.add(url);
      causes.set(url, "new output");
    }
  }
  return { render, causes, changed };
}

/**
 * Which outputs of a build read each key: the reverse of provenance. Built once
 * for a remembered build, then moved forward build by build, touching only the
 * outputs that were made again.
 *
 * @example
 * ```ts
 * import { ReaderIndex } from "./plan.ts";
 * declare const state: import("../remember/store.ts").BuildState;
 * const index = new ReaderIndex();
 * index.sync(state);
 * console.log([...index.of(0)]);
 * ```
 */
export class ReaderIndex {
  #of: BuildState | null = null;
  #readers = new Map<number, Set<string>>();

  /** Whether this is the index of `state`. */
  holds(state: BuildState): boolean {
    return this.#of === state;
  }

  /** Makes this the index of `state` (from scratch, unless it already is). */
  sync(state: BuildState): void {
    if (this.#of === state) return;
    this.#readers = new Map();
    for (const [path, provenance] of state.outputs) this.#add(path, provenance.reads);
    this.#of = state;
  }

  /**
   * Moves the index from `before` to `after`, visiting only outputs whose
   * provenance changed. An index of neither is dropped (see {@link sync}).
   */
  advance(before: BuildState | null, after: BuildState): void {
    if (before === null || this.#of !== before) {
      this.#of = null;
      this.#readers = new Map();
      return;
    }
    for (const [path, provenance] of before.outputs) {
      const next = after.outputs.get(path);
      if (next === undefined) this.#remove(path, provenance.reads);
      else if (next !== provenance) this.#move(path, provenance.reads, next.reads);
    }
    for (const [path, provenance] of after.outputs) {
      if (!before.outputs.has(path)) this.#add(path, provenance.reads);
    }
    this.#of = after;
  }

  /** The output paths that read key `id`. */
  of(id: number): Iterable<string> {
    return this.#readers.get(id) ?? [];
  }

  #add(path: string, reads: Uint32Array): void {
    for (const id of reads) {
      let set = this.#readers.get(id);
      if (!set) this.#readers.set(id, set = new Set());
      set.add(path);
    }
  }

  #remove(path: string, reads: Uint32Array): void {
    for (const id of reads) this.#readers.get(id)?.delete(path);
  }

  /**
   * An output made again mostly reads what it read before: only the difference
   * moves. (The search index reads every page's fields: removed and added whole,
   * they were 0.1 s of each edit of a 10,000-page site.)
   */
  #move(path: string, from: Uint32Array, to: Uint32Array): void {
    if (from.length === to.length && from.every((id, i) => to[i] === id)) return;
    const before = new Set(from);
    const after = new Set(to);
    this.#remove(path, from.filter((id) => !after.has(id)));
    this.#add(path, to.filter((id) => !before.has(id)));
  }
}

/**
 * The first of `reads` marked in `changed` (indexed by key id), or `undefined`.
 *
 * @example
 * ```ts
 * import { firstChanged } from "./plan.ts";
 * firstChanged(new Uint32Array([0, 2]), new Uint8Array([0, 0, 1])); // 2
 * ```
 */
export function firstChanged(reads: Uint32Array, changed: Uint8Array): number | undefined {
  for (let i = 0; i < reads.length; i++) if (changed[reads[i]]) return reads[i];
  return undefined;
}

/**
 * A read key in words, for `--explain`.
 *
 * @example
 * ```ts
 * import { describeRead } from "./plan.ts";
 * describeRead("p:/docs/a/#title"); // "title of page /docs/a/"
 * ```
 */
export function describeRead(key: string): string {
  const [kind, rest] = [key.slice(0, 2), key.slice(2)];
  const hash = rest.lastIndexOf("#");
  const [record, field] = hash < 0 ? [rest, ""] : [rest.slice(0, hash), rest.slice(hash + 1)];
  switch (kind) {
    case "p:":
      return record === "*" ? "pages added or removed" : `${field} of page ${record}`;
    case "s:":
      return `${field} of section "${record}"`;
    case "t:":
      return `${field} of term ${record}`;
    case "x:":
      return `${field} of taxonomy ${record}`;
    case "b:":
      return `content of ${record}`;
    case "l:":
      return `layout ${rest}`;
    case "d:":
      return rest === "*" ? "the list of data files" : `data ${rest}`;
    default:
      return key.startsWith("site#") ? `site ${key.slice(5)}` : key;
  }
}
