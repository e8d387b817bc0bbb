/**
 * Render outcomes packed for the way to the main thread (`render/pack_outcomes.ts`):
 * the same values, their typed arrays views of two buffers a batch, which the
 * render worker moves (transfers) instead of copying.
 */
import assert from "node:assert/strict";
import { packedBuffers, packOutcomes } from "../src/render/pack_outcomes.ts";
import type { RenderOutcome } from "../src/render/render_page.ts";
import { packStrings } from "../src/base/string_list.ts";

function outcome(n: number, scan: boolean): RenderOutcome {
  return {
    key: `/p${n}/`,
    outputPath: `p${n}/index.html`,
    hash: `h${n}`,
    bytes: 100 + n,
    written: true,
    reads: Uint32Array.from({ length: n + 1 }, (_, i) => i * 7 + n),
    newKeys: {
      firstKey: n,
      records: [`p:/p${n}/`],
      fields: ["title"],
      whole: [],
      keys: new Uint32Array(n % 2 ? [n, 0] : []),
    },
    worker: "w",
    ...(scan
      ? {
        scan: {
          hrefs: packStrings(Array.from({ length: n }, (_, i) => `/x${i}/`)),
          lines: Uint32Array.from({ length: n }, (_, i) => i + 1),
          ids: packStrings(n ? ["top"] : []),
        },
      }
      : {}),
  };
}

/** An outcome's typed arrays, as plain arrays, in a fixed order. */
const numbers = (o: RenderOutcome) =>
  "reads" in o
    ? [o.reads, o.newKeys.keys, o.scan?.hrefs.ends, o.scan?.lines, o.scan?.ids.ends]
      .map((a) => a && [...a])
    : [];

Deno.test("packed outcomes: the same values, the arrays views of one buffer for reads and keys and one for scans", () => {
  const failed: RenderOutcome = { key: "/bad/", diagnostics: [] };
  const batch = [outcome(0, true), outcome(3, true), failed, outcome(5, true)];
  const packed = packOutcomes(batch);
  assert.equal(packed.length, batch.length);
  assert.equal(packed[2], failed, "a failed page passes as it is");
  packed.forEach((o, i) => {
    assert.deepEqual(numbers(o), numbers(batch[i]));
    if ("reads" in o) assert.equal(o.scan?.hrefs.text, (batch[i] as typeof o).scan?.hrefs.text);
  });
  const rendered = packed.filter((o) => "reads" in o);
  const spent = new Set(rendered.flatMap((o) => [o.reads.buffer, o.newKeys.keys.buffer]));
  const kept = new Set(
    rendered.flatMap((
      o,
    ) => [o.scan!.hrefs.ends.buffer, o.scan!.lines.buffer, o.scan!.ids.ends.buffer]),
  );
  assert.equal(spent.size, 1);
  assert.equal(kept.size, 1);
  assert.notEqual([...spent][0], [...kept][0], "the kept arrays do not hold the spent ones alive");
  assert.deepEqual(
    new Set(rendered.flatMap(packedBuffers)),
    new Set([...spent, ...kept]),
    "the buffers that move with the batch",
  );
});

Deno.test("packed outcomes: without link scans, one buffer", () => {
  const packed = packOutcomes([outcome(2, false), outcome(4, false)]);
  assert.deepEqual(packed.map(numbers), [outcome(2, false), outcome(4, false)].map(numbers));
  assert.equal(new Set(packed.flatMap(packedBuffers)).size, 1);
  assert.deepEqual(packOutcomes([]), []);
});
