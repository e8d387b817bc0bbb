/**
 * Moving the snapshot to workers: serialized once on the main thread into shared
 * memory, deserialized (and deep-frozen again) by each worker. Posting the object
 * itself would serialize it once per worker on the main thread.
 *
 * @module
 */
import { deserialize, serialize } from "node:v8";
import { type DeepReadonly, freezePlainData } from "../base/deep_freeze.ts";
import type { SiteSnapshot } from "./types.ts";

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
 * Serializes a snapshot into shared memory (structured-clone format, so shared
 * references and cycles between pages and sections survive).
 *
 * @example
 * ```ts
 * import { shareSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const shared = shareSnapshot(snapshot);
 * ```
 */
export function shareSnapshot(
  snapshot: DeepReadonly<SiteSnapshot>,
): SharedSnapshot {
  const serialized = serialize(snapshot);
  const bytes = new Uint8Array(new SharedArrayBuffer(serialized.byteLength));
  bytes.set(serialized);
  return { bytes };
}

/**
 * Reads a shared snapshot back and deep-freezes it (structured clone drops
 * frozenness, so every worker freezes its own copy).
 *
 * @example
 * ```ts
 * import { shareSnapshot, receiveSnapshot } from "./transfer.ts";
 * declare const snapshot: import("./types.ts").SiteSnapshot;
 * const copy = receiveSnapshot(shareSnapshot(snapshot));
 * ```
 */
export function receiveSnapshot(
  shared: SharedSnapshot,
): DeepReadonly<SiteSnapshot> {
  // Structured clone output is plain data: the fast freeze is exact for it.
  return freezePlainData(deserialize(shared.bytes) as SiteSnapshot);
}
