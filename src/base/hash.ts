/**
 * Content hashing: sha256, hex. Every fingerprint floe stores (inputs, outputs,
 * config) is one of these, so a stored value can be compared with a fresh one.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * sha256 of bytes or a string (UTF-8), as lower-case hex.
 *
 * @example
 * ```ts
 * import { sha256 } from "./hash.ts";
 * sha256("floe").length; // 64
 * ```
 */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * {@link sha256} of bytes, awaiting `pause` between pieces of 4 MiB: hashing the
 * search index of 100,000 pages (0.25 GB) takes half a second, which other work
 * on the thread (feeding workers) should not wait through.
 *
 * @example
 * ```ts
 * import { sha256, sha256InPieces } from "./hash.ts";
 * const bytes = new Uint8Array(10 * 2 ** 20);
 * (await sha256InPieces(bytes, () => Promise.resolve())) === sha256(bytes); // true
 * ```
 */
export async function sha256InPieces(
  bytes: Uint8Array,
  pause: () => Promise<unknown>,
): Promise<string> {
  const hash = createHash("sha256");
  for (let at = 0; at < bytes.length; at += PIECE) {
    if (at) await pause();
    hash.update(bytes.subarray(at, at + PIECE));
  }
  return hash.digest("hex");
}

const PIECE = 4 * 2 ** 20;
