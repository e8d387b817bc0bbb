/**
 * The main-thread side of a pool of module Web Workers. Created once per process
 * (per `Builder`), re-initialised for each build, terminated when the builder closes.
 *
 * The pool is a generic primitive below all stages: it knows nothing of floe's
 * diagnostics or CLI. It fails with two error classes of its own, which its owner
 * turns into whatever it reports:
 *
 * - {@link PoolAborted}: the caller's `AbortSignal` fired, or the pool was closed
 *   (`terminate()`), while an exchange was pending, or the pool had already been
 *   stopped that way.
 * - {@link PoolFailure}: a worker crashed, died, or sent a message that could not be
 *   read. It names the pool and the worker and carries the worker's message and stack.
 *
 * Once a worker has failed or an exchange was aborted mid-way, the pool is
 * {@link WorkerPool.broken} (its workers are stopped) and must be replaced.
 *
 * @module
 */
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

/**
 * A pool exchange (`init`/`run`) that did not finish because it was cancelled: its
 * `AbortSignal` fired (then `cause` is the signal's reason) or the pool was closed.
 * Not a failure of the work itself.
 *
 * @example
 * ```ts
 * import { PoolAborted } from "./worker_pool.ts";
 * const e = new PoolAborted("render", "render pool: aborted");
 * e.name; // "PoolAborted"
 * ```
 */
export class PoolAborted extends Error {
  /** The name of the pool. */
  readonly pool: string;

  constructor(pool: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PoolAborted";
    this.pool = pool;
  }
}

/**
 * How a worker failed: it reported an error thrown by its setup or handler
 * (`"crashed"`), an uncaught error killed it (`"died"`), it sent a message the
 * main thread could not deserialize (`"unreadable"`), or one item kept it busy
 * past the run's time limit (`"timeout"`).
 */
export type PoolFailureKind = "crashed" | "died" | "unreadable" | "timeout";

/**
 * A worker of a pool failed. The pool is broken from then on. `workerMessage` and
 * `workerStack` are the worker's own error message and stack (when it had one);
 * `message` is a one-line summary naming the pool and the worker.
 *
 * @example
 * ```ts
 * import { PoolFailure } from "./worker_pool.ts";
 * const e = new PoolFailure("render", 1, "crashed", "boom", "Error: boom\n    at f (x.ts:1:1)");
 * e.message; // "render worker 1 failed: boom"
 * ```
 */
export class PoolFailure extends Error {
  /** The name of the pool. */
  readonly pool: string;
  /** The index of the worker that failed, `0 ≤ worker < pool.size`. */
  readonly worker: number;
  readonly kind: PoolFailureKind;
  /** The worker's error message. */
  readonly workerMessage: string;
  /** The worker's error stack, if it had one. */
  readonly workerStack: string | undefined;
  /** Where the uncaught error was thrown, for `"died"`, if the runtime said. */
  readonly location:
    | { readonly file: string; readonly line: number; readonly column: number }
    | undefined;
  /** For `"timeout"`: the item the worker was still on. */
  item?: unknown;

  constructor(
    pool: string,
    worker: number,
    kind: PoolFailureKind,
    workerMessage: string,
    workerStack?: string,
    location?: { readonly file: string; readonly line: number; readonly column: number },
  ) {
    const what = kind === "crashed"
      ? `failed: ${workerMessage}`
      : kind === "died"
      ? `died: ${workerMessage}${location ? ` (${location.file}:${location.line})` : ""}`
      : kind === "timeout"
      ? `was stopped: ${workerMessage}`
      : `sent a message that could not be read${workerMessage ? `: ${workerMessage}` : ""}`;
    super(`${pool} worker ${worker} ${what}`);
    this.name = "PoolFailure";
    this.pool = pool;
    this.worker = worker;
    this.kind = kind;
    this.workerMessage = workerMessage;
    this.workerStack = workerStack;
    this.location = location;
  }
}

/** Batches each worker is sent at first, before batch times are known. */
const IN_FLIGHT = 2;
/**
 * Work kept queued in each worker: the main thread feeds the workers, and it
 * pauses for a second or more at times (a major GC of a 100,000-page site's
 * heap, a big site-wide output); a worker with less queued then waits.
 */
const QUEUED_MS = 1500;
/**
 * …but never more batches than this per worker: each holds its pages' bodies (at
 * 100,000 pages, 64 queued batches cost 430 MiB of peak memory and gained nothing
 * over 16).
 */
const MAX_QUEUED = 16;

/**
 * How many batches to keep queued in a worker: enough for {@link QUEUED_MS} at
 * the batches' mean time so far. The tail of a run stays balanced because its
 * batches shrink (see {@link makeBatches}).
 */
class QueueDepth {
  #count = 0;
  #total = 0;

  /** Records one batch's time in the worker. */
  took(ms: number): void {
    this.#count++;
    this.#total += Math.max(ms, 0);
  }

  get depth(): number {
    if (this.#count === 0) return IN_FLIGHT;
    const mean = Math.max(this.#total / this.#count, 1);
    return Math.min(MAX_QUEUED, Math.max(IN_FLIGHT, Math.ceil(QUEUED_MS / mean)));
  }
}

/** The exchange in progress: how to end it from outside (abort, close, failure). */
interface Pending {
  readonly kind: "init" | "run";
  readonly fail: (e: Error) => void;
}

/**
 * A fixed set of module workers running one worker module (see `serveWorker`).
 * Batches are handed to whichever worker is free; results come back in batch
 * order, so what a build produces does not depend on which worker did what.
 *
 * One exchange (`init` or `run`) at a time. Both take an optional `AbortSignal`:
 * when it fires mid-exchange, the promise rejects at once with {@link PoolAborted}
 * and every worker is terminated (a batch running in a worker cannot be interrupted
 * otherwise), so the pool is {@link WorkerPool.broken}. A signal that has already
 * fired when `init`/`run` is called rejects it without sending anything, and leaves
 * the pool as it was.
 *
 * @example
 * ```ts
 * import { WorkerPool } from "./worker_pool.ts";
 * const pool = new WorkerPool<{ factor: number }, number, number>(
 *   new URL("../../workers/double_worker.ts", import.meta.url), 2, "double");
 * const controller = new AbortController();
 * await pool.init({ factor: 2 }, controller.signal);
 * const results = await pool.run([[1, 2], [3]], undefined, controller.signal); // [[2, 4], [6]]
 * pool.terminate();
 * ```
 */
export class WorkerPool<Init, Item, Result> {
  readonly name: string;
  readonly size: number;
  #workers: Worker[];
  #generation = 0;
  #spans: PoolSpan[] = [];
  /** Why the pool refuses work: a worker's failure, an abort, or `terminate()`. */
  #refusal: Error | undefined;
  #pending: Pending | undefined;
  #listener:
    | ((worker: number, message: FromWorker<Result>) => void)
    | undefined;
  /** Per worker, the `[batch, item]` it is on (see the `progress` message). */
  readonly #progress: Int32Array[];

  constructor(moduleUrl: URL, size: number, name: string) {
    this.name = name;
    this.size = Math.max(1, size);
    this.#progress = Array.from(
      { length: this.size },
      () => new Int32Array(new SharedArrayBuffer(8)).fill(-1),
    );
    this.#workers = Array.from({ length: this.size }, (_, i) => {
      const worker = new Worker(moduleUrl, {
        type: "module",
        name: `${name}-${i}`,
      });
      worker.postMessage({ type: "progress", cells: this.#progress[i] });
      worker.onmessage = (e: MessageEvent) => {
        if (this.#refusal) return;
        const message = e.data as FromWorker<Result>;
        if (message.type === "crash") {
          this.#fail(new PoolFailure(name, i, "crashed", message.message, message.stack));
          return;
        }
        const listener = this.#listener;
        if (!listener) return;
        try {
          listener(i, message);
        } catch (thrown) {
          // The caller's `take`, or a batch that cannot be posted: batches are in
          // flight whose results nobody will take, so the workers have to go.
          this.#stop(
            new PoolAborted(name, `${name} pool was stopped: its caller's code threw`, {
              cause: thrown,
            }),
            thrown instanceof Error ? thrown : new Error(String(thrown)),
          );
        }
      };
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        const error = e.error instanceof Error ? e.error : undefined;
        this.#fail(
          new PoolFailure(
            name,
            i,
            "died",
            e.message || error?.message || "unknown error",
            error?.stack,
            e.filename ? { file: e.filename, line: e.lineno, column: e.colno } : undefined,
          ),
        );
      };
      worker.onmessageerror = (e: MessageEvent) => {
        const detail = e.data instanceof Error ? e.data.message : "";
        this.#fail(new PoolFailure(name, i, "unreadable", detail));
      };
      return worker;
    });
  }

  #fail(failure: PoolFailure): void {
    if (this.#refusal) return;
    this.#stop(failure, failure);
  }

  /**
   * Breaks the pool: stops every worker, refuses all further work with `refusal`
   * and rejects the pending exchange (if any) with `reason`.
   */
  #stop(refusal: Error, reason: Error): void {
    this.#refusal ??= refusal;
    this.#listener = undefined;
    for (const worker of this.#workers) worker.terminate();
    this.#pending?.fail(reason);
  }

  /**
   * Starts a new build generation: every worker builds fresh state from `payload`.
   * Resolves when all are ready. A call while another exchange is pending
   * supersedes it: that one rejects with {@link PoolAborted} (replies are tagged by
   * generation, so nothing of it leaks into this one).
   */
  init(payload: Init, signal?: AbortSignal): Promise<void> {
    return this.#exchange<void>("init", signal, (resolve) => {
      const generation = ++this.#generation;
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
   * Runs `batches` over the pool; `results[i]` holds the results of `batches[i]`,
   * or what `take` made of them. `take` is given each batch's results as it
   * completes (never after the promise has settled), so the caller keeps what it
   * needs of them while the workers go on: the rest is garbage at once, not held
   * to the end of the run (at 100,000 pages, hundreds of megabytes that would
   * outlive the young generation). `post`, if given, is what a batch's message
   * carries instead of its items, made as the batch is sent, and the buffers it
   * moves to the worker. Must not overlap another exchange.
   */
  run<Kept = Result[]>(
    batches: readonly (readonly Item[])[],
    take?: (results: Result[]) => Kept,
    signal?: AbortSignal,
    itemLimitMs?: number,
    post?: (items: readonly Item[]) => { items: readonly Item[]; moved: Transferable[] },
  ): Promise<Kept[]> {
    const watch = itemLimitMs ? this.#watch(batches, itemLimitMs) : undefined;
    const running = this.#exchange<Kept[]>("run", signal, (resolve) => {
      const results: Kept[] = new Array(batches.length);
      let next = 0;
      let done = 0;
      const queued = new Array<number>(this.size).fill(0);
      const queue = new QueueDepth();
      const dispatch = (worker: number) => {
        if (next >= batches.length) return;
        const batch = next++;
        const { items, moved } = post?.(batches[batch]) ?? { items: batches[batch], moved: [] };
        const message: ToWorker<Init, Item> = { type: "batch", batch, items };
        this.#workers[worker].postMessage(message, moved);
        queued[worker]++;
      };
      this.#listener = (worker, message) => {
        if (message.type !== "done") return;
        const batch = message.results as Result[];
        this.#spans.push({ ...message.span, pool: this.name, worker });
        queued[worker]--;
        queue.took(message.span.end - message.span.start);
        // The worker gets its next batches before the caller looks at this one.
        const last = ++done === batches.length;
        while (queued[worker] < queue.depth && next < batches.length) dispatch(worker);
        results[message.batch] = take ? take(batch) : batch as Kept;
        if (last) resolve(results);
      };
      if (batches.length === 0) return resolve(results);
      for (let round = 0; round < IN_FLIGHT; round++) {
        for (let w = 0; w < this.size; w++) dispatch(w);
      }
    });
    return watch === undefined ? running : running.finally(() => clearInterval(watch));
  }

  /**
   * Checks the workers' progress cells while a run lasts: a worker on the same
   * item for longer than `limitMs` (a filter or template that never ends) breaks
   * the pool with a `"timeout"` failure naming that item. Only terminating a
   * worker stops code that never yields.
   */
  #watch(
    batches: readonly (readonly Item[])[],
    limitMs: number,
  ): ReturnType<typeof setInterval> {
    const seen = this.#progress.map(() => ({ at: "", since: 0 }));
    return setInterval(() => {
      const now = performance.now();
      this.#progress.forEach((cells, w) => {
        const [batch, item] = [Atomics.load(cells, 0), Atomics.load(cells, 1)];
        const at = item < 0 ? "" : `${batch}:${item}`;
        if (at !== seen[w].at) {
          seen[w] = { at, since: now };
          return;
        }
        if (!at || now - seen[w].since <= limitMs) return;
        const failure = new PoolFailure(
          this.name,
          w,
          "timeout",
          `one item took more than ${limitMs / 1000} s`,
        );
        failure.item = batches[batch]?.[item];
        this.#fail(failure);
      });
    }, Math.min(1000, Math.max(10, limitMs / 4)));
  }

  #exchange<T>(
    kind: Pending["kind"],
    signal: AbortSignal | undefined,
    start: (resolve: (value: T) => void) => void,
  ): Promise<T> {
    if (this.#refusal) return Promise.reject(this.#refusal);
    if (signal?.aborted) return Promise.reject(this.#aborted(signal));
    if (this.#pending) {
      if (kind === "run") {
        return Promise.reject(
          new Error(`${this.name} pool: run() called while another exchange is pending`),
        );
      }
      this.#pending.fail(
        new PoolAborted(this.name, `${this.name} pool: superseded by a new init()`),
      );
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        if (this.#pending === pending) {
          this.#pending = undefined;
          this.#listener = undefined;
        }
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        const aborted = this.#aborted(signal!);
        this.#stop(
          new PoolAborted(
            this.name,
            `${this.name} pool was stopped by an aborted ${kind}() and must be replaced`,
            { cause: signal!.reason },
          ),
          aborted,
        );
      };
      const pending: Pending = {
        kind,
        fail: (e) => {
          if (settled) return;
          settle();
          reject(e);
        },
      };
      this.#pending = pending;
      signal?.addEventListener("abort", onAbort);
      try {
        start((value) => {
          if (settled) return;
          settle();
          resolve(value);
        });
      } catch (thrown) {
        // e.g. a payload that cannot be cloned: some workers may have work already.
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        this.#stop(
          new PoolAborted(this.name, `${this.name} pool was stopped: ${kind}() threw`, {
            cause: thrown,
          }),
          error,
        );
      }
    });
  }

  #aborted(signal: AbortSignal): PoolAborted {
    return new PoolAborted(this.name, `${this.name} pool: aborted`, { cause: signal.reason });
  }

  /**
   * Whether the pool refuses work: a worker failed, an exchange was aborted
   * mid-way, or it was terminated. A broken pool must be replaced.
   */
  get broken(): boolean {
    return this.#refusal !== undefined;
  }

  /** Returns and forgets the spans measured so far. */
  takeSpans(): PoolSpan[] {
    const spans = this.#spans;
    this.#spans = [];
    return spans;
  }

  /**
   * Stops every worker at once. A pending `init`/`run` rejects with
   * {@link PoolAborted}; so does every later call.
   */
  terminate(): void {
    const closed = new PoolAborted(this.name, `${this.name} pool was closed`);
    this.#refusal = closed;
    this.#stop(closed, closed);
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
