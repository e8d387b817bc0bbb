/**
 * The reverse index of provenance (`ReaderIndex`): moved forward build by build,
 * it must say what an index built from scratch says.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ReaderIndex } from "../src/build/plan.ts";
import type { BuildState, Provenance } from "../src/remember/store.ts";

/** A state with only outputs: all the index reads of it. */
const stateOf = (outputs: Map<string, Provenance>) => ({ outputs }) as unknown as BuildState;

const provenance = (path: string, reads: number[]): Provenance => ({
  path,
  kind: "page",
  key: path,
  hash: "",
  bytes: 0,
  reads: Uint32Array.from(reads),
});

Deno.test("ReaderIndex: advanced over random builds, the same as one built from scratch", () => {
  let seed = 7;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const readsOf = () => {
    const ids = new Set<number>();
    for (let i = random(12); i > 0; i--) ids.add(random(40));
    return [...ids];
  };
  let state = stateOf(new Map(["a", "b", "c"].map((p) => [p, provenance(p, readsOf())])));
  const index = new ReaderIndex();
  index.sync(state);
  for (let build = 0; build < 200; build++) {
    const outputs = new Map(state.outputs);
    for (const path of ["a", "b", "c", "d", "e"]) {
      const roll = random(5);
      if (roll === 0) outputs.delete(path);
      else if (roll === 1) outputs.set(path, provenance(path, readsOf()));
      else if (roll === 2 && outputs.has(path)) {
        // Made again, reading what it read before (in the same order, or not).
        const reads = [...outputs.get(path)!.reads];
        outputs.set(path, provenance(path, random(2) ? reads : reads.reverse()));
      }
    }
    const next = stateOf(outputs);
    index.advance(state, next);
    state = next;
    const fresh = new ReaderIndex();
    fresh.sync(state);
    assert.ok(index.holds(state));
    for (let id = 0; id < 40; id++) {
      assert.deepEqual(
        [...index.of(id)].sort(),
        [...fresh.of(id)].sort(),
        `build ${build}, key ${id}`,
      );
    }
  }
});
