/**
 * Measures what the floe lint plugin costs: `deno lint` over 1,000 generated
 * TypeScript modules with the recommended rules only, plus an empty plugin
 * (the cost of Deno's plugin machinery alone), and plus the floe plugin. Each
 * variant runs `--runs` times (default 5) with a fresh `DENO_DIR`, so the
 * incremental lint cache never answers; the median is reported. The budget is
 * the floe plugin within 2x of the empty plugin.
 *
 * ```sh
 * deno run -A bench/lint_bench.ts [--files 1000] [--runs 5]
 * ```
 *
 * @module
 */

import { join } from "node:path";
import { parseArgs } from "node:util";

/** Options of {@link runLintBench}. */
export interface LintBenchOptions {
  /** Number of modules to generate. */
  files: number;
  /** Timed runs per variant (the median is reported). */
  runs: number;
}

/** Result of {@link runLintBench}, in milliseconds. */
export interface LintBenchResult {
  /** Median time of `deno lint` without the plugin. */
  withoutPlugin: number;
  /** Median time of `deno lint` with the floe plugin. */
  withPlugin: number;
  /** `withPlugin / withoutPlugin`. */
  ratio: number;
  /** Median time with an empty plugin: the cost of Deno's plugin machinery alone. */
  withEmptyPlugin: number;
  /** `withPlugin / withEmptyPlugin`: the budget is 2. */
  ratioToEmpty: number;
  /** Diagnostics reported by the floe rules (sanity check that it ran). */
  floeDiagnostics: number;
}

/**
 * Generates one module: mostly ordinary code, with some module state every
 * tenth file so the rules have something to report.
 *
 * @example
 * ```ts
 * import { moduleSource } from "./lint_bench.ts";
 * console.log(moduleSource(7).split("\n").length);
 * ```
 */
export function moduleSource(i: number): string {
  const lines = [
    `import { join } from "node:path";`,
    ``,
    `export interface Item${i} { id: string; title: string; tags: string[] }`,
    `const LIMIT_${i} = ${i % 50 + 10};`,
    `const SLUG_RE = /[^a-z0-9]+/g;`,
    ``,
    `export function slug${i}(text: string): string {`,
    `  return text.toLowerCase().replace(SLUG_RE, "-").slice(0, LIMIT_${i});`,
    `}`,
    ``,
    `export function group${i}(items: Item${i}[]): Map<string, Item${i}[]> {`,
    `  const out = new Map<string, Item${i}[]>();`,
    `  for (const item of items) {`,
    `    for (const tag of item.tags) {`,
    `      const list = out.get(tag) ?? [];`,
    `      list.push(item);`,
    `      out.set(tag, list);`,
    `    }`,
    `  }`,
    `  return out;`,
    `}`,
    ``,
    `export class Renderer${i} {`,
    `  #count = 0;`,
    `  constructor(private readonly root: string) {}`,
    `  render(item: Item${i}): string {`,
    `    this.#count++;`,
    `    const path = join(this.root, slug${i}(item.title));`,
    '    return `<a href="${path}">${item.title}</a>`;',
    `  }`,
    `  get count(): number { return this.#count; }`,
    `}`,
    ``,
    `export async function load${i}(ids: string[]): Promise<Item${i}[]> {`,
    `  const items = await Promise.all(ids.map(async (id) => ({ id, title: id, tags: [] })));`,
    `  return items.filter((item) => item.id.length > 0);`,
    `}`,
  ];
  if (i % 10 === 0) {
    lines.push(
      ``,
      `let rendered${i} = 0;`,
      `const cache${i} = new Map<string, string>();`,
      `export function cached${i}(k: string): string {`,
      `  rendered${i}++;`,
      `  let v = cache${i}.get(k);`,
      `  if (v === undefined) { v = slug${i}(k); cache${i}.set(k, v); }`,
      `  return v;`,
      `}`,
    );
  }
  return lines.join("\n") + "\n";
}

async function timeLint(config: string, dir: string): Promise<{ ms: number; floe: number }> {
  const denoDir = await Deno.makeTempDir({ prefix: "floe-lint-bench-cache-" });
  try {
    const start = performance.now();
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["lint", "--json", "--config", config, dir],
      env: { DENO_DIR: denoDir, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const ms = performance.now() - start;
    const text = new TextDecoder().decode(out.stdout);
    const report = JSON.parse(text.slice(text.indexOf("{"))) as {
      diagnostics: { code: string }[];
      errors: unknown[];
    };
    if (report.errors.length > 0) {
      throw new Error(`lint errors: ${JSON.stringify(report.errors[0])}`);
    }
    return { ms, floe: report.diagnostics.filter((d) => d.code.startsWith("floe/")).length };
  } finally {
    await Deno.remove(denoDir, { recursive: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Generates the modules in a temporary directory, times both variants and
 * removes the directory.
 *
 * @example
 * ```ts
 * import { runLintBench } from "./lint_bench.ts";
 * const { ratio } = await runLintBench({ files: 100, runs: 1 });
 * ```
 */
export async function runLintBench(options: LintBenchOptions): Promise<LintBenchResult> {
  const dir = await Deno.makeTempDir({ prefix: "floe-lint-bench-" });
  try {
    const src = join(dir, "src");
    await Deno.mkdir(src);
    for (let i = 0; i < options.files; i++) {
      await Deno.writeTextFile(
        join(src, `module_${String(i).padStart(4, "0")}.ts`),
        moduleSource(i),
      );
    }
    const plugin = new URL("../lint-rules/mod.ts", import.meta.url).href;
    const emptyPlugin = join(dir, "empty_plugin.ts");
    await Deno.writeTextFile(
      emptyPlugin,
      `const plugin: Deno.lint.Plugin = { name: "empty", rules: { r: { create: () => ({ Program() {} }) } } };\nexport default plugin;\n`,
    );
    const empty = join(dir, "empty.json");
    await Deno.writeTextFile(
      empty,
      JSON.stringify({
        lint: { plugins: ["./empty_plugin.ts"], rules: { tags: ["recommended"] } },
      }),
    );
    const plain = join(dir, "plain.json");
    const withPlugin = join(dir, "with_plugin.json");
    await Deno.writeTextFile(plain, JSON.stringify({ lint: { rules: { tags: ["recommended"] } } }));
    await Deno.writeTextFile(
      withPlugin,
      JSON.stringify({ lint: { plugins: [plugin], rules: { tags: ["recommended"] } } }),
    );
    // Warm up the OS file cache and Deno's startup once per variant.
    await timeLint(plain, src);
    await timeLint(withPlugin, src);
    const without: number[] = [];
    const withTimes: number[] = [];
    const emptyTimes: number[] = [];
    let floeDiagnostics = 0;
    for (let run = 0; run < options.runs; run++) {
      without.push((await timeLint(plain, src)).ms);
      const result = await timeLint(withPlugin, src);
      withTimes.push(result.ms);
      emptyTimes.push((await timeLint(empty, src)).ms);
      floeDiagnostics = result.floe;
    }
    const a = median(without);
    const b = median(withTimes);
    const emptyMs = median(emptyTimes);
    return {
      withoutPlugin: a,
      withPlugin: b,
      ratio: b / a,
      withEmptyPlugin: emptyMs,
      ratioToEmpty: b / emptyMs,
      floeDiagnostics,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { files: { type: "string", default: "1000" }, runs: { type: "string", default: "5" } },
  });
  const files = Number(values.files);
  const runs = Number(values.runs);
  const result = await runLintBench({ files, runs });
  console.log(
    `deno lint on ${files} generated modules (median of ${runs} runs, fresh DENO_DIR each)`,
  );
  console.log(`  without floe plugin: ${result.withoutPlugin.toFixed(0)} ms`);
  console.log(`  with floe plugin:    ${result.withPlugin.toFixed(0)} ms`);
  console.log(`  ratio:               ${result.ratio.toFixed(2)}x`);
  console.log(
    `  an empty plugin:     ${
      result.withEmptyPlugin.toFixed(0)
    } ms (Deno's plugin machinery alone)`,
  );
  console.log(`  ratio to empty:      ${result.ratioToEmpty.toFixed(2)}x (budget: 2x)`);
  // Every tenth module has a `let` counter (1 finding) and an unbounded memo
  // cache, reported by no-module-mutable-state and no-unsafe-memo (2 findings).
  console.log(
    `  floe diagnostics:    ${result.floeDiagnostics} (expected ${Math.ceil(files / 10) * 3})`,
  );
}
