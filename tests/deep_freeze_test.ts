import assert from "node:assert/strict";
import { deepFreeze } from "../mod.ts";

Deno.test("deepFreeze: a write to any nested part throws in strict code", () => {
  const value = deepFreeze({
    list: [{ deep: { deeper: [1, 2] } }],
    map: { a: { b: "c" } },
    [Symbol.for("s")]: { hidden: true },
  });
  assert.throws(() => {
    (value as unknown as { list: unknown[] }).list.push(1);
  }, TypeError);
  assert.throws(() => {
    (value.list[0].deep.deeper as number[])[0] = 9;
  }, TypeError);
  assert.throws(() => {
    (value.map.a as { b: string }).b = "x";
  }, TypeError);
  assert.throws(() => {
    (value[Symbol.for("s")] as { hidden: boolean }).hidden = false;
  }, TypeError);
  assert.throws(() => {
    delete (value.map as Record<string, unknown>).a;
  }, TypeError);
});

Deno.test("deepFreeze: cycles and shared references", () => {
  type Node = { name: string; next?: Node; peers: Node[] };
  const a: Node = { name: "a", peers: [] };
  const b: Node = { name: "b", next: a, peers: [a] };
  a.next = b;
  a.peers.push(a, b);
  const frozen = deepFreeze(a);
  assert.ok(Object.isFrozen(frozen.next!.next));
  assert.ok(Object.isFrozen(frozen.peers));
  assert.throws(() => {
    (frozen.next as Node).name = "z";
  }, TypeError);
});

Deno.test("deepFreeze: arrays with extra properties and accessors are handled", () => {
  const list = Object.assign([{ x: 1 }], { extra: { y: 2 } });
  let calls = 0;
  const withGetter = {
    get computed() {
      calls++;
      return { z: 3 };
    },
  };
  deepFreeze({ list, withGetter });
  assert.ok(Object.isFrozen(list.extra), "named property of an array is frozen too");
  assert.equal(calls, 0, "accessors are not called");
  assert.equal(deepFreeze(5), 5);
  assert.equal(deepFreeze(null), null);
});
