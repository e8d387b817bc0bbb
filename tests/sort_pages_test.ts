import assert from "node:assert/strict";
import { compareByDate, comparePages, type Sortable, sortPages } from "../src/snapshot/draft.ts";

/** A small deterministic generator (mulberry32): the same lists on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dates of every shape floe keeps: days, UTC instants, kept offsets, none; many ties. */
function pages(rand: () => number, n: number): Sortable[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const dates = [
    null,
    "2024-01-01",
    "2024-01-02",
    "2024-01-01T00:00:00.000Z",
    "2024-01-01T23:30:00.000Z",
    "2024-01-01T23:30:00.000-05:00",
    "2024-01-02T04:30:00.000Z",
    "2024-01-02T04:30:00.000+00:30",
    "2023-12-31T19:00:00.000-05:00",
  ];
  return Array.from({ length: n }, (_, i) => ({
    weight: pick([0, 0, 0, 1, 2]),
    date: pick(dates),
    title: pick(["a", "B", "b", "é", "z"]),
    url: `/p${i}/`,
  }));
}

Deno.test("sortPages orders as the comparators do, over dates of every shape", () => {
  const rand = random(7);
  for (let round = 0; round < 200; round++) {
    const list = pages(rand, 1 + Math.floor(rand() * 60));
    assert.deepEqual(sortPages([...list]), [...list].sort(compareByDate));
    assert.deepEqual(sortPages([...list], true), [...list].sort(comparePages));
  }
});

Deno.test("sortPages: newest first, undated last, weight first when weighted", () => {
  const list: Sortable[] = [
    { weight: 0, date: null, title: "n", url: "/n/" },
    { weight: 0, date: "2020-01-01", title: "old", url: "/old/" },
    { weight: 2, date: "2024-01-01T23:30:00.000-05:00", title: "ny", url: "/ny/" },
    { weight: 0, date: "2024-01-02T00:00:00.000Z", title: "utc", url: "/utc/" },
  ];
  // 23:30 in New York is 04:30 UTC the next day: after midnight UTC.
  assert.deepEqual(sortPages([...list]).map((p) => p.title), ["ny", "utc", "old", "n"]);
  assert.deepEqual(sortPages([...list], true).map((p) => p.title), ["ny", "utc", "old", "n"]);
  list[2] = { ...list[2], weight: 0 };
  list[0] = { ...list[0], weight: 1 };
  assert.deepEqual(sortPages([...list], true).map((p) => p.title), ["n", "ny", "utc", "old"]);
});
