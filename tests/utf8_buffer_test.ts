import assert from "node:assert/strict";
import { Utf8Buffer } from "../src/base/utf8_buffer.ts";

for (const shared of [false, true]) {
  const name = shared ? "Utf8Buffer in shared memory" : "Utf8Buffer";
  Deno.test(`${name}: the UTF-8 of the strings joined, however often it grows`, () => {
    const pieces = ["ascii ", "été ", "日本語", "😀😀", "", "x".repeat(100), "🎉 fin"];
    for (let rounds = 1; rounds <= 40; rounds++) {
      const strings = Array.from({ length: rounds }, (_, i) => pieces[(i * 3) % pieces.length]);
      // Room for the strings' UTF-16 units only: wide characters make it grow,
      // sometimes in the middle of a string (never inside a surrogate pair).
      const out = new Utf8Buffer(strings.reduce((n, s) => n + s.length, 0), { shared });
      for (const s of strings) out.write(s);
      assert.equal(out.bytes.buffer instanceof SharedArrayBuffer, shared);
      const expected = new TextEncoder().encode(strings.join(""));
      assert.deepEqual(out.bytes.slice(), expected, `${rounds} strings`);
    }
    assert.equal(new Utf8Buffer(0, { shared }).bytes.length, 0);
  });

  Deno.test(`${name}: bytes and strings written in turn, however often it grows`, () => {
    const encoder = new TextEncoder();
    const pieces = ["été ", "x".repeat(70), "日本語", ""];
    for (let rounds = 1; rounds <= 30; rounds++) {
      const out = new Utf8Buffer(4, { shared });
      const all: string[] = [];
      for (let i = 0; i < rounds; i++) {
        const piece = pieces[(i * 7) % pieces.length];
        if (i % 2) out.writeBytes(encoder.encode(piece));
        else out.write(piece);
        all.push(piece);
      }
      assert.deepEqual(out.bytes.slice(), encoder.encode(all.join("")), `${rounds} pieces`);
    }
  });
}
