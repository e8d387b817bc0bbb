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
