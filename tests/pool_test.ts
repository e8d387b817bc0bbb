import assert from "node:assert/strict";
import { makeBatches, PoolAborted, PoolFailure, WorkerPool } from "../src/pool/worker_pool.ts";
import type { SlowInit } from "./support/pool_slow_worker.ts";

const WORKER = new URL("./support/crash_worker.ts", import.meta.url);
const SLOW_WORKER = new URL("./support/pool_slow_worker.ts", import.meta.url);

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long `promise` takes to reject from now, and with what. */
async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
  throw new assert.AssertionError({ message: "expected a rejection" });
}

Deno.test("pool: results come back in batch order whatever worker did them", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 3, "test");
  try {
    await pool.init("ok");
    const items = Array.from({ length: 100 }, (_, i) => i);
    const results = await pool.run(makeBatches(items, 3));
    assert.deepEqual(results.flat(), items.map((n) => n * 2));
    // A second generation on the same workers.
    await pool.init("ok");
    assert.deepEqual((await pool.run([[5], [6]])).flat(), [10, 12]);
    const spans = pool.takeSpans();
    assert.ok(spans.some((s) => s.name === "batch" && s.worker >= 0));
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: a batch's results packed into one buffer move with it once, as views of it", async () => {
  const pool = new WorkerPool<null, number, Uint32Array>(
    new URL("./support/pack_worker.ts", import.meta.url),
    2,
    "pack",
  );
  try {
    await pool.init(null);
    const batches = [[1, 2, 3], [4], [5, 6]];
    const results = await pool.run(batches);
    assert.deepEqual(results.map((batch) => batch.map((r) => [...r])), [
      [[1, 2], [2, 4], [3, 6]],
      [[4, 8]],
      [[5, 10], [6, 12]],
    ]);
    for (const batch of results) {
      assert.equal(new Set(batch.map((r) => r.buffer)).size, 1, "one buffer a batch");
      assert.equal(batch[0].buffer.byteLength, batch.length * 8, "and nothing else in it");
    }
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: what take makes of each batch comes back in batch order", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 3, "test");
  try {
    await pool.init("ok");
    const batches = makeBatches(Array.from({ length: 100 }, (_, i) => i), 3);
    const taken: number[][] = [];
    const sums = await pool.run(batches, (results) => {
      taken.push(results);
      return results.reduce((a, b) => a + b, 0);
    });
    assert.deepEqual(sums, batches.map((b) => b.reduce((a, n) => a + 2 * n, 0)));
    assert.equal(taken.length, batches.length, "each batch taken once");
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: post makes what a batch's message carries as it is sent, and moves its buffers", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await pool.init("ok");
    const batches = makeBatches(Array.from({ length: 20 }, (_, i) => i), 2);
    const buffers: ArrayBuffer[] = [];
    const results = await pool.run(batches, undefined, undefined, undefined, (items) => {
      const buffer = new ArrayBuffer(8);
      buffers.push(buffer);
      return { items: items.map((n) => n + 100), moved: [buffer] };
    });
    assert.deepEqual(results.flat(), batches.flat().map((n) => (n + 100) * 2));
    assert.equal(buffers.length, batches.length, "one post a batch");
    assert.ok(buffers.every((b) => b.byteLength === 0), "each moved, not copied");
    assert.deepEqual(batches.flat(), Array.from({ length: 20 }, (_, i) => i), "batches untouched");
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: a worker failing at init is reported as a PoolFailure, not a hang", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await assert.rejects(pool.init("throw-at-init"), (e) => {
      assert.ok(e instanceof PoolFailure);
      assert.equal(e.name, "PoolFailure");
      assert.equal(e.pool, "test");
      assert.ok(e.worker === 0 || e.worker === 1);
      assert.equal(e.kind, "crashed");
      assert.equal(e.workerMessage, "cannot start");
      assert.match(e.workerStack ?? "", /cannot start[^]*crash_worker\.ts/);
      assert.match(e.message, /^test worker \d failed: cannot start$/);
      return true;
    });
    assert.equal(pool.broken, true);
    await assert.rejects(pool.init("ok"), PoolFailure, "a broken pool refuses more work");
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: a worker that dies mid-build is detected", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await pool.init("die");
    await assert.rejects(pool.run([[1], [2], [3], [4]]), (e) => {
      assert.ok(e instanceof PoolFailure);
      assert.equal(e.kind, "died");
      assert.match(e.message, /^test worker \d died: .*worker died/);
      assert.match(e.workerMessage, /worker died/);
      return true;
    });
    assert.equal(pool.broken, true);
    await assert.rejects(pool.run([[1]]), /died/, "a broken pool refuses more work");
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: an item that keeps its worker busy past the limit fails the run, naming the item", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await pool.init("busy");
    const { error, ms } = await rejection(
      pool.run([[1, 2], [3, 4], [5]], undefined, undefined, 400),
    );
    assert.ok(error instanceof PoolFailure);
    assert.equal(error.kind, "timeout");
    assert.equal(error.item, 3);
    assert.match(error.message, /^test worker \d was stopped: one item took more than 0.4 s$/);
    assert.ok(ms < 2500, `noticed after ${ms.toFixed(0)} ms, before the item ended by itself`);
    assert.equal(pool.broken, true);
  } finally {
    pool.terminate();
  }
  // A run within the limit is not disturbed by the watch.
  const fine = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await fine.init("ok");
    assert.deepEqual((await fine.run([[1, 2], [3]], undefined, undefined, 400)).flat(), [2, 4, 6]);
  } finally {
    fine.terminate();
  }
});

Deno.test("pool: an already aborted signal rejects at once and sends nothing", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 1, "test");
  try {
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    await assert.rejects(pool.init("ok", controller.signal), (e) => {
      assert.ok(e instanceof PoolAborted);
      assert.equal(e.name, "PoolAborted");
      assert.equal(e.cause, reason);
      return true;
    });
    await pool.init("ok");
    let batches = 0;
    await assert.rejects(
      pool.run([[1], [2]], () => batches++, controller.signal),
      PoolAborted,
    );
    // Nothing was sent, so the pool is intact and the next run sees only its own work.
    assert.equal(pool.broken, false);
    assert.deepEqual(await pool.run([[7]]), [[14]]);
    assert.equal(batches, 0);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: aborting a run stops its workers at once and breaks the pool", async () => {
  const pool = new WorkerPool<SlowInit, number, number>(SLOW_WORKER, 2, "slow");
  try {
    await pool.init({ initMs: 0, itemMs: 150 });
    const controller = new AbortController();
    let batches = 0;
    let abortedAt = 0;
    const running = pool.run(
      Array.from({ length: 40 }, (_, i) => [i]),
      () => {
        if (++batches === 1) {
          abortedAt = performance.now();
          controller.abort("edited");
        }
      },
      controller.signal,
    );
    const { error } = await rejection(running);
    assert.ok(error instanceof PoolAborted, String(error));
    assert.equal(error.cause, "edited");
    assert.ok(performance.now() - abortedAt < 1000, "settles promptly");
    assert.equal(pool.broken, true);
    // The workers are gone: no further batch reaches the old listener.
    await delay(400);
    assert.equal(batches, 1);
    // A broken pool refuses work at once.
    const again = await rejection(pool.run([[1]]));
    assert.ok(again.error instanceof PoolAborted);
    assert.ok(again.ms < 100);
    await assert.rejects(pool.init({ initMs: 0, itemMs: 0 }), PoolAborted);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: aborting an init that is busy in its workers settles within a second", async () => {
  const pool = new WorkerPool<SlowInit, number, number>(SLOW_WORKER, 2, "slow");
  try {
    await pool.init({ initMs: 0, itemMs: 0 }); // the workers are up
    const controller = new AbortController();
    const init = pool.init({ initMs: 10_000, itemMs: 0 }, controller.signal);
    await delay(150);
    controller.abort();
    const { error, ms } = await rejection(init);
    assert.ok(error instanceof PoolAborted, String(error));
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(pool.broken, true);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: terminate() rejects the pending run, and every later call", async () => {
  const pool = new WorkerPool<SlowInit, number, number>(SLOW_WORKER, 2, "slow");
  try {
    await pool.init({ initMs: 0, itemMs: 10_000 });
    const running = pool.run([[1], [2], [3]]);
    await delay(150);
    pool.terminate();
    const { error, ms } = await rejection(running);
    assert.ok(error instanceof PoolAborted, String(error));
    assert.match(error.message, /slow pool was closed/);
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(pool.broken, true);
    const later = await rejection(pool.init({ initMs: 0, itemMs: 0 }));
    assert.ok(later.error instanceof PoolAborted);
    assert.match(later.error.message, /closed/);
    assert.ok(later.ms < 100);
    await assert.rejects(pool.run([[1]]), /closed/);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: terminate() during init rejects it instead of hanging", async () => {
  const pool = new WorkerPool<SlowInit, number, number>(SLOW_WORKER, 1, "slow");
  await pool.init({ initMs: 0, itemMs: 0 });
  const init = pool.init({ initMs: 10_000, itemMs: 0 });
  await delay(100);
  pool.terminate();
  const { error, ms } = await rejection(init);
  assert.ok(error instanceof PoolAborted);
  assert.ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("pool: a new init supersedes a pending exchange; an overlapping run is refused", async () => {
  const pool = new WorkerPool<SlowInit, number, number>(SLOW_WORKER, 2, "slow");
  try {
    await pool.init({ initMs: 0, itemMs: 100 });
    let stale = 0;
    const old = pool.run([[1], [2], [3], [4], [5], [6]], () => stale++);
    await assert.rejects(pool.run([[1]]), /another exchange is pending/);
    const superseded = assert.rejects(
      old,
      (e) => e instanceof PoolAborted && /superseded/.test(e.message),
    );
    await pool.init({ initMs: 0, itemMs: 0 });
    await superseded;
    const seen = stale;
    // Replies of the old run (still queued in the workers) never reach the new one.
    assert.deepEqual(await pool.run([[0], [1], [2], [3]]), [[0], [2], [4], [6]]);
    assert.equal(stale, seen);
    assert.equal(pool.broken, false);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: a throwing onBatch rejects the run and breaks the pool", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 1, "test");
  try {
    await pool.init("ok");
    await assert.rejects(
      pool.run([[1], [2], [3]], () => {
        throw new Error("progress broke");
      }),
      /progress broke/,
    );
    assert.equal(pool.broken, true);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: thousands of runs with a signal that never fires leave no listener", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 1, "test");
  try {
    const controller = new AbortController();
    const signal = controller.signal;
    let live = 0;
    let added = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      if (args[0] === "abort") live++, added++;
      return add(...args);
    }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      if (args[0] === "abort") live--;
      return remove(...args);
    }) as typeof remove;
    await pool.init("ok", signal);
    for (let i = 0; i < 1000; i++) {
      assert.deepEqual(await pool.run([[i]], undefined, signal), [[i * 2]]);
    }
    assert.equal(added, 1001, "every exchange listens to its signal");
    assert.equal(live, 0, "and stops listening when it settles");
    // Firing the signal now must not touch the pool: no exchange is listening.
    controller.abort();
    assert.equal(pool.broken, false);
    assert.deepEqual(await pool.run([[4]]), [[8]]);
  } finally {
    pool.terminate();
  }
});

Deno.test("makeBatches: covers every item once, in order, shrinking to 1", () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const batches = makeBatches(items, 2);
  assert.deepEqual(batches.flat(), items);
  assert.equal(batches[batches.length - 1].length, 1);
  assert.ok(batches[0].length <= 64);
  assert.deepEqual(makeBatches([], 4), []);
});

Deno.test("pool: a worker keeps working through a long pause of the main thread", async () => {
  // 5 ms items, one per batch: once batch times are known, each worker holds 16
  // batches (80 ms), so through a 300 ms block of this thread each does 16 where
  // it did 2 when it was sent one batch per batch done.
  const pool = new WorkerPool<SlowInit, number, number>(SLOW_WORKER, 2, "test");
  try {
    await pool.init({ initMs: 0, itemMs: 5 });
    const batches = Array.from({ length: 200 }, (_, i) => [i]);
    let blocked: [number, number] | undefined;
    let seen = 0;
    const results = await pool.run(batches, (batch) => {
      if (++seen === 40) {
        const start = performance.timeOrigin + performance.now();
        const end = performance.now() + 300;
        while (performance.now() < end) {
          // The main thread is busy: a major GC, a big site-wide output.
        }
        blocked = [start, performance.timeOrigin + performance.now()];
      }
      return batch;
    });
    assert.deepEqual(results.flat(), batches.flat().map((n) => n * 2));
    const [from, to] = blocked!;
    const during = pool.takeSpans().filter((s) =>
      s.name === "batch" && s.start >= from && s.end <= to
    );
    for (const worker of [0, 1]) {
      const done = during.filter((s) => s.worker === worker).length;
      assert.ok(
        done >= 10,
        `worker ${worker} did ${done} batches while the main thread was blocked`,
      );
    }
  } finally {
    pool.terminate();
  }
});
