/**
 * `deno task bench:incremental`: the edit loop. For each corpus size, in one run:
 *
 * - cold: a new process, no cache, no output folder (the baseline);
 * - no change, new process;
 * - one page's body edited, new process;
 * - in a session (what a dev server uses), given the changed path as a watcher
 *   reports it: a body edit (save → output file written), and a title edit of a
 *   page shown in its section's 20-page nav;
 * - `hugo server` on the same edit (its own log), when Hugo is installed.
 *
 *   deno task bench:incremental [--sizes 1000,10000] [--runs 3] [--config anchor|default]
 *                               [--hugo] [--out /dev/shm/floe-inc]
 *
 * `--config anchor` (default) builds the peers' page set (bench/anchor: no feeds,
 * sitemap, search or link check); `default` is floe's full default build.
 *
 * @module
 */
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SiteSession } from "../mod.ts";
import { corpus, pageOf } from "./corpus.ts";
import { V8_FLAGS } from "../src/cli/v8_flags.ts";

const HERE = new URL(".", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    config: { type: "string", default: "anchor" },
    hugo: { type: "boolean", default: false },
    out: {
      type: "string",
      default: existsSync("/dev/shm") ? "/dev/shm/floe-inc" : "/tmp/floe-inc",
    },
  },
});
const runs = Number(values.runs);
const configFile = values.config === "anchor" ? join(HERE, "anchor/floe.config.ts") : undefined;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;

/** A fresh copy of the generated corpus of `n` pages. */
async function workCopy(n: number): Promise<string> {
  const work = join(values.out, `site-${n}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(await corpus(n), work, { recursive: true });
  return work;
}

/** One `floe build` in a new process; wall time in ms. */
async function processBuild(site: string, clean = false): Promise<number> {
  const main = join(HERE, "../main.ts");
  const args = ["run", "-A", `--v8-flags=${V8_FLAGS}`, main, "build", site, "--quiet"];
  if (configFile) args.push("--config", configFile);
  if (clean) args.push("--clean");
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" })
    .output();
  const ms = performance.now() - start;
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return ms;
}

function setTitle(file: string, title: string): void {
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`));
}

async function hugoServer(n: number): Promise<string> {
  const script = resolve(HERE, "../../shared/bench/incremental.sh");
  const prep = resolve(HERE, "../../shared/bench/run-anchors.sh");
  if (!existsSync(`/tmp/anchors/corpus-${n}/content`)) {
    await new Deno.Command("bash", { args: [prep, "--prep", String(n)], stdout: "null" }).output();
  }
  const out = await new Deno.Command("bash", {
    args: [script, "hugo", String(n), String(runs)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const edits = [...text.matchAll(/edit \d+: .*?([0-9]+) ms/g)].map((m) => Number(m[1]));
  return edits.length ? `${median(edits)} ms (median of ${edits.length})` : "failed";
}

for (const n of values.sizes.split(",").map(Number)) {
  const site = await workCopy(n);
  const cold: number[] = [];
  const noChange: number[] = [];
  const bodyEdit: number[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(site, "_site"), { recursive: true, force: true });
    rmSync(join(site, ".floe-cache"), { recursive: true, force: true });
    cold.push(await processBuild(site));
    noChange.push(await processBuild(site));
    appendFileSync(pageOf(site), `\nA new paragraph, edit ${i}.\n`);
    bodyEdit.push(await processBuild(site));
  }

  // In a session: what `floe serve` will do on each save.
  const session = new SiteSession({ root: site, configFile, cacheDir: false });
  const sessionBody: number[] = [];
  const sessionTitle: number[] = [];
  const titleRendered: number[] = [];
  try {
    await session.build();
    const page = pageOf(site);
    for (let i = 0; i < runs + 1; i++) {
      appendFileSync(page, `\nSession edit ${i}.\n`);
      const t0 = performance.now();
      const report = await session.build({ changed: [page] });
      if (!report.ok) throw new Error(JSON.stringify(report.diagnostics));
      if (i > 0) sessionBody.push(performance.now() - t0); // the first warms the workers up
    }
    for (let i = 0; i < runs + 1; i++) {
      setTitle(page, `Edited title ${i}`);
      const t0 = performance.now();
      const report = await session.build({ changed: [page] });
      if (!report.ok) throw new Error(JSON.stringify(report.diagnostics));
      if (i > 0) {
        sessionTitle.push(performance.now() - t0);
        titleRendered.push(report.rendered.length);
      }
    }
  } finally {
    await session.close();
  }

  const c = median(cold);
  console.log(`\n${n} pages (${values.config} config), medians of ${runs}:`);
  console.log(`  cold build, new process               ${fmt(c)}`);
  console.log(
    `  no change, new process                 ${fmt(median(noChange))}  (${
      (100 * median(noChange) / c).toFixed(0)
    }% of cold)`,
  );
  console.log(
    `  body edit, new process                 ${fmt(median(bodyEdit))}  (${
      (100 * median(bodyEdit) / c).toFixed(0)
    }% of cold)`,
  );
  console.log(`  body edit, session → file written      ${fmt(median(sessionBody))}`);
  console.log(
    `  title edit, session (${median(titleRendered)} pages rendered) ${fmt(median(sessionTitle))}`,
  );
  if (values.hugo) console.log(`  hugo server, body edit (its log)       ${await hugoServer(n)}`);
}
