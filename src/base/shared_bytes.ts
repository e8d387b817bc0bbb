/**
 * Bytes in shared memory: a page's body is posted to a render worker for every
 * build that renders it, and a view of a `SharedArrayBuffer` crosses threads
 * without a copy on either side.
 *
 * @module
 */

/**
 * A copy of `bytes` in a `SharedArrayBuffer` of their size.
 *
 * @example
 * ```ts
 * import { sharedCopy } from "./shared_bytes.ts";
 * const body = sharedCopy(new TextEncoder().encode("<p>Hi</p>"));
 * body.buffer instanceof SharedArrayBuffer; // true
 * ```
 */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}
