/**
 * How far 2 workers can go on this machine, without floe: the same work split over
 * 1 and 2 module workers, for (a) a pure arithmetic loop and (b) markdown-it
 * rendering the corpus from memory. If (b) scales far below (a), the ceiling is
 * the library's allocation/GC pressure on this hardware, not floe's scheduling.
 * Then (c) what memory costs the first time it is touched: on a VM that hands
 * freed memory back to its host, every page a process grows into is a fault the
 * host serves, and peak memory turns into time.
 *
 *   deno run -A bench/scaling.ts [corpus-dir] [--runs 3]
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string", default: "3" } },
  allowPositionals: true,
});
const dir = positionals[0] ?? "/tmp/floe-bench/corpus-10000";
const runs = Number(values.runs);
const root = join(dir, "content");
const texts = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith(".md"))
  .sort().map((f) => readFileSync(join(root, f), "utf8"));
const url = new URL("./scaling_worker.ts", import.meta.url);

async function once(workers: number, mode: string): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) =>
    new Promise<void>((resolve) => {
      const worker = new Worker(url, { type: "module" });
      worker.onmessage = () => {
        worker.terminate();
        resolve();
      };
      worker.postMessage({
        mode,
        texts: texts.filter((_, i) => i % workers === w),
        spin: 3e8 / workers,
      });
    })));
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`${texts.length} pages from ${dir}`);
for (const mode of ["arithmetic", "markdown-it"]) {
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < runs; r++) {
    one.push(await once(1, mode));
    two.push(await once(2, mode));
  }
  console.log(
    `${mode.padEnd(12)} 1 worker ${median(one).toFixed(0)} ms, 2 workers ${
      median(two).toFixed(0)
    } ms: ` +
      `${(median(one) / median(two)).toFixed(2)}x`,
  );
}

/** Milliseconds per MiB of fresh memory touched once, then again (the median of `runs`). */
function firstTouch(): [number, number] {
  const mib = 64;
  const first: number[] = [];
  const again: number[] = [];
  for (let r = 0; r < runs; r++) {
    const bytes = new Uint8Array(mib * 1048576);
    let start = performance.now();
    bytes.fill(1);
    first.push((performance.now() - start) / mib);
    start = performance.now();
    bytes.fill(2);
    again.push((performance.now() - start) / mib);
  }
  return [median(first), median(again)];
}
const [first, again] = firstTouch();
console.log(
  `memory       ${first.toFixed(2)} ms per MiB touched the first time, ${
    again.toFixed(2)
  } the second: ${(first * 1024 / 1000).toFixed(1)} s per GiB of peak memory`,
);
