/**
 * The V8 flags floe's commands run with: the tasks `floe new site` writes, this
 * repository's own tasks and the bench.
 *
 * V8 lets each isolate's young generation grow to 32 MiB a semi-space. A build
 * has an isolate per worker and allocates fast, so every one of them grows its
 * young generation to the most it may. On these VMs each page of memory touched
 * for the first time costs ~16 µs. Capped at 16 MiB (cold builds, alternating
 * runs, medians): 1,000 pages, 1 worker: 1.71 → 1.53 s, peak RSS 179 → 154 MiB;
 * 10,000 pages, 1 worker: 8.30 → 8.10 s, peak 431–437 → 356–366 MiB;
 * 100,000 pages, full build: 95.4–102.7 → 88.6–95.1 s, but peak 3.4–3.5 → 3.5–3.6
 * GiB. 8 MiB saves more memory up to 10,000 pages but made the 100,000-page full
 * build slower (90.7 and 86.6 s → 118.7 and 90.8 s): its main thread keeps much
 * alive, and a small young generation promotes more of it.
 *
 * After each full collection V8 lets an isolate's old generation grow to up to
 * four times what survived before the next one. `--heap-growing-percent=50` caps
 * that at 1.5 times: the main thread of a big build keeps a lot alive, and its
 * heap no longer grows by gigabytes of garbage. Alternating runs on 2026-12-07:
 * 100,000 pages, full build: peak RSS 2.13–2.33 GiB (4 runs) against 2.81–3.00
 * (2 runs), wall 83–100 s against 92–107; the peers' page set, 2 workers: peak
 * 1.66–1.71 GiB (4 runs) against 1.76–1.92 (6 runs), wall 54–72 s against
 * 51–63; 10,000 pages, peers' set: peak 382–389 against 410–416 MiB, wall and
 * CPU within the machine's drift (up to 25% between runs of the same build). A
 * factor of 2 (`=100`) saved about as much at 100,000 pages; 1.2 (`=20`) cost
 * 10% more CPU there. It has to be a flag:
 * V8 sizes a heap when it makes the isolate, and neither `node:v8`'s
 * `setFlagsFromString` nor a Worker's options reach that.
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
export const V8_FLAGS: string = "--max-semi-space-size=16,--heap-growing-percent=50";
