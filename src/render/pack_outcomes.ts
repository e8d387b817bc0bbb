/**
 * A batch of render outcomes laid out for the way to the main thread: its typed
 * arrays views of two buffers, which move without a copy — the link scans' (which
 * the main thread keeps) and the read ids' and new keys' (which it maps to its own
 * numbers and drops). Each its own buffer, they were half a million
 * `ArrayBuffer`s at 100,000 pages for the main thread to make on arrival, each
 * with an allocation of its own.
 *
 * @module
 */
import { packInto } from "../base/arrays.ts";
import type { RenderOutcome } from "./render_page.ts";

/**
 * `outcomes` with their typed arrays copied into two buffers (see the module), as
 * views of them.
 *
 * @example
 * ```ts
 * import { packOutcomes } from "./pack_outcomes.ts";
 * declare const outcomes: import("./render_page.ts").RenderOutcome[];
 * const packed = packOutcomes(outcomes);
 * ```
 */
export function packOutcomes(outcomes: readonly RenderOutcome[]): RenderOutcome[] {
  let spent = 0;
  let kept = 0;
  for (const outcome of outcomes) {
    if (!("reads" in outcome)) continue;
    spent += outcome.reads.length + outcome.newKeys.keys.length;
    const { scan } = outcome;
    if (scan) kept += scan.hrefs.ends.length + scan.lines.length + scan.ids.ends.length;
  }
  const spend = packInto(new Uint32Array(spent));
  const keep = packInto(new Uint32Array(kept));
  return outcomes.map((outcome) => {
    if (!("reads" in outcome)) return outcome;
    const { reads, newKeys, scan } = outcome;
    return {
      ...outcome,
      reads: spend(reads),
      newKeys: { ...newKeys, keys: spend(newKeys.keys) },
      ...(scan
        ? {
          scan: {
            hrefs: { ...scan.hrefs, ends: keep(scan.hrefs.ends) },
            lines: keep(scan.lines),
            ids: { ...scan.ids, ends: keep(scan.ids.ends) },
          },
        }
        : {}),
    };
  });
}

/**
 * The buffers {@link packOutcomes} put an outcome's arrays in, to move with it.
 *
 * @example
 * ```ts
 * import { packedBuffers } from "./pack_outcomes.ts";
 * declare const outcome: import("./render_page.ts").RenderOutcome;
 * const moved = packedBuffers(outcome);
 * ```
 */
export function packedBuffers(outcome: RenderOutcome): ArrayBuffer[] {
  if (!("reads" in outcome)) return [];
  const buffers = [outcome.reads.buffer as ArrayBuffer];
  if (outcome.scan) buffers.push(outcome.scan.lines.buffer as ArrayBuffer);
  return buffers;
}
