/**
 * `eventLoopTurns`: a long loop on one thread lets the event loop turn (a timer,
 * a signal, a worker's message) once its time is up, and not before.
 *
 * @module
 */
import assert from "node:assert/strict";
import { eventLoopTurns } from "../src/base/turns.ts";

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* work */ }
}

Deno.test("turns: no turn before its time, a real one after it", async () => {
  const turn = eventLoopTurns(30);
  let fired = false;
  setTimeout(() => fired = true, 0);
  assert.equal(await turn(), false, "too soon");
  assert.equal(fired, false, "the event loop did not turn");
  busy(35);
  assert.equal(await turn(), true);
  assert.equal(fired, true, "a timer due meanwhile ran");
  assert.equal(await turn(), false, "the clock starts again after a turn");
});

Deno.test("turns: a loop of short jobs turns about once per period", async () => {
  const turn = eventLoopTurns(20);
  let turns = 0;
  const start = performance.now();
  while (performance.now() - start < 200) {
    busy(1);
    if (await turn()) turns++;
  }
  // 200 ms of work: about 9 turns (fewer on a loaded machine, where a turn takes
  // longer); one per job would be ~150.
  assert.ok(turns >= 1 && turns <= 11, `${turns} turns`);
});
