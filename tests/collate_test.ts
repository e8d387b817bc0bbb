/** English text order without ICU for ASCII: the same order as ICU's, whatever the text. */
import assert from "node:assert/strict";
import { compareText } from "../src/base/collate.ts";

const intl = new Intl.Collator("en");
const sign = (n: number) => Math.sign(n);

/** A seeded generator (mulberry32): the same texts on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

Deno.test("collate: every pair of printable ASCII characters is ordered as ICU orders it", () => {
  for (const a of ASCII) {
    for (const b of ASCII) {
      assert.equal(sign(compareText(a, b)), sign(intl.compare(a, b)), `${a} ${b}`);
    }
  }
});

Deno.test("collate: random texts, ASCII or not, are ordered as ICU orders them", () => {
  const next = random(7);
  // Few letters, so texts often share a prefix or differ only in case; some beyond ASCII
  // (accents, a combining one, a control, an emoji) that ICU weighs its own way.
  const alphabet = "aAbB zZ09-_.,'\"éÉ\u0301\u0001😀";
  const text = () => {
    let s = "";
    for (let n = Math.floor(next() * 6); n > 0; n--) {
      const asciiOnly = next() < 0.7;
      const pool = asciiOnly ? alphabet.slice(0, 15) : alphabet;
      s += [...pool][Math.floor(next() * [...pool].length)];
    }
    return s;
  };
  for (let i = 0; i < 20_000; i++) {
    const a = text();
    const b = next() < 0.3 ? a + text() : text();
    assert.equal(sign(compareText(a, b)), sign(intl.compare(a, b)), JSON.stringify([a, b]));
    assert.equal(sign(compareText(b, a)), sign(intl.compare(b, a)), JSON.stringify([b, a]));
  }
});

Deno.test("collate: titles sort as people expect", () => {
  const titles = [
    "beta",
    "Alpha",
    "alpha",
    "Alpha 2",
    "Alpha 10",
    "alpha-beta",
    "Zeta",
    "éclair",
    "",
  ];
  assert.deepEqual(
    [...titles].sort(compareText),
    [...titles].sort((a, b) => a.localeCompare(b, "en")),
  );
});
