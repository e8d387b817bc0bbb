import assert from "node:assert/strict";
import { ReadLog, readMarks } from "../src/base/read_log.ts";

function numbering(): (key: string) => number {
  const table = new Map<string, number>();
  return (key) => {
    let id = table.get(key);
    if (id === undefined) table.set(key, id = table.size);
    return id;
  };
}

Deno.test("a read log holds each id once, in the order first read, keys numbered", () => {
  const number = numbering();
  const log = new ReadLog(readMarks(), number);
  for (const read of ["a", 7, "b", "a", 7, 0, "c", 0]) log.add(read);
  // a → 0, b → 1, c → 2 (numbered by the table); 7 and 0 are ids already.
  assert.deepEqual(log.ids, [0, 7, 1, 2]);
});

Deno.test("logs sharing marks one after the other each hold what they read", () => {
  const marks = readMarks();
  const number = numbering();
  const first = new ReadLog(marks, number);
  for (const id of [3, 1, 3, 2]) first.add(id);
  const second = new ReadLog(marks, number);
  for (const id of [2, 3, 9, 2]) second.add(id);
  assert.deepEqual(first.ids, [3, 1, 2]);
  assert.deepEqual(second.ids, [2, 3, 9], "ids the first log marked are new to the second");
});

Deno.test("marks grow to ids far past their size, and start over when the marks run out", () => {
  const marks = readMarks();
  const log = new ReadLog(marks, numbering());
  for (const id of [5, 100_000, 5, 2_000_000, 100_000]) log.add(id);
  assert.deepEqual(log.ids, [5, 100_000, 2_000_000]);
  assert.ok(marks.array.length > 2_000_000);
  marks.last = 0xffffffff; // every mark used: the next log clears them first
  const next = new ReadLog(marks, numbering());
  for (const id of [5, 5, 100_000]) next.add(id);
  assert.deepEqual(next.ids, [5, 100_000]);
  assert.equal(marks.last, 1);
});

Deno.test("an older log used again after a newer one still logs every read (twice at worst)", () => {
  const marks = readMarks();
  const number = numbering();
  const outer = new ReadLog(marks, number);
  outer.add(1);
  outer.add(2);
  const inner = new ReadLog(marks, number); // a memo made in the middle of `outer`
  inner.add(2);
  inner.add(3);
  for (const id of inner.ids) outer.add(id);
  outer.add(3);
  outer.add(4);
  assert.deepEqual(inner.ids, [2, 3]);
  assert.deepEqual(outer.ids, [1, 2, 2, 3, 4]);
});
