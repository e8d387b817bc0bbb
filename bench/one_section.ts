/**
 * `deno task bench:one-section`: one section of N pages (a blog with N posts),
 * built cold with default settings in a new process, for 10,000 and 100,000
 * pages: wall time, per-page time and peak RSS. The generated corpus is flattened
 * into `content/posts/`.
 *
 *   deno task bench:one-section [--sizes 10000,100000] [--out /dev/shm/floe-one]
 *
 * @module
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { V8_FLAGS } from "../src/cli/v8_flags.ts";

const HERE = new URL(".", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "10000,100000" },
    out: {
      type: "string",
      default: existsSync("/dev/shm") ? "/dev/shm/floe-one" : "/tmp/floe-one",
    },
  },
});

/** A corpus of `n` pages, all in `content/posts/`. */
async function corpus(n: number): Promise<string> {
  const dir = `/tmp/floe-bench/one-section-${n}`;
  if (existsSync(join(dir, "content/posts/.links-rewritten"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(HERE, "gen_corpus.mjs"), dir, String(n)],
    stdout: "null",
  }).output();
  if (!out.success) throw new Error("corpus generation failed");
  const content = join(dir, "content");
  const posts = join(content, "posts");
  mkdirSync(posts);
  const move = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (path === posts) continue;
      if (statSync(path).isDirectory()) {
        move(path);
        rmSync(path, { recursive: true });
      } else if (name.startsWith("page-")) {
        // Links to other pages follow them into posts/, so the link check has nothing to say.
        const text = readFileSync(path, "utf8").replace(
          /\]\(\/[^)]*\/(page-\d+)\/\)/g,
          "](/posts/$1/)",
        );
        writeFileSync(join(posts, name), text);
        rmSync(path);
      }
    }
  };
  move(content);
  writeFileSync(join(posts, ".links-rewritten"), "");
  return dir;
}

for (const n of values.sizes.split(",").map(Number)) {
  const site = await corpus(n);
  const outDir = join(values.out, `out-${n}`);
  rmSync(outDir, { recursive: true, force: true });
  rmSync(join(site, ".floe-cache"), { recursive: true, force: true });
  const start = performance.now();
  const run = await new Deno.Command("/usr/bin/time", {
    args: [
      "-f",
      "%M",
      Deno.execPath(),
      "run",
      "-A",
      `--v8-flags=${V8_FLAGS}`,
      join(HERE, "../main.ts"),
      "build",
      site,
      "--out",
      outDir,
      "--quiet",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - start;
  const stderr = new TextDecoder().decode(run.stderr).trim().split("\n");
  if (!run.success) {
    console.log(`${n} pages in one section: FAILED\n${stderr.slice(-20).join("\n")}`);
    continue;
  }
  const peakMiB = Number(stderr[stderr.length - 1]) / 1024;
  console.log(
    `${n} pages in one section: ${(ms / 1000).toFixed(1)} s, ${
      (ms / n * 1000).toFixed(0)
    } µs/page, peak RSS ${peakMiB.toFixed(0)} MiB`,
  );
}
