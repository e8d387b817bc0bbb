/**
 * The V8 flags floe's commands run with: the tasks `floe new site` writes, this
 * repository's own tasks and the bench.
 *
 * V8 lets each isolate's young generation grow to 32 MiB a semi-space. A build
 * has an isolate per worker and allocates fast, so every one of them grows its
 * young generation to the most it may. On these VMs each page of memory touched
 * for the first time costs ~16 µs. Capping it at 8 MiB (measured, cold builds,
 * alternating runs): 1,000 pages, 1 worker: 1.88 → 1.56 s, 37,100 → 25,600 page
 * faults, peak RSS 181 → 137 MiB; 10,000 pages, 1 worker: 8.4–8.7 → 7.9–8.2 s,
 * peak 420–426 → 323 MiB. It has to be a flag: V8 sizes a heap when it makes
 * the isolate, and neither `node:v8`'s `setFlagsFromString` nor a Worker's
 * options reach that.
 *
 * @module
 */

/**
 * The flags, as `deno run --v8-flags=` takes them.
 *
 * @example
 * ```ts
 * import { V8_FLAGS } from "./v8_flags.ts";
 * const args = ["run", "-A", `--v8-flags=${V8_FLAGS}`, "main.ts", "build"];
 * ```
 */
export const V8_FLAGS: string = "--max-semi-space-size=8";
