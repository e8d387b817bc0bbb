/**
 * `deno task bench`: floe against itself (1 vs 2 workers) and against Hugo and
 * Eleventy on the same generated corpus, in one run, alternating tools so machine
 * drift hits all of them alike.
 *
 *   deno task bench [--sizes 1,1000,10000,100000] [--runs 3] [--big-runs 1]
 *                   [--peers hugo,eleventy] [--out /dev/shm/floe-bench] [--json results.json]
 *
 * Sizes of 100,000 pages and more run `--big-runs` times (a Hugo build of them
 * takes minutes), and without Eleventy. Peers are installed when missing (see
 * peers.ts): Debian's `hugo`, and Eleventy (pinned) in $ANCHORS_ROOT/eleventy;
 * they build with the site configs of ../shared/bench/anchors (or $ANCHORS_DIR).
 * Wall time, CPU time (user + system, all threads), peak RSS and minor page
 * faults come from /usr/bin/time. Outputs go to tmpfs by default: on disk, rm -rf
 * alone makes times swing by 2x. floe runs with the V8 flags its tasks use
 * (src/cli/v8_flags.ts), as a user's `deno task build` runs it.
 *
 * @module
 */
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureEleventy, ensureHugo } from "./peers.ts";
import { V8_FLAGS } from "../src/cli/v8_flags.ts";

const HERE = new URL(".", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "1,1000,10000,100000" },
    runs: { type: "string", default: "3" },
    "big-runs": { type: "string", default: "1" },
    peers: { type: "string", default: "hugo,eleventy" },
    out: {
      type: "string",
      default: existsSync("/dev/shm") ? "/dev/shm/floe-bench" : "/tmp/floe-bench/out",
    },
    corpora: { type: "string", default: "/tmp/floe-bench" },
    json: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const bigRuns = Number(values["big-runs"]);
const BIG = 100_000;
const anchors = Deno.env.get("ANCHORS_DIR") ?? resolve(HERE, "../../shared/bench/anchors");
const anchorsRoot = Deno.env.get("ANCHORS_ROOT") ?? "/tmp/anchors";
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Sample {
  wallMs: number;
  /** User + system CPU time of the process and all its threads. */
  cpuMs?: number;
  peakMiB?: number;
  /** Minor page faults: memory the process touched for the first time (see scaling.ts). */
  faults?: number;
  floe?: FloeStats;
}
interface FloeStats {
  pages: number;
  files: number;
  phases: Record<string, number>;
  snapshotBytes: number;
  snapshotReceiveMs: number;
  peakMiB: number;
  /** The main thread's CPU time: what no worker takes, the bound on what more cores give. */
  mainCpuMs?: number;
}

const wanted = values.peers.split(",").filter(Boolean);
const hugo = wanted.includes("hugo") && existsSync(join(anchors, "hugo")) && await ensureHugo();
const eleventyCli = wanted.includes("eleventy") && existsSync(join(anchors, "eleventy"))
  ? await ensureEleventy(anchorsRoot)
  : null;
const peers = [...(hugo ? ["hugo"] : []), ...(eleventyCli ? ["eleventy"] : [])];

async function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  const wrapped = timeBin
    ? [timeBin, ["-f", "__PEAK_KB=%M __CPU_S=%U+%S __FAULTS=%R", cmd, ...args]] as const
    : [cmd, args] as const;
  const start = performance.now();
  const out = await new Deno.Command(wrapped[0], {
    args: [...wrapped[1]],
    env: { ...env, NO_COLOR: "1" },
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const wallMs = performance.now() - start;
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed:\n${stderr}`);
  const peak = /__PEAK_KB=(\d+)/.exec(stderr);
  const cpu = /__CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
  const faults = /__FAULTS=(\d+)/.exec(stderr);
  return {
    wallMs,
    stdout,
    peakMiB: peak ? Number(peak[1]) / 1024 : undefined,
    cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined,
    faults: faults ? Number(faults[1]) : undefined,
  };
}

async function corpus(n: number): Promise<string> {
  const dir = join(values.corpora, `corpus-${n}`);
  if (!existsSync(join(dir, "content/_index.md"))) {
    await run(Deno.execPath(), ["run", "-A", join(HERE, "gen_corpus.mjs"), dir, String(n)]);
  }
  return dir;
}

async function measure(tool: string, dir: string, n: number): Promise<Sample> {
  const out = join(values.out, tool);
  rmSync(out, { recursive: true, force: true });
  if (tool.startsWith("floe-")) {
    // floe-1, floe-2: the peers' page set (bench/anchor); floe-full: the default
    // build — default theme, every output (feeds, sitemap, search index, pagination,
    // link check) and the default number of workers (one per 2,000 pages, at most
    // one per core: none for a small site, 2 from 2,001 pages on 2 cores).
    const full = tool === "floe-full";
    const workers = full ? "0" : tool.slice(5, 6);
    const trace = join(values.corpora, `trace-${n}-${tool}.json`);
    // Cold: no parse cache or provenance left by the previous run.
    rmSync(join(dir, ".floe-cache"), { recursive: true, force: true });
    const r = await run(Deno.execPath(), [
      "run",
      "-A",
      `--v8-flags=${V8_FLAGS}`,
      join(HERE, "floe_run.ts"),
      dir,
      out,
      workers,
      trace,
      full ? "" : join(HERE, "anchor/floe.config.ts"),
    ]);
    const floe = JSON.parse(r.stdout.trim().split("\n").pop()!) as FloeStats;
    const { wallMs, cpuMs, faults } = r;
    return { wallMs, cpuMs, faults, peakMiB: r.peakMiB ?? floe.peakMiB, floe };
  }
  if (tool === "hugo") {
    return await run("hugo", [
      "--quiet",
      "--source",
      join(anchors, "hugo"),
      "--contentDir",
      join(dir, "content"),
      "--destination",
      out,
    ], {
      HUGO_STATICDIR: join(dir, "static"),
    });
  }
  return await run("node", [
    eleventyCli!,
    "--quiet",
    `--config=${join(anchors, "eleventy/eleventy.config.mjs")}`,
    `--output=${out}`,
  ], {
    CORPUS: dir,
  }, join(anchorsRoot, "eleventy"));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms: number) => (ms / 1000).toFixed(2);

const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  runs,
  peers,
  cpus: navigator.hardwareConcurrency,
};
console.log(
  `floe benchmark — ${runs} run(s) per tool, alternating; ${navigator.hardwareConcurrency} CPUs; peers: ${
    peers.join(", ") || "none installed"
  }\n`,
);
for (const n of sizes) {
  const dir = await corpus(n);
  const big = n >= BIG;
  const tools = ["floe-1", "floe-2", "floe-full", ...peers.filter((p) => !big || p === "hugo")];
  const samples: Record<string, Sample[]> = Object.fromEntries(tools.map((t) => [t, []]));
  if (!big) await measure("floe-2", dir, n); // warm-up: caches, compiled modules
  const failed: Record<string, string> = {};
  for (let r = 0; r < (big ? bigRuns : runs); r++) {
    for (const tool of tools.filter((t) => !failed[t])) {
      try {
        samples[tool].push(await measure(tool, dir, n));
      } catch (e) {
        // A peer killed for memory at 100k is a result too, not the end of the run.
        failed[tool] = String((e as Error).message).split("\n").slice(1).join(" ").trim();
      } finally {
        // Outputs on tmpfs are memory: keep none while the next tool runs.
        rmSync(join(values.out, tool), { recursive: true, force: true });
      }
    }
  }
  // NaN for a tool that did not run (a peer not installed) or failed.
  const wall = (t: string) => samples[t]?.length ? median(samples[t].map((s) => s.wallMs)) : NaN;
  const phase = (t: string, p: string) => median(samples[t].map((s) => s.floe!.phases[p] ?? 0));
  const first = samples["floe-1"][0].floe!;
  const full = samples["floe-full"][0].floe!;
  console.log(
    `## ${n} source pages (floe-1/2: ${first.pages} pages, ${first.files} files like the peers; ` +
      `floe-full: ${full.pages} pages, ${full.files} files)\n`,
  );
  console.log(
    "| tool | wall s (median) | / hugo | CPU s | CPU ms per page | source pages/s | peak RSS MiB | page faults (k) |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const t of tools) {
    if (failed[t] && !samples[t].length) {
      console.log(`| ${t} | failed: ${failed[t]} | | | | | | |`);
      continue;
    }
    const peak = median(samples[t].map((s) => s.peakMiB ?? NaN));
    const cpu = median(samples[t].map((s) => s.cpuMs ?? NaN));
    const faults = median(samples[t].map((s) => s.faults ?? NaN));
    const ratio = Number.isNaN(wall("hugo") / wall(t))
      ? "n/a"
      : (wall(t) / wall("hugo")).toFixed(2);
    console.log(
      `| ${t} | ${fmt(wall(t))} | ${ratio} | ${Number.isNaN(cpu) ? "n/a" : fmt(cpu)} | ${
        Number.isNaN(cpu) ? "n/a" : (cpu / n).toFixed(2)
      } | ${Math.round(n / (wall(t) / 1000))} | ${Number.isNaN(peak) ? "n/a" : peak.toFixed(0)} | ${
        Number.isNaN(faults) ? "n/a" : (faults / 1000).toFixed(0)
      } |`,
    );
  }
  console.log("\n| floe phase (median ms) | 1 worker | 2 workers | full default |");
  console.log("| --- | ---: | ---: | ---: |");
  for (
    const p of [
      "config",
      "discover",
      "parse",
      "snapshot",
      "share",
      "render",
      "outputs",
      "post",
      "write",
    ]
  ) {
    const cells = ["floe-1", "floe-2", "floe-full"].map((t) => phase(t, p).toFixed(0));
    console.log(`| ${p} | ${cells.join(" | ")} |`);
  }
  const mainCpu = ["floe-1", "floe-2", "floe-full"].map((t) =>
    median(samples[t].map((s) => s.floe!.mainCpuMs ?? NaN)).toFixed(0)
  );
  console.log(`| main thread CPU (all phases) | ${mainCpu.join(" | ")} |`);
  const pr1 = phase("floe-1", "parse") + phase("floe-1", "render");
  const pr2 = phase("floe-2", "parse") + phase("floe-2", "render");
  const snap = samples["floe-2"][0].floe!;
  console.log(
    `\n- speed-up 2 vs 1 worker: wall ${
      (wall("floe-1") / wall("floe-2")).toFixed(2)
    }x, parse+render ${(pr1 / pr2).toFixed(2)}x`,
  );
  console.log(
    `- snapshot: ${(snap.snapshotBytes / 1048576).toFixed(1)} MiB packed; share ${
      phase("floe-2", "share").toFixed(0)
    } ms on main; a render worker opens it and makes its templates in ${
      median(samples["floe-2"].map((s) => s.floe!.snapshotReceiveMs)).toFixed(0)
    } ms`,
  );
  for (const peer of peers.filter((p) => tools.includes(p) && samples[p].length)) {
    const ratio = wall("floe-2") / wall(peer);
    const verdict = ratio <= 1
      ? `${(1 / ratio).toFixed(1)}x faster`
      : `${ratio.toFixed(1)}x slower`;
    console.log(
      `- floe (2 workers) / ${peer}: ${ratio.toFixed(2)} of its wall time (${verdict})`,
    );
  }
  console.log(
    `- traces: ${join(values.corpora, `trace-${n}-floe-2.json`)} (and -floe-1, -floe-full)\n`,
  );
  report[String(n)] = { samples, medians: Object.fromEntries(tools.map((t) => [t, wall(t)])) };
}
// The machine's own ceiling for 2 workers, without floe (see bench/scaling.ts): on
// 10,000 pages whatever sizes ran, since it is the machine's, and a small corpus
// measures thread start-up (22 pages gave markdown-it "0.73x").
const ceilingCorpus = await corpus(10_000);
const scaling = await run(Deno.execPath(), ["run", "-A", join(HERE, "scaling.ts"), ceilingCorpus]);
console.log("## Scaling ceiling of this machine (bench/scaling.ts)\n");
console.log(scaling.stdout.trim().split("\n").map((l) => `- ${l}`).join("\n"));
report.scaling = scaling.stdout;
if (values.json) Deno.writeTextFileSync(values.json, JSON.stringify(report, null, 2));
