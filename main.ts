/**
 * The floe command line: `floe build [dir]`, `floe new site <dir>`, `floe audit`.
 *
 * ```sh
 * deno run -A jsr:@floe/floe/cli build my-site
 * ```
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { Builder } from "./src/build/builder.ts";
import { createProgress, renderDiagnostics } from "./src/cli/report.ts";
import { newSite } from "./src/cli/new_site.ts";
import { suggest } from "./src/errors/suggest.ts";
import type { UserConfig } from "./src/config/config.ts";
import { BuildError, error, formatDiagnostic } from "./src/errors/diagnostic.ts";

const USAGE = `floe — a static site generator that uses every core

Usage:
  floe build [dir] [options]   build the site in dir (default: .) into dir/_site
  floe new site <dir>          write a starter site into dir
  floe audit [paths…]          check code for thread-safety problems
  floe help                    show this text

Build options:
  -o, --out <dir>        output folder (default: _site in the site folder)
      --drafts           include pages with draft: true
      --future           include pages dated in the future
      --expired          include pages past their expiryDate
      --strict           broken internal links fail the build
  -w, --workers <n>      worker threads per pool (default: one per 2,000 pages,
                         at most one per core)
      --base-url <url>   the URL the site is served from
  -c, --config <file>    config file (default: floe.config.ts in the site folder)
      --trace <file>     write a Chrome trace (open in Perfetto)
  -q, --quiet            print only errors and warnings

Audit options:
      --format <f>       text (default), md or json
`;

const BUILD_OPTIONS = {
  out: { type: "string", short: "o" },
  drafts: { type: "boolean" },
  future: { type: "boolean" },
  expired: { type: "boolean" },
  strict: { type: "boolean" },
  workers: { type: "string", short: "w" },
  "base-url": { type: "string" },
  config: { type: "string", short: "c" },
  trace: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;

const AUDIT_OPTIONS = {
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Runs the CLI with `args` and returns the exit code: 0 success, 1 failure.
 *
 * @example
 * ```ts
 * import { main } from "./main.ts";
 * const code = await main(["build", "site", "--quiet"]);
 * ```
 */
export async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "build":
        return await buildCommand(rest);
      case "new":
        return await newCommand(rest);
      case "audit":
        return await auditCommand(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        console.log(USAGE);
        return 0;
      default:
        return usageError(
          `unknown command "${command}"`,
          suggest(command, ["build", "new", "audit", "help"]) ??
            "run `floe help` for the commands",
        );
    }
  } catch (e) {
    if (e instanceof CliUsageError) return usageError(e.message, e.hint);
    throw e;
  }
}

class CliUsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

function usageError(message: string, hint?: string): number {
  console.error(formatDiagnostic(error("usage", message, { hint })));
  return 1;
}

function parse<
  T extends Record<string, { type: "string" | "boolean"; short?: string }>,
>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const flag = /'(-[^']*)'/.exec((e as Error).message)?.[1];
    const known = Object.keys(options).map((k) => `--${k}`);
    throw new CliUsageError(
      flag ? `unknown option ${flag}` : (e as Error).message,
      (flag && suggest(flag, known)) ?? `options: ${known.join(", ")}`,
    );
  }
}

async function buildCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, BUILD_OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new CliUsageError(
      `build takes one site folder, got ${positionals.length}`,
      "floe build [dir]",
    );
  }
  const overrides: { -readonly [K in keyof UserConfig]: UserConfig[K] } = {};
  // Paths given on the command line are relative to where the command runs.
  if (values.out !== undefined) overrides.outputDir = resolve(values.out);
  if (values.drafts) overrides.drafts = true;
  if (values.future) overrides.future = true;
  if (values.expired) overrides.expired = true;
  if (values.strict) overrides.strictLinks = true;
  if (values["base-url"] !== undefined) overrides.baseURL = values["base-url"];
  if (values.workers !== undefined) {
    const n = Number(values.workers);
    if (!Number.isInteger(n) || n < 1) {
      throw new CliUsageError(
        `--workers must be a whole number ≥ 1, not "${values.workers}"`,
      );
    }
    overrides.workers = n;
  }
  const root = positionals[0] ?? ".";
  const progress = createProgress(!values.quiet && Deno.stderr.isTerminal());
  const builder = new Builder({ keepWorkers: false });
  try {
    const result = await builder.build({
      root,
      configFile: values.config,
      overrides,
      trace: values.trace,
      onProgress: (p) => progress.update(p.phase, p.done, p.total),
    });
    progress.clear();
    if (result.warnings.length) {
      console.error(await renderDiagnostics(result.warnings, root));
    }
    if (!values.quiet) {
      console.log(
        `floe: ${result.pages} pages, ${result.files} files in ${
          (result.durationMs / 1000).toFixed(2)
        } s ` +
          `with ${result.workers} worker${result.workers === 1 ? "" : "s"} → ${result.outDir}` +
          (result.warnings.length ? ` (${result.warnings.length} warnings)` : ""),
      );
    }
    return 0;
  } catch (e) {
    progress.clear();
    if (!(e instanceof BuildError)) throw e;
    console.error(await renderDiagnostics(e.diagnostics, root));
    const errors = e.diagnostics.filter((d) => d.severity === "error").length;
    console.error(
      `\nfloe: build failed with ${errors} error${
        errors === 1 ? "" : "s"
      }; the output folder was not changed`,
    );
    return 1;
  } finally {
    builder.close();
  }
}

async function newCommand(args: readonly string[]): Promise<number> {
  const { positionals } = parse(args, {
    help: { type: "boolean", short: "h" },
  });
  if (positionals[0] !== "site" || positionals.length !== 2) {
    throw new CliUsageError("usage: floe new site <dir>");
  }
  try {
    const files = await newSite(positionals[1]);
    console.log(
      `floe: wrote ${files.length} files to ${positionals[1]}; build it with: floe build ${
        positionals[1]
      }`,
    );
    return 0;
  } catch (e) {
    return usageError((e as Error).message);
  }
}

async function auditCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, AUDIT_OPTIONS);
  const format = values.format ?? "text";
  if (format !== "text" && format !== "md" && format !== "json") {
    throw new CliUsageError(
      `--format must be text, md or json, not "${format}"`,
    );
  }
  const { runAudit } = await import("./src/audit/audit.ts");
  let result;
  try {
    result = await runAudit(positionals.length ? positionals : ["."], { format });
  } catch (e) {
    return usageError((e as Error).message, "give files or folders that exist");
  }
  console.log(result.report.trimEnd());
  return result.errors > 0 ? 1 : 0;
}

if (import.meta.main) {
  Deno.exitCode = await main(Deno.args);
}
