/**
 * Read keys as render workers number them and the session takes them in
 * (`render/worker_keys.ts`, `base/key_table.ts`): one string, one id, whichever
 * way it arrives.
 */
import assert from "node:assert/strict";
import { KeyTable } from "../src/base/key_table.ts";
import { KeyMap, WHOLE, WorkerKeys } from "../src/render/worker_keys.ts";

/** Every key of a table, by id. */
const keysOf = (table: KeyTable) => Array.from({ length: table.size }, (_, i) => table.key(i));

Deno.test("worker keys: ids in the order first read, each key sent once, fields by record", () => {
  const keys = new WorkerKeys();
  assert.equal(keys.field("p:/a/", "title"), 0);
  assert.equal(keys.field("p:/b/", "title"), 1);
  assert.equal(keys.key("b:/a/"), 2);
  assert.equal(keys.field("p:/a/", "url"), 3);
  assert.equal(keys.field("p:/a/", "title"), 0, "a field read again keeps its id");
  assert.equal(keys.key("b:/a/"), 2);
  assert.deepEqual(keys.take(), {
    firstKey: 0,
    records: ["p:/a/", "p:/b/"],
    fields: ["title", "url"],
    whole: ["b:/a/"],
    keys: new Uint32Array([0, 0, 1, 0, WHOLE, 0, 0, 1]),
  });
  assert.deepEqual(keys.take(), {
    firstKey: 4,
    records: [],
    fields: [],
    whole: [],
    keys: new Uint32Array(0),
  }, "nothing new: nothing sent");
  assert.equal(
    keys.field("s:docs", "title"),
    4,
    "another table's record, a field name seen before",
  );
  assert.equal(keys.field("p:/b/", "url"), 5);
  assert.equal(keys.field("p:/c#d/", "title"), 6, "a record with a # in its name");
  assert.deepEqual(keys.take(), {
    firstKey: 4,
    records: ["s:docs"],
    fields: [],
    whole: ["p:/c#d/#title"],
    keys: new Uint32Array([2, 0, 1, 1, WHOLE, 0]),
  });
});

Deno.test("worker keys: two workers number apart, the session maps both to one id a key", () => {
  const [a, b] = [new WorkerKeys(), new WorkerKeys()];
  assert.notEqual(a.worker, b.worker);
  b.key("l:page.vto");
  assert.equal(a.field("p:/", "title"), 0);
  assert.equal(b.field("p:/", "title"), 1);
  const table = new KeyTable(["b:/x/"]);
  const [mapA, mapB] = [new KeyMap(table), new KeyMap(table)];
  mapB.take(b.take());
  mapA.take(a.take());
  assert.deepEqual(mapA.ids(new Uint32Array([0])), new Uint32Array([2]));
  assert.deepEqual(mapB.ids(new Uint32Array([1, 0])), new Uint32Array([2, 1]));
  // Into a view of a batch's buffer, as the session keeps them.
  const batch = new Uint32Array(4);
  const into = mapB.ids(new Uint32Array([0, 1]), batch.subarray(1, 3));
  assert.equal(into.buffer, batch.buffer);
  assert.deepEqual(batch, new Uint32Array([0, 1, 2, 0]));
  assert.deepEqual(keysOf(table), ["b:/x/", "l:page.vto", "p:/#title"]);
  assert.throws(() => mapA.take(b.take()), /out of order/, "another worker's keys");
});

Deno.test("key table: a stored list gets its ids back; unknown keys have none", () => {
  const list = ["p:/a/#title", "b:/a/", "site#title", "p:/a/#url", "p:/c#d/#t", "p:*"];
  const table = new KeyTable(list);
  assert.deepEqual(keysOf(table), list);
  list.forEach((key, i) => assert.equal(table.get(key), i, key));
  assert.equal(table.get("p:/b/#title"), undefined, "a known field of an unknown record");
  assert.equal(table.get("p:/a/#date"), undefined, "an unknown field of a known record");
  assert.equal(table.get("b:/b/"), undefined);
  assert.equal(table.field("p:/a/", "url"), 3);
  assert.equal(table.field("p:/c#d/", "t"), 4);
  assert.equal(table.intern("p:/a/#date"), 6);
  assert.equal(table.key(6), "p:/a/#date");
  assert.throws(() => table.key(7), RangeError);
});

Deno.test("key table: a stored table of a big site reads back (a body key a page, 300,000 pages)", () => {
  const table = new KeyTable();
  for (let i = 0; i < 300_000; i++) table.intern(`b:/p${i}/`);
  table.intern("p:/p1/#title");
  const stored = KeyTable.from(table.parts());
  assert.equal(stored.size, 300_001);
  assert.equal(stored.get("b:/p299999/"), 299_999);
  assert.equal(stored.get("p:/p1/#title"), 300_000);
});

Deno.test("key table: one id a string, over random keys arriving every way", () => {
  let seed = 7;
  // The high bits: an LCG's low ones repeat every few steps.
  const random = (n: number) =>
    Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 * n);
  const names = ["p:/a/", "p:/b#/", "s:docs", "site", "t:tags/x", "b:/a/", "p:*", "l:x#y"];
  const fields = ["title", "url", "a#b", "#", ""];
  const table = new KeyTable();
  const workers = [new WorkerKeys(), new WorkerKeys()];
  const maps = workers.map(() => new KeyMap(table));
  const seen = new Map<string, number>();
  for (let step = 0; step < 2000; step++) {
    const record = names[random(names.length)];
    const field = fields[random(fields.length)];
    const whole = random(3) === 0;
    const key = whole ? record : `${record}#${field}`;
    let id: number;
    const way = random(4);
    if (way < 2) {
      const w = way;
      const local = whole ? workers[w].key(key) : workers[w].field(record, field);
      maps[w].take(workers[w].take());
      id = maps[w].ids(new Uint32Array([local]))[0];
    } else if (way === 2 || whole) {
      id = table.intern(key);
    } else {
      id = table.field(record, field);
    }
    assert.equal(table.key(id), key);
    assert.equal(seen.get(key) ?? id, id, key);
    assert.equal(table.get(key), id);
    seen.set(key, id);
  }
  const keys = keysOf(table);
  assert.equal(new Set(keys).size, keys.length, "each key once");
  assert.deepEqual(keysOf(new KeyTable(keys)), keys);
  // As stored: the same keys at the same ids, and the same ids for keys added after.
  const stored = KeyTable.from(table.parts());
  assert.deepEqual(keysOf(stored), keys);
  keys.forEach((key, id) => assert.equal(stored.get(key), id, key));
  for (const key of ["p:/new/#title", "p:/a/#new", "b:/new/"]) {
    assert.equal(stored.intern(key), table.intern(key), key);
  }
});
