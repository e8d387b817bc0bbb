/**
 * The floe command line: `floe build [dir]`, `floe serve [dir]`, `floe new site <dir>`,
 * `floe audit`.
 *
 * ```sh
 * deno run -A jsr:@floe/floe/cli build my-site
 * ```
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SiteSession } from "./src/build/session.ts";
import { createProgress, renderDiagnostics, writeLinkReport } from "./src/cli/report.ts";
import { newSite } from "./src/cli/new_site.ts";
import { suggest } from "./src/errors/suggest.ts";
import { FLOE_VERSION } from "./src/base/version.ts";
import type { UserConfig } from "./src/config/config.ts";
import { error, formatDiagnostic } from "./src/errors/diagnostic.ts";

const USAGE = `floe — a static site generator that uses every core

Usage:
  floe build [dir] [options]   build the site in dir (default: .) into dir/_site
  floe serve [dir] [options]   build, serve on localhost, rebuild and reload on every save
  floe new site <dir>          write a starter site into dir
  floe audit [paths…]          check code for thread-safety problems
  floe help                    show this text
  floe --version               print floe's version

Build options:
  -o, --out <dir>        output folder (default: _site in the site folder)
      --drafts           include pages with draft: true
      --future           include pages dated in the future
      --expired          include pages past their expiryDate
      --strict           broken links, missing layouts and aliases two pages
                         claim fail the build
  -v, --verbose          list every broken link (default: a few per cause)
      --link-report <file>
                         write every broken link to file, as JSON
  -w, --workers <n>      worker threads per pool (default: one per 2,000 pages,
                         at most one per core; never more than the pages or
                         twice the cores)
      --base-url <url>   the URL the site is served from
  -c, --config <file>    config file (default: floe.config.ts in the site folder)
      --clean            ignore what earlier builds left in .floe-cache/ and
                         render everything
      --replace-output   let the build replace a non-empty output folder that
                         floe did not make (it is refused otherwise)
      --explain          print why each output was made again
      --trace <file>     write a Chrome trace (open in Perfetto)
  -q, --quiet            print only errors and warnings
      --debug            show the stack of an unexpected failure

Serve options (and the build options above, but --trace and --explain;
--link-report is written again after every build):
      --host <name>      interface to listen on (default: 127.0.0.1)
  -p, --port <n>         port (default: 3000; the next free one if taken)

Audit options:
      --format <f>       text (default), md or json
`;

const BUILD_OPTIONS = {
  out: { type: "string", short: "o" },
  drafts: { type: "boolean" },
  future: { type: "boolean" },
  expired: { type: "boolean" },
  strict: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  "link-report": { type: "string" },
  workers: { type: "string", short: "w" },
  "base-url": { type: "string" },
  config: { type: "string", short: "c" },
  trace: { type: "string" },
  clean: { type: "boolean" },
  "replace-output": { type: "boolean" },
  explain: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const SERVE_OPTIONS = {
  out: BUILD_OPTIONS.out,
  drafts: BUILD_OPTIONS.drafts,
  future: BUILD_OPTIONS.future,
  expired: BUILD_OPTIONS.expired,
  strict: BUILD_OPTIONS.strict,
  verbose: BUILD_OPTIONS.verbose,
  "link-report": BUILD_OPTIONS["link-report"],
  workers: BUILD_OPTIONS.workers,
  "base-url": BUILD_OPTIONS["base-url"],
  config: BUILD_OPTIONS.config,
  clean: BUILD_OPTIONS.clean,
  "replace-output": BUILD_OPTIONS["replace-output"],
  quiet: BUILD_OPTIONS.quiet,
  debug: BUILD_OPTIONS.debug,
  help: BUILD_OPTIONS.help,
  host: { type: "string" },
  port: { type: "string", short: "p" },
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
      case "serve":
        return await serveCommand(rest);
      case "new":
        return await newCommand(rest);
      case "audit":
        return await auditCommand(rest);
      case "--version":
      case "-V":
      case "version":
        console.log(`floe ${FLOE_VERSION}`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        console.log(USAGE);
        return 0;
      default:
        return usageError(
          `unknown command "${command}"`,
          suggest(command, ["build", "serve", "new", "audit", "help"]) ??
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
    throw usageOf(e as Error & { code?: string }, options);
  }
}

/** parseArgs' complaint in floe's words: an unknown option, or a known one used wrongly. */
function usageOf(
  e: Error & { code?: string },
  options: Record<string, { type: "string" | "boolean"; short?: string }>,
): CliUsageError {
  const known = Object.keys(options).map((k) => `--${k}`);
  // "Option '-w, --workers <value>' argument missing" names the option as it is declared.
  const named = /--([a-z-]+)/.exec(e.message)?.[1] ?? /'-([a-z])'/i.exec(e.message)?.[1];
  const name = named &&
    (named in options ? named : Object.entries(options).find(([, o]) => o.short === named)?.[0]);
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && name) {
    if (options[name].type === "boolean") {
      return new CliUsageError(`--${name} takes no value`, `write --${name} alone`);
    }
    return new CliUsageError(
      `--${name} needs a value`,
      /ambiguous/.test(e.message)
        ? `a value starting with "-" is written --${name}=<value>`
        : `write --${name} <value>`,
    );
  }
  const flag = /'(-[^']*)'/.exec(e.message)?.[1];
  return new CliUsageError(
    flag ? `unknown option ${flag}` : e.message,
    (flag && suggest(flag, known)) ?? `options: ${known.join(", ")}`,
  );
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
  if (values.debug) Deno.env.set("FLOE_DEBUG", "1");
  const overrides = siteOverrides(values);
  const root = positionals[0] ?? ".";
  const progress = createProgress(!values.quiet && Deno.stderr.isTerminal());
  const session = new SiteSession({
    root,
    configFile: values.config,
    overrides,
    clean: values.clean,
    replaceOutput: values["replace-output"],
    oneShot: true,
    trace: values.trace,
    onProgress: (p) => progress.update(p.phase, p.done, p.total),
  });
  // Ctrl-C or a TERM cancels the build: the workers stop, the staging folder is
  // removed, the output folder is left as it was; a second one exits at once.
  const interrupt = new AbortController();
  let signalled: "SIGINT" | "SIGTERM" | undefined;
  const onSignal = (signal: "SIGINT" | "SIGTERM") => () => {
    if (signalled) Deno.exit(signal === "SIGINT" ? 130 : 143);
    signalled = signal;
    interrupt.abort();
  };
  const listeners = { SIGINT: onSignal("SIGINT"), SIGTERM: onSignal("SIGTERM") } as const;
  for (const [signal, listener] of Object.entries(listeners)) {
    Deno.addSignalListener(signal as Deno.Signal, listener);
  }
  try {
    const report = await session.build({ signal: interrupt.signal });
    progress.clear();
    if (report.cancelled && signalled) {
      console.error("floe: build interrupted; the output folder was not changed");
      return signalled === "SIGINT" ? 130 : 143;
    }
    if (report.diagnostics.length) {
      console.error(
        await renderDiagnostics(report.diagnostics, root, { verbose: values.verbose ?? false }),
      );
    }
    const linkReport = values["link-report"];
    if (linkReport !== undefined && !writeLinkReport(linkReport, report)) return 1;
    if (!report.ok) {
      const errors = report.diagnostics.filter((d) => d.severity === "error").length;
      console.error(
        `\nfloe: build failed with ${errors} error${
          errors === 1 ? "" : "s"
        }; the output folder was not changed`,
      );
      return 1;
    }
    if (values.explain) {
      if (report.full) console.log(`floe: full build: ${report.full}`);
      else for (const { output, cause } of report.explain) console.log(`  ${output}  ← ${cause}`);
    }
    if (!values.quiet) console.log(summary(report));
    return 0;
  } finally {
    await session.close();
    for (const [signal, listener] of Object.entries(listeners)) {
      Deno.removeSignalListener(signal as Deno.Signal, listener);
    }
  }
}

/** The settings CLI flags give, over the config file's. */
function siteOverrides(values: {
  out?: string;
  drafts?: boolean;
  future?: boolean;
  expired?: boolean;
  strict?: boolean;
  workers?: string;
  "base-url"?: string;
}): UserConfig {
  const overrides: { -readonly [K in keyof UserConfig]: UserConfig[K] } = {};
  // Paths given on the command line are relative to where the command runs.
  if (values.out !== undefined) overrides.outputDir = resolve(values.out);
  if (values.drafts) overrides.drafts = true;
  if (values.future) overrides.future = true;
  if (values.expired) overrides.expired = true;
  if (values.strict) overrides.strict = true;
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
  return overrides;
}

async function serveCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, SERVE_OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new CliUsageError(
      `serve takes one site folder, got ${positionals.length}`,
      "floe serve [dir]",
    );
  }
  let port = 3000;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CliUsageError(`--port must be a port number (0–65535), not "${values.port}"`);
    }
  }
  if (values.debug) Deno.env.set("FLOE_DEBUG", "1");
  // The dev server's log prints the builds' diagnostics through renderDiagnostics,
  // which reads this when not told.
  const root = positionals[0] ?? ".";
  const overrides = siteOverrides(values);
  const linkReport = values["link-report"] === undefined
    ? undefined
    : resolve(values["link-report"]);
  const { startDevServer } = await import("./src/serve/dev_server.ts");
  const { serveLog } = await import("./src/cli/serve_log.ts");
  const log = serveLog(root, { quiet: values.quiet ?? false, verbose: values.verbose ?? false });
  let server;
  try {
    server = await startDevServer({
      root,
      configFile: values.config,
      overrides,
      host: values.host,
      port,
      clean: values.clean,
      replaceOutput: values["replace-output"],
      onBuild: linkReport === undefined ? log.build : (build) => {
        log.build(build);
        writeLinkReport(linkReport, build.report);
      },
    });
  } catch (e) {
    return usageError(
      `could not start the server: ${(e as Error).message}`,
      "pick another --port or --host",
    );
  }
  log.listening(server.url);
  // Ctrl-C (or a TERM) stops the build under way, the workers and the server.
  const stopped = Promise.withResolvers<void>();
  const stop = () => stopped.resolve();
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  await stopped.promise;
  Deno.removeSignalListener("SIGINT", stop);
  Deno.removeSignalListener("SIGTERM", stop);
  // A second Ctrl-C does not wait for the workers.
  const force = () => Deno.exit(130);
  Deno.addSignalListener("SIGINT", force);
  await server.close();
  Deno.removeSignalListener("SIGINT", force);
  log.stopped();
  return 0;
}

/** The one line a build ends with. */
function summary(report: import("./src/build/session.ts").BuildReport): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const warnings = report.diagnostics.filter((d) => d.severity === "warning").length;
  return `floe: ${plural(report.pages, "page")}, ${plural(report.files, "file")} in ${
    (report.durationMs / 1000).toFixed(2)
  } s with ${plural(report.workers, "worker")} → ${report.outDir}\n` +
    `      rendered ${report.rendered.length}, written ${report.written.length}, reused ${report.reused}, removed ${report.removed.length}` +
    (report.full ? ` (full build: ${report.full})` : "") +
    (warnings ? ` · ${plural(warnings, "warning")}` : "");
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
      `floe: wrote ${files.length} files to ${positionals[1]}; in that folder, ` +
        "`deno task serve` previews it and `deno task build` builds it",
    );
    return 0;
  } catch (e) {
    return usageError((e as Error).message);
  }
}

async function auditCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, AUDIT_OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
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
  // Exit now: a worker stopped mid-loop (a render that never ended) must not keep
  // the process alive once everything floe waits for is done.
  Deno.exit(await main(Deno.args));
}
