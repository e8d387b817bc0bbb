/**
 * The worker side of a pool: turns a pair of functions into a worker's message
 * loop. A tag is just a function that returns a string; a pool worker is just an
 * `init` that returns a `handle`.
 *
 * @module
 */
import { type FromWorker, now, type ToWorker } from "./protocol.ts";

/**
 * Creates the worker's state for one build generation and returns the function
 * that processes one item with it. State lives in the closure, never in module
 * variables, so a new build never sees the previous build's state unless it asks:
 * `previous` is the previous generation's handler (`undefined` at first), for
 * setups that build the new state from the old one and a patch.
 *
 * @example
 * ```ts
 * import type { WorkerSetup } from "./serve_worker.ts";
 * const setup: WorkerSetup<{ factor: number }, number, number> = ({ factor }) => (n) => n * factor;
 * ```
 */
export type WorkerSetup<
  Init,
  Item,
  Result,
  Handler extends Handle<Item, Result> = Handle<Item, Result>,
> = (init: Init, previous: Handler | undefined) => Promise<Handler> | Handler;

/**
 * What a worker's setup returns: processes one item.
 *
 * @example
 * ```ts
 * import type { Handle } from "./serve_worker.ts";
 * const double: Handle<number, number> = (n) => n * 2;
 * ```
 */
export type Handle<Item, Result> = (item: Item) => Result | Promise<Result>;

/**
 * Runs the message loop in the current worker: `init` messages build a new handler,
 * `batch` messages run it over their items in order and post the results back,
 * moving (not copying) the buffers `transferables` picks from each result (a
 * buffer that several results share is moved once). `pack` may lay out a batch's
 * results anew before they are posted (e.g. their typed arrays in one buffer),
 * with the handler that made them (e.g. to write out what it held back).
 *
 * @example
 * ```ts
 * // workers/double_worker.ts
 * import { serveWorker } from "../src/pool/serve_worker.ts";
 * serveWorker<{ factor: number }, number, number>(({ factor }) => (n) => n * factor);
 * ```
 */
export function serveWorker<
  Init,
  Item,
  Result,
  Handler extends Handle<Item, Result> = Handle<Item, Result>,
>(
  setup: WorkerSetup<Init, Item, Result, Handler>,
  transferables: (result: Result) => readonly Transferable[] = () => [],
  pack: (results: Result[], handle: Handler) => Result[] = (results) => results,
): void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent) => void) | null;
    postMessage(message: FromWorker<Result>, transfer?: Transferable[]): void;
  };
  let handler: Promise<Handler> | undefined;
  let progress: Int32Array | undefined;
  // Messages are handled one at a time, in arrival order.
  let queue: Promise<void> = Promise.resolve();
  scope.onmessage = (event: MessageEvent) => {
    const message = event.data as ToWorker<Init, Item>;
    if (message.type === "progress") {
      progress = message.cells;
      return;
    }
    queue = queue.then(async () => {
      try {
        if (message.type === "init") {
          const start = now();
          const previous = await handler?.catch(() => undefined);
          handler = Promise.resolve(setup(message.payload, previous));
          await handler;
          scope.postMessage({
            type: "ready",
            generation: message.generation,
            span: { name: "init", start, end: now(), items: 0 },
          });
        } else {
          const handle = await handler!;
          const start = now();
          const results: Result[] = [];
          for (let i = 0; i < message.items.length; i++) {
            if (progress) {
              Atomics.store(progress, 0, message.batch);
              Atomics.store(progress, 1, i);
            }
            results.push(await handle(message.items[i]));
          }
          const packed = pack(results, handle);
          if (progress) Atomics.store(progress, 1, -1);
          scope.postMessage({
            type: "done",
            batch: message.batch,
            results: packed,
            span: {
              name: "batch",
              start,
              end: now(),
              items: message.items.length,
            },
          }, [...new Set(packed.flatMap((r) => transferables(r)))]);
        }
      } catch (e) {
        const err = e as Error;
        scope.postMessage({
          type: "crash",
          message: String(err?.message ?? e),
          stack: err?.stack,
        });
      }
    });
  };
}
