/**
 * The messages between the main thread and a pool worker. One small protocol for
 * both pools: `init` once per build (the worker creates its per-build state), then
 * `batch` messages, each answered by `done` (or `crash` for an internal failure).
 *
 * @module
 */

/**
 * A time span measured in a worker, in ms since the epoch (`performance.timeOrigin
 * + performance.now()`), so spans of all threads share one clock.
 *
 * @example
 * ```ts
 * import type { Span } from "./protocol.ts";
 * const s: Span = { name: "render", start: 1.5e12, end: 1.5e12 + 12, items: 8 };
 * ```
 */
export interface Span {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly items: number;
}

/**
 * Main → worker.
 *
 * @example
 * ```ts
 * import type { ToWorker } from "./protocol.ts";
 * const m: ToWorker<string, number> = { type: "batch", batch: 0, items: [1, 2] };
 * ```
 */
export type ToWorker<Init, Item> =
  | {
    readonly type: "init";
    readonly generation: number;
    readonly payload: Init;
  }
  | {
    readonly type: "batch";
    readonly batch: number;
    readonly items: readonly Item[];
  }
  | {
    /**
     * Shared cells the worker keeps up to date, so the main thread can see a
     * job that never ends: `[batch, item]` being handled, or `[-1, -1]` idle.
     */
    readonly type: "progress";
    readonly cells: Int32Array;
  };

/**
 * Worker → main.
 *
 * @example
 * ```ts
 * import type { FromWorker } from "./protocol.ts";
 * const m: FromWorker<string> = { type: "ready", generation: 1, span: { name: "init", start: 0, end: 1, items: 0 } };
 * ```
 */
export type FromWorker<Result> =
  | { readonly type: "ready"; readonly generation: number; readonly span: Span }
  | {
    readonly type: "done";
    readonly batch: number;
    readonly results: readonly Result[];
    readonly span: Span;
  }
  | {
    readonly type: "crash";
    readonly message: string;
    readonly stack?: string;
  };

/**
 * Wall-clock time in ms shared by all threads of the process.
 *
 * @example
 * ```ts
 * import { now } from "./protocol.ts";
 * const t = now();
 * ```
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
