/**
 * Moving the snapshot to workers: its flat tables are serialized once on the main
 * thread into shared memory and read back by each worker. Records refer to each
 * other by key, so the serializer never follows a chain of pages, whatever the
 * size of a section. Between builds of one session a worker receives a patch —
 * the records that changed — instead of the whole snapshot.
 *
 * @module
 */
import { deserialize, serialize } from "node:v8";
import type { DeepReadonly } from "../base/deep_freeze.ts";
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
 * Serializes a snapshot into shared memory.
 *
 * @example
 * ```ts
 * import { shareSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const shared = shareSnapshot(snapshot);
 * ```
 */
export function shareSnapshot(snapshot: DeepReadonly<SiteSnapshot> | SiteSnapshot): SharedSnapshot {
  const serialized = serialize(snapshot);
  const bytes = new Uint8Array(new SharedArrayBuffer(serialized.byteLength));
  bytes.set(serialized);
  return { bytes };
}

/**
 * Reads a shared snapshot back. Not frozen here: templates reach records only
 * through views, which freeze what they hand out.
 *
 * @example
 * ```ts
 * import { shareSnapshot, receiveSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const copy = receiveSnapshot(shareSnapshot(snapshot));
 * ```
 */
export function receiveSnapshot(shared: SharedSnapshot): SiteSnapshot {
  return deserialize(shared.bytes) as SiteSnapshot;
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
