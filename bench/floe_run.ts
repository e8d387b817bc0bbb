/**
 * One measured floe build, in its own process (spawned by bench.ts): prints a JSON
 * line with the build's phases, the snapshot size, the time the render workers
 * spent receiving the snapshot, the process's peak RSS and the main thread's CPU time.
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
// This thread's CPU time (utime + stime, in clock ticks of 10 ms): the work no
// worker can take, which bounds what more cores can give.
const ticks = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ");
const mainCpuMs = (Number(ticks[11]) + Number(ticks[12])) * 10;
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
  mainCpuMs,
}));
