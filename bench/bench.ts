/**
 * `deno task bench`: floe against itself (1 vs 2 workers) and against Hugo and
 * Eleventy on the same generated corpus, in one run, alternating tools so machine
 * drift hits all of them alike.
 *
 *   deno task bench [--sizes 1000,10000] [--runs 3] [--peers hugo,eleventy]
 *                   [--out /dev/shm/floe-bench] [--json results.json]
 *
 * Peers run when installed: `hugo` on the PATH (Debian: apt-get install hugo) and
 * Eleventy 3 in $ANCHORS_ROOT/eleventy/node_modules (npm i @11ty/eleventy@3), with
 * the site configs of ../shared/bench/anchors (or $ANCHORS_DIR). Outputs go to
 * tmpfs by default: on disk, rm -rf alone makes times swing by 2x.
 *
 * @module
 */
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const HERE = new URL(".", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
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
const anchors = Deno.env.get("ANCHORS_DIR") ?? resolve(HERE, "../../shared/bench/anchors");
const anchorsRoot = Deno.env.get("ANCHORS_ROOT") ?? "/tmp/anchors";
const eleventyCli = join(anchorsRoot, "eleventy/node_modules/@11ty/eleventy/cmd.cjs");
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Sample {
  wallMs: number;
  peakMiB?: number;
  floe?: FloeStats;
}
interface FloeStats {
  pages: number;
  files: number;
  phases: Record<string, number>;
  snapshotBytes: number;
  snapshotReceiveMs: number;
  peakMiB: number;
}

function hasHugo(): boolean {
  try {
    return new Deno.Command("hugo", { args: ["version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

const peers = values.peers.split(",").filter((p) =>
  (p === "hugo" && hasHugo() && existsSync(join(anchors, "hugo"))) ||
  (p === "eleventy" && existsSync(eleventyCli) && existsSync(join(anchors, "eleventy")))
);

async function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  const wrapped = timeBin
    ? [timeBin, ["-f", "__PEAK_KB=%M", cmd, ...args]] as const
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
  return { wallMs, stdout, peakMiB: peak ? Number(peak[1]) / 1024 : undefined };
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
    // floe-1, floe-2: the peers' page set (bench/anchor); floe-2-full: default theme
    // and every output (feeds, sitemap, search index, pagination, link check).
    const workers = tool.slice(5, 6);
    const full = tool.endsWith("-full");
    const trace = join(values.corpora, `trace-${n}-${tool}.json`);
    const r = await run(Deno.execPath(), [
      "run",
      "-A",
      join(HERE, "floe_run.ts"),
      dir,
      out,
      workers,
      trace,
      full ? "" : join(HERE, "anchor/floe.config.ts"),
    ]);
    const floe = JSON.parse(r.stdout.trim().split("\n").pop()!) as FloeStats;
    return { wallMs: r.wallMs, peakMiB: floe.peakMiB, floe };
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
    eleventyCli,
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
  const tools = ["floe-1", "floe-2", "floe-2-full", ...peers];
  const samples: Record<string, Sample[]> = Object.fromEntries(tools.map((t) => [t, []]));
  await measure("floe-2", dir, n); // warm-up: caches, compiled modules
  for (let r = 0; r < runs; r++) {
    for (const tool of tools) samples[tool].push(await measure(tool, dir, n));
  }
  const wall = (t: string) => median(samples[t].map((s) => s.wallMs));
  const phase = (t: string, p: string) => median(samples[t].map((s) => s.floe!.phases[p] ?? 0));
  const first = samples["floe-1"][0].floe!;
  const full = samples["floe-2-full"][0].floe!;
  console.log(
    `## ${n} source pages (floe-1/2: ${first.pages} pages, ${first.files} files like the peers; ` +
      `floe-2-full: ${full.pages} pages, ${full.files} files)\n`,
  );
  console.log("| tool | wall s (median) | source pages/s | peak RSS MiB |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const t of tools) {
    const peak = median(samples[t].map((s) => s.peakMiB ?? NaN));
    console.log(
      `| ${t} | ${fmt(wall(t))} | ${Math.round(n / (wall(t) / 1000))} | ${
        Number.isNaN(peak) ? "n/a" : peak.toFixed(0)
      } |`,
    );
  }
  console.log("\n| floe phase (median ms) | 1 worker | 2 workers | 2 workers, full |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const p of ["config", "discover", "parse", "snapshot", "share", "render", "post", "write"]) {
    const cells = ["floe-1", "floe-2", "floe-2-full"].map((t) => phase(t, p).toFixed(0));
    console.log(`| ${p} | ${cells.join(" | ")} |`);
  }
  const pr1 = phase("floe-1", "parse") + phase("floe-1", "render");
  const pr2 = phase("floe-2", "parse") + phase("floe-2", "render");
  const snap = samples["floe-2"][0].floe!;
  console.log(
    `\n- speed-up 2 vs 1 worker: wall ${
      (wall("floe-1") / wall("floe-2")).toFixed(2)
    }x, parse+render ${(pr1 / pr2).toFixed(2)}x`,
  );
  console.log(
    `- snapshot: ${(snap.snapshotBytes / 1048576).toFixed(1)} MiB serialized; share ${
      phase("floe-2", "share").toFixed(0)
    } ms on main, received + frozen in ${
      median(samples["floe-2"].map((s) => s.floe!.snapshotReceiveMs)).toFixed(0)
    } ms per worker`,
  );
  for (const peer of peers) {
    console.log(
      `- floe (2 workers) / ${peer}: ${
        (wall("floe-2") / wall(peer)).toFixed(2)
      } of its wall time (${(wall(peer) / wall("floe-2")).toFixed(1)}x faster)`,
    );
  }
  console.log(
    `- traces: ${join(values.corpora, `trace-${n}-floe-2.json`)} (and -floe-1, -floe-2-full)\n`,
  );
  report[String(n)] = { samples, medians: Object.fromEntries(tools.map((t) => [t, wall(t)])) };
}
// The machine's own ceiling for 2 workers, without floe (see bench/scaling.ts).
const largest = await corpus(Math.max(...sizes));
const scaling = await run(Deno.execPath(), ["run", "-A", join(HERE, "scaling.ts"), largest]);
console.log("## Scaling ceiling of this machine (bench/scaling.ts)\n");
console.log(scaling.stdout.trim().split("\n").map((l) => `- ${l}`).join("\n"));
report.scaling = scaling.stdout;
if (values.json) Deno.writeTextFileSync(values.json, JSON.stringify(report, null, 2));
