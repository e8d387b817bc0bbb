/**
 * One measured floe build, in its own process (spawned by bench.ts): prints a JSON
 * line with the build's phases, the snapshot size, the time the render workers
 * spent receiving the snapshot, and the process's peak RSS.
 *
 *   deno run -A bench/floe_run.ts <site> <out> <workers> [trace.json] [config.ts]
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { build } from "../mod.ts";

const [root, out, workers, trace, configFile] = Deno.args;
const result = await build({
  root,
  configFile: configFile || undefined,
  overrides: { outputDir: out, workers: Number(workers) },
  trace: trace || undefined,
});
const status = readFileSync("/proc/self/status", "utf8");
const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
let snapshotReceiveMs = 0;
if (trace) {
  const { traceEvents } = JSON.parse(readFileSync(trace, "utf8"));
  const threads = new Map<number, string>();
  for (const e of traceEvents) if (e.ph === "M") threads.set(e.tid, e.args.name);
  for (const e of traceEvents) {
    if (e.name === "render init" && String(threads.get(e.tid)).startsWith("render")) {
      snapshotReceiveMs = Math.max(snapshotReceiveMs, e.dur / 1000);
    }
  }
}
console.log(JSON.stringify({
  pages: result.pages,
  files: result.files,
  durationMs: result.durationMs,
  phases: result.phases,
  snapshotBytes: result.snapshotBytes,
  snapshotReceiveMs,
  peakMiB: peakKiB / 1024,
}));
