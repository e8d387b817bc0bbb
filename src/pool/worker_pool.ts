/**
 * The main-thread side of a pool of module Web Workers. Created once per process
 * (per `Builder`), re-initialised for each build, terminated when the builder closes.
 *
 * @module
 */
import { BuildError, error } from "../errors/diagnostic.ts";
import type { FromWorker, Span, ToWorker } from "./protocol.ts";

/**
 * A span measured in one worker of one pool, for the build trace.
 *
 * @example
 * ```ts
 * import type { PoolSpan } from "./worker_pool.ts";
 * const s: PoolSpan = { pool: "render", worker: 0, name: "batch", start: 0, end: 5, items: 16 };
 * ```
 */
export interface PoolSpan extends Span {
  readonly pool: string;
  readonly worker: number;
}

/** Batches kept queued in each worker, so it never waits on the main thread. */
const IN_FLIGHT = 2;

/**
 * A fixed set of module workers running one worker module (see `serveWorker`).
 * Batches are handed to whichever worker is free; results come back in batch
 * order, so what a build produces does not depend on which worker did what.
 *
 * @example
 * ```ts
 * import { WorkerPool } from "./worker_pool.ts";
 * const pool = new WorkerPool<{ factor: number }, number, number>(
 *   new URL("../../workers/double_worker.ts", import.meta.url), 2, "double");
 * await pool.init({ factor: 2 });
 * const results = await pool.run([[1, 2], [3]]); // [[2, 4], [6]]
 * pool.terminate();
 * ```
 */
export class WorkerPool<Init, Item, Result> {
  readonly name: string;
  readonly size: number;
  #workers: Worker[];
  #generation = 0;
  #spans: PoolSpan[] = [];
  #failure: Error | undefined;
  #listener:
    | ((worker: number, message: FromWorker<Result>) => void)
    | undefined;
  #onFailure: ((e: Error) => void) | undefined;

  constructor(moduleUrl: URL, size: number, name: string) {
    this.name = name;
    this.size = Math.max(1, size);
    this.#workers = Array.from({ length: this.size }, (_, i) => {
      const worker = new Worker(moduleUrl, {
        type: "module",
        name: `${name}-${i}`,
      });
      worker.onmessage = (e: MessageEvent) => {
        const message = e.data as FromWorker<Result>;
        if (message.type === "crash") {
          this.#fail(
            new Error(
              `${name} worker ${i} failed: ${message.message}\n${message.stack ?? ""}`,
            ),
          );
        } else this.#listener?.(i, message);
      };
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        this.#fail(
          new Error(
            `${name} worker ${i} died: ${e.message}${
              e.filename ? ` (${e.filename}:${e.lineno})` : ""
            }`,
          ),
        );
      };
      worker.onmessageerror = () =>
        this.#fail(
          new Error(
            `${name} worker ${i} sent a message that could not be read`,
          ),
        );
      return worker;
    });
  }

  #fail(e: Error): void {
    this.#failure ??= e;
    this.#onFailure?.(this.#failure);
  }

  #asBuildError(e: Error): BuildError {
    return new BuildError([error("worker", e.message.trim(), {
      hint:
        "this is a bug in floe or in a filter/plugin of the site; run with --workers 1 to narrow it down",
    })]);
  }

  /**
   * Starts a new build generation: every worker builds fresh state from `payload`.
   * Resolves when all are ready.
   */
  init(payload: Init): Promise<void> {
    const generation = ++this.#generation;
    return this.#exchange<void>((resolve) => {
      let ready = 0;
      this.#listener = (worker, message) => {
        if (message.type !== "ready" || message.generation !== generation) {
          return;
        }
        this.#spans.push({ ...message.span, pool: this.name, worker });
        if (++ready === this.size) resolve();
      };
      const message: ToWorker<Init, Item> = {
        type: "init",
        generation,
        payload,
      };
      for (const worker of this.#workers) worker.postMessage(message);
    });
  }

  /**
   * Runs `batches` over the pool; `results[i]` holds the results of `batches[i]`.
   * `onBatch` is told the size of each batch as it completes.
   */
  run(
    batches: readonly (readonly Item[])[],
    onBatch?: (items: number) => void,
  ): Promise<Result[][]> {
    return this.#exchange<Result[][]>((resolve) => {
      const results: Result[][] = new Array(batches.length);
      let next = 0;
      let done = 0;
      const dispatch = (worker: number) => {
        if (next >= batches.length) return;
        const batch = next++;
        const message: ToWorker<Init, Item> = {
          type: "batch",
          batch,
          items: batches[batch],
        };
        this.#workers[worker].postMessage(message);
      };
      this.#listener = (worker, message) => {
        if (message.type !== "done") return;
        results[message.batch] = message.results as Result[];
        this.#spans.push({ ...message.span, pool: this.name, worker });
        onBatch?.(message.results.length);
        if (++done === batches.length) resolve(results);
        else dispatch(worker);
      };
      if (batches.length === 0) return resolve(results);
      for (let round = 0; round < IN_FLIGHT; round++) {
        for (let w = 0; w < this.size; w++) dispatch(w);
      }
    });
  }

  #exchange<T>(start: (resolve: (value: T) => void) => void): Promise<T> {
    if (this.#failure) return Promise.reject(this.#asBuildError(this.#failure));
    return new Promise<T>((resolve, reject) => {
      this.#onFailure = (e) => reject(this.#asBuildError(e));
      start(resolve);
    }).finally(() => {
      this.#listener = undefined;
      this.#onFailure = undefined;
    });
  }

  /** Whether a worker has died; a broken pool must be replaced. */
  get broken(): boolean {
    return this.#failure !== undefined;
  }

  /** Returns and forgets the spans measured so far. */
  takeSpans(): PoolSpan[] {
    const spans = this.#spans;
    this.#spans = [];
    return spans;
  }

  /** Stops every worker at once. */
  terminate(): void {
    for (const worker of this.#workers) worker.terminate();
  }
}

/**
 * Splits items into batches that shrink as the work runs out (guided
 * self-scheduling), so workers finish together. Deterministic for given sizes.
 *
 * @example
 * ```ts
 * import { makeBatches } from "./worker_pool.ts";
 * makeBatches([1, 2, 3, 4, 5, 6, 7, 8], 2).map((b) => b.length); // [2, 1, 1, 1, 1, 1, 1]
 * ```
 */
export function makeBatches<T>(
  items: readonly T[],
  workers: number,
  max = 64,
): T[][] {
  const batches: T[][] = [];
  let i = 0;
  while (i < items.length) {
    const size = Math.max(
      1,
      Math.min(max, Math.floor((items.length - i) / (workers * 4))),
    );
    batches.push(items.slice(i, i + size));
    i += size;
  }
  return batches;
}
