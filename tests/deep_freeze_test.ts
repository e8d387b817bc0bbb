import assert from "node:assert/strict";
import { deepFreeze } from "../mod.ts";
import { receiveSnapshot, shareSnapshot } from "../src/snapshot/transfer.ts";
import type { SiteSnapshot } from "../src/snapshot/types.ts";

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

Deno.test("snapshot transfer: shared references survive and the copy is frozen again", () => {
  const section = { path: "", pages: [] as unknown[] };
  const page = { id: 0, title: "Home", section };
  section.pages.push(page);
  const snapshot = { pages: [page], site: { home: page } } as unknown as SiteSnapshot;
  const copy = receiveSnapshot(shareSnapshot(snapshot));
  assert.notEqual(copy.pages[0], page, "a copy, not the same object");
  assert.equal(copy.site.home, copy.pages[0], "one object, referenced twice");
  assert.equal(copy.pages[0].section.pages[0], copy.pages[0], "cycle kept");
  assert.ok(Object.isFrozen(copy.pages[0].section));
});
