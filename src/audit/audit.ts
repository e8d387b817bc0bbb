/**
 * The engine of `floe audit`: runs the floe lint rules over files and
 * directories and renders an audit report (text, Markdown or JSON) in the
 * spirit of a thread-safety audit: totals by rule and severity, then one table
 * per module with the line, binding, pattern and suggested fix.
 *
 * `Deno.lint.runPlugin` only works under `deno test`, so the audit spawns
 * `deno lint --json` (the running Deno executable) with a temporary config that
 * enables only the floe plugin.
 *
 * @module
 */

import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseMessage, type Severity, severityOf } from "../../lint-rules/messages.ts";

export type { Severity };

/** One finding of `floe audit`. */
export interface AuditFinding {
  /** Path of the module, relative to the audit's working directory (`/` separated). */
  file: string;
  /** 1-based line of the reported node. */
  line: number;
  /** 1-based column of the reported node. */
  column: number;
  /** 1-based line where the reported node ends. */
  endLine: number;
  /** Full rule id, e.g. `floe/no-unsafe-memo`. */
  rule: string;
  /** `error` for races (an `await` between check and set), else `warning`. */
  severity: Severity;
  /** The binding the finding is about (`cache`, `Foo.count`, `globalThis.x`). */
  binding: string;
  /** Short description of the pattern found. */
  pattern: string;
  /** The full diagnostic message. */
  message: string;
  /** The suggested fix. */
  hint: string;
}

/** A file the linter could not parse. */
export interface AuditUnparsed {
  /** Path relative to the working directory. */
  file: string;
  /** The parser's message. */
  message: string;
}

/** Options of {@link runAudit}. */
export interface AuditOptions {
  /** Report format. */
  format: "text" | "md" | "json";
  /** Directory that relative paths (and the report's paths) are relative to; default `Deno.cwd()`. */
  cwd?: string;
}

/** The result of {@link runAudit}. */
export interface AuditResult {
  /** The rendered report. */
  report: string;
  /** Number of error-severity findings (the CLI exits 1 when this is > 0). */
  errors: number;
  /** Number of warning-severity findings. */
  warnings: number;
  /** All findings, sorted by file and line. */
  findings: AuditFinding[];
  /** Files that could not be parsed (reported, not counted as findings). */
  unparsed: AuditUnparsed[];
  /** Number of files audited. */
  files: number;
}

const EXTENSIONS: ReadonlySet<string> = new Set([
  ".ts",
  ".tsx",
  ".mts",
  ".js",
  ".jsx",
  ".mjs",
]);
const CHUNK = 400;

/**
 * Audits the given files and directories with the floe lint rules.
 *
 * Directories are walked recursively for `.ts`, `.tsx`, `.mts`, `.js`, `.jsx`
 * and `.mjs` files, skipping `node_modules` and hidden directories unless the
 * given path itself points inside them. An empty `paths` audits the working
 * directory. Files that do not parse are listed in the report, not fatal.
 *
 * @example
 * ```ts
 * import { runAudit } from "./audit.ts";
 * const { report, errors } = await runAudit(["src"], { format: "md" });
 * console.log(report);
 * if (errors > 0) Deno.exitCode = 1;
 * ```
 */
export async function runAudit(
  paths: string[],
  options: AuditOptions,
): Promise<AuditResult> {
  const cwd = resolve(options.cwd ?? Deno.cwd());
  const roots = (paths.length > 0 ? paths : ["."]).map((path) => resolve(cwd, path));
  const files = new Set<string>();
  for (const root of roots) await collect(root, files, true);
  const sorted = [...files].sort();

  const findings: AuditFinding[] = [];
  const unparsed: AuditUnparsed[] = [];
  if (sorted.length > 0) {
    const configDir = await Deno.makeTempDir({ prefix: "floe-audit-" });
    try {
      const config = join(configDir, "deno.json");
      await Deno.writeTextFile(
        config,
        JSON.stringify({
          lint: { plugins: [pluginSpecifier()], rules: { tags: [] } },
        }),
      );
      for (let i = 0; i < sorted.length; i += CHUNK) {
        const output = await lint(config, sorted.slice(i, i + CHUNK), cwd);
        const texts = new Map<string, string>();
        for (const diagnostic of output.diagnostics) {
          const path = diagnostic.filename.startsWith("file:")
            ? fileURLToPath(diagnostic.filename)
            : diagnostic.filename;
          if (!diagnostic.code.startsWith("floe/")) continue;
          const parsed = parseMessage(diagnostic.message);
          const text = texts.get(path) ??
            await Deno.readTextFile(path).catch(() => "");
          texts.set(path, text);
          findings.push({
            file: display(cwd, path),
            line: diagnostic.range.start.line,
            column: diagnostic.range.start.col + 1,
            endLine: diagnostic.range.end.line,
            rule: diagnostic.code,
            severity: severityOf(diagnostic.code, diagnostic.message),
            binding: parsed.binding ||
              snippet(text, diagnostic.range.start.bytePos),
            pattern: parsed.pattern,
            message: diagnostic.message,
            hint: diagnostic.hint ?? "",
          });
        }
        for (const error of output.errors) {
          unparsed.push({
            file: display(cwd, error.file_path),
            message: firstLine(error.message),
          });
        }
      }
    } finally {
      await Deno.remove(configDir, { recursive: true }).catch(() => {});
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  unparsed.sort((a, b) => a.file.localeCompare(b.file));
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const summary: Summary = {
    files: sorted.length,
    findings,
    unparsed,
    errors,
    warnings,
  };
  const report = options.format === "json"
    ? renderJson(summary)
    : options.format === "md"
    ? renderMarkdown(summary)
    : renderText(summary);
  return { report, errors, warnings, findings, unparsed, files: sorted.length };
}

/**
 * The specifier of the floe lint plugin that `deno lint` should load: the
 * local file when floe runs from disk, `jsr:@floe/floe@<version>/lint` when it
 * runs from JSR.
 *
 * @example
 * ```ts
 * import { pluginSpecifier } from "./audit.ts";
 * console.log(pluginSpecifier()); // file:///…/lint-rules/mod.ts
 * ```
 */
export function pluginSpecifier(): string {
  const url = new URL("../../lint-rules/mod.ts", import.meta.url);
  const jsr = /^https:\/\/jsr\.io\/(@[^/]+\/[^/]+)\/([^/]+)\//.exec(url.href);
  if (jsr) return `jsr:${jsr[1]}@${jsr[2]}/lint`;
  return url.href;
}

// -- file collection ----------------------------------------------------------

async function collect(
  path: string,
  files: Set<string>,
  explicit: boolean,
): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (explicit) {
      throw new Error(
        `floe audit: cannot read ${path}: ${(error as Error).message}`,
      );
    }
    return;
  }
  if (info.isFile) {
    if (isSource(path)) files.add(path);
    return;
  }
  if (!info.isDirectory) return;
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(path)) entries.push(entry);
  for (const entry of entries) {
    if (entry.isSymlink) continue;
    if (
      entry.isDirectory &&
      (entry.name === "node_modules" || entry.name.startsWith("."))
    ) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory) await collect(child, files, false);
    else if (entry.isFile && isSource(entry.name)) {
      files.add(child);
    }
  }
}

/** A source file to audit: a known extension, and not a `.d.ts` declaration file. */
function isSource(path: string): boolean {
  return EXTENSIONS.has(extname(path)) && !/\.d\.[cm]?ts$/.test(path);
}

// -- running deno lint --------------------------------------------------------

interface LintOutput {
  diagnostics: {
    filename: string;
    range: {
      start: { line: number; col: number; bytePos: number };
      end: { line: number; col: number; bytePos: number };
    };
    message: string;
    code: string;
    hint?: string;
  }[];
  errors: { file_path: string; message: string }[];
}

async function lint(
  config: string,
  files: string[],
  cwd: string,
): Promise<LintOutput> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["lint", "--json", "--config", config, ...files],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  });
  const { stdout, stderr } = await command.output();
  const text = new TextDecoder().decode(stdout);
  const start = text.indexOf("{");
  try {
    const parsed = JSON.parse(text.slice(start)) as Partial<LintOutput>;
    return {
      diagnostics: parsed.diagnostics ?? [],
      errors: parsed.errors ?? [],
    };
  } catch {
    throw new Error(
      "floe audit: `deno lint` did not produce a JSON report:\n" +
        new TextDecoder().decode(stderr).trim(),
    );
  }
}

// -- rendering ----------------------------------------------------------------

interface Summary {
  files: number;
  findings: AuditFinding[];
  unparsed: AuditUnparsed[];
  errors: number;
  warnings: number;
}

const RULES = [
  "floe/no-module-mutable-state",
  "floe/no-unguarded-singleton",
  "floe/no-unsafe-memo",
];

function byRule(
  findings: AuditFinding[],
): { rule: string; errors: number; warnings: number }[] {
  const rules = [...new Set([...RULES, ...findings.map((f) => f.rule)])];
  return rules.map((rule) => {
    const mine = findings.filter((f) => f.rule === rule);
    const errors = mine.filter((f) => f.severity === "error").length;
    return { rule, errors, warnings: mine.length - errors };
  });
}

function byFile(findings: AuditFinding[]): Map<string, AuditFinding[]> {
  const out = new Map<string, AuditFinding[]>();
  for (const finding of findings) {
    const list = out.get(finding.file) ?? [];
    list.push(finding);
    out.set(finding.file, list);
  }
  return out;
}

function headline(summary: Summary): string {
  const total = summary.findings.length;
  const parts = [
    `${summary.files} file${summary.files === 1 ? "" : "s"} audited`,
    `${total} finding${total === 1 ? "" : "s"} (${summary.errors} error${
      summary.errors === 1 ? "" : "s"
    }, ` +
    `${summary.warnings} warning${summary.warnings === 1 ? "" : "s"})`,
  ];
  if (summary.unparsed.length > 0) {
    parts.push(
      `${summary.unparsed.length} file${summary.unparsed.length === 1 ? "" : "s"} not parsed`,
    );
  }
  return parts.join(", ");
}

function renderText(summary: Summary): string {
  const lines: string[] = [`floe audit: ${headline(summary)}`, ""];
  lines.push("By rule:");
  const rows = byRule(summary.findings);
  const width = Math.max(...rows.map((row) => row.rule.length));
  for (const row of rows) {
    lines.push(
      `  ${row.rule.padEnd(width)}  ${String(row.errors + row.warnings).padStart(3)}  ` +
        `(${row.errors} error${row.errors === 1 ? "" : "s"}, ${row.warnings} warning${
          row.warnings === 1 ? "" : "s"
        })`,
    );
  }
  for (const [file, list] of byFile(summary.findings)) {
    lines.push("", `${file} (${list.length})`);
    for (const f of list) {
      lines.push(
        `  ${String(f.line).padStart(5)}  ${
          f.severity.padEnd(7)
        }  ${f.rule}  \`${f.binding}\` ${f.pattern}`,
      );
      lines.push(`         fix: ${f.hint}`);
    }
  }
  if (summary.unparsed.length > 0) {
    lines.push("", "Not parsed:");
    for (const u of summary.unparsed) lines.push(`  ${u.file}: ${u.message}`);
  }
  if (summary.findings.length === 0 && summary.unparsed.length === 0) {
    lines.push("", "No findings.");
  }
  return lines.join("\n") + "\n";
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(
    /\r?\n/g,
    " ",
  );
}

function renderMarkdown(summary: Summary): string {
  const lines: string[] = ["# floe audit", "", `${headline(summary)}.`, ""];
  lines.push(
    "| Rule | Errors | Warnings | Total |",
    "| --- | ---: | ---: | ---: |",
  );
  let errors = 0, warnings = 0;
  for (const row of byRule(summary.findings)) {
    errors += row.errors;
    warnings += row.warnings;
    lines.push(
      `| \`${row.rule}\` | ${row.errors} | ${row.warnings} | ${row.errors + row.warnings} |`,
    );
  }
  lines.push(
    `| **Total** | **${errors}** | **${warnings}** | **${errors + warnings}** |`,
  );
  for (const [file, list] of byFile(summary.findings)) {
    lines.push("", `## \`${file}\``, "");
    lines.push(
      "| Line | Severity | Rule | Binding | Pattern | Suggested fix |",
    );
    lines.push("| ---: | --- | --- | --- | --- | --- |");
    for (const f of list) {
      lines.push(
        `| ${f.line} | ${f.severity} | \`${f.rule}\` | \`${cell(f.binding)}\` | ${
          cell(f.pattern)
        } | ${cell(f.hint)} |`,
      );
    }
  }
  if (summary.unparsed.length > 0) {
    lines.push("", "## Not parsed", "", "| File | Error |", "| --- | --- |");
    for (const u of summary.unparsed) {
      lines.push(`| \`${cell(u.file)}\` | ${cell(u.message)} |`);
    }
  }
  return lines.join("\n") + "\n";
}

function renderJson(summary: Summary): string {
  const modules = [...byFile(summary.findings)].map(([file, findings]) => ({
    file,
    findings,
  }));
  return JSON.stringify(
    {
      version: 1,
      files: summary.files,
      totals: {
        findings: summary.findings.length,
        errors: summary.errors,
        warnings: summary.warnings,
        unparsed: summary.unparsed.length,
      },
      byRule: byRule(summary.findings),
      modules,
      unparsed: summary.unparsed,
    },
    null,
    2,
  ) + "\n";
}

// -- misc ---------------------------------------------------------------------

function display(cwd: string, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const rel = relative(cwd, absolute);
  const shown = rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join("/");
}

function firstLine(message: string): string {
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  const at = lines.find((line) => line.startsWith("at "));
  return lines[0] +
    (at && at !== lines[0] ? ` (${at.slice(3).replace(/^file:\/\//, "")})` : "");
}

function snippet(text: string, bytePos: number): string {
  const bytes = new TextEncoder().encode(text);
  const tail = new TextDecoder().decode(bytes.slice(bytePos, bytePos + 40));
  return /^[\w$.#]+/.exec(tail)?.[0] ?? "";
}
