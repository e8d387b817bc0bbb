/**
 * How far 2 workers can go on this machine, without floe: the same work split over
 * 1 and 2 module workers, for (a) a pure arithmetic loop and (b) markdown-it
 * rendering the corpus from memory. If (b) scales far below (a), the ceiling is
 * the library's allocation/GC pressure on this hardware, not floe's scheduling.
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

console.log(`${texts.length} pages from ${dir}`);
for (const mode of ["arithmetic", "markdown-it"]) {
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < runs; r++) {
    one.push(await once(1, mode));
    two.push(await once(2, mode));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${mode.padEnd(12)} 1 worker ${median(one).toFixed(0)} ms, 2 workers ${
      median(two).toFixed(0)
    } ms: ` +
      `${(median(one) / median(two)).toFixed(2)}x`,
  );
}
