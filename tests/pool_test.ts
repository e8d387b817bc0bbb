import assert from "node:assert/strict";
import { BuildError } from "../mod.ts";
import { makeBatches, WorkerPool } from "../src/pool/worker_pool.ts";

const WORKER = new URL("./support/crash_worker.ts", import.meta.url);

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

Deno.test("pool: a worker failing at init is reported, not a hang", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await assert.rejects(pool.init("throw-at-init"), (e) => {
      assert.ok(e instanceof BuildError);
      assert.match(e.message, /error\[worker\]: test worker \d failed: cannot start/);
      return true;
    });
    assert.equal(pool.broken, true);
  } finally {
    pool.terminate();
  }
});

Deno.test("pool: a worker that dies mid-build is detected", async () => {
  const pool = new WorkerPool<string, number, number>(WORKER, 2, "test");
  try {
    await pool.init("die");
    await assert.rejects(pool.run([[1], [2], [3], [4]]), /test worker \d died: .*worker died/);
    await assert.rejects(pool.run([[1]]), /died/, "a broken pool refuses more work");
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
