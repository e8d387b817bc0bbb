/**
 * A render worker's numbering of read keys (`render/worker_keys.ts`): what the
 * session's id maps rely on.
 */
import assert from "node:assert/strict";
import { WorkerKeys } from "../src/render/worker_keys.ts";

Deno.test("worker keys: ids in the order first read, each key sent once, fields by record", () => {
  const keys = new WorkerKeys();
  assert.equal(keys.field("p:/a/", "title"), 0);
  assert.equal(keys.field("p:/b/", "title"), 1);
  assert.equal(keys.key("b:/a/"), 2);
  assert.equal(keys.field("p:/a/", "url"), 3);
  assert.equal(keys.field("p:/a/", "title"), 0, "a field read again keeps its id");
  assert.equal(keys.key("b:/a/"), 2);
  assert.deepEqual(keys.take(), {
    keys: ["p:/a/#title", "p:/b/#title", "b:/a/", "p:/a/#url"],
    firstKey: 0,
  });
  assert.deepEqual(keys.take(), { keys: [], firstKey: 4 }, "nothing new: nothing sent");
  assert.equal(
    keys.field("s:docs", "title"),
    4,
    "another table's record, a field name seen before",
  );
  assert.equal(keys.field("p:/b/", "url"), 5);
  assert.deepEqual(keys.take(), { keys: ["s:docs#title", "p:/b/#url"], firstKey: 4 });
});

Deno.test("worker keys: two workers number apart", () => {
  const [a, b] = [new WorkerKeys(), new WorkerKeys()];
  assert.notEqual(a.worker, b.worker);
  b.key("l:page.vto");
  assert.equal(a.field("p:/", "title"), 0);
  assert.equal(b.field("p:/", "title"), 1);
});
