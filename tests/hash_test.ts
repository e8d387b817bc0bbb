import assert from "node:assert/strict";
import { sha256, sha256InPieces } from "../src/base/hash.ts";

Deno.test("sha256InPieces: the hash of the whole, pausing once between two pieces of 4 MiB", async () => {
  const MiB = 2 ** 20;
  for (const [size, pauses] of [[0, 0], [1, 0], [4 * MiB, 0], [4 * MiB + 1, 1], [9 * MiB, 2]]) {
    const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 12)) & 0xff);
    let paused = 0;
    const hash = await sha256InPieces(bytes, () => Promise.resolve(paused++));
    assert.equal(hash, sha256(bytes), `${size} bytes`);
    assert.equal(paused, pauses, `${size} bytes`);
  }
});
