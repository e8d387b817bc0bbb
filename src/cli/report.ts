/**
 * Printing diagnostics and progress for the terminal.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { compareStrings } from "../base/arrays.ts";
import {
  type Diagnostic,
  error,
  formatDiagnostic,
  type Severity,
  visibleText,
} from "../errors/diagnostic.ts";
import { describeIoError, ioErrorHint } from "../errors/io_error.ts";
import {
  asBrokenLink,
  type BrokenLinkDiagnostic,
  type LinkCause,
} from "../post/link_diagnostic.ts";
import {
  CAUSE_TEXT,
  count,
  groupBrokenLinks,
  groupHint,
  type LinkReport,
  linkSummary,
} from "../post/link_report.ts";

/** How {@link renderDiagnostics} prints broken links. */
export interface RenderOptions {
  /** Every broken link, one located line each, instead of a few examples per cause. */
  readonly verbose?: boolean;
}

/**
 * Formats diagnostics with a source excerpt where the file can be read (a path
 * relative to the site folder, or outside it, like a config file given with
 * `--config`). {@link formatDiagnostic} makes the lines and messages safe for a
 * terminal: control characters visible, long lines cut around the column.
 *
 * Broken links come last, as a report grouped by cause (see {@link renderLinkReport}):
 * a site with thousands of them gets a screenful, not thousands of code frames.
 *
 * @example
 * ```ts
 * import { renderDiagnostics } from "./report.ts";
 * console.error(await renderDiagnostics([], "."));
 * ```
 */
export async function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  root: string,
  options: RenderOptions = {},
): Promise<string> {
  const sources = new Map<string, string | undefined>();
  const out: string[] = [];
  for (const d of diagnostics) {
    if (asBrokenLink(d)) continue;
    let source: string | undefined;
    if (d.file && d.line && !d.file.startsWith("(")) {
      if (!sources.has(d.file)) {
        sources.set(
          d.file,
          await readFile(resolve(root, d.file), "utf8").catch(() => undefined),
        );
      }
      source = sources.get(d.file);
    }
    out.push(formatDiagnostic(d, source));
  }
  const links = groupBrokenLinks(diagnostics);
  if (links) {
    out.push(renderLinkReport(links, { verbose: options.verbose ?? false }));
  }
  return out.join("\n\n");
}

/**
 * The broken links of a build, grouped by cause: for each, a header with the
 * number of links and of pages, a few examples (or, `verbose`, every link), each
 * at its `file:line:column` with the href and a suggestion, and a hint; then one
 * summary line.
 *
 * ```text
 * warning[broken-link]: 2 links to missing pages, on 2 pages
 *   content/docs/a.md:12:18: "/docs/instal/" → did you mean "/docs/install/"?
 *   content/docs/b.md: "/blog/" (from the layout or raw HTML: docs/b/index.html:46)
 *   hint: no page has that URL: fix the path, or remove the link; …
 *
 * 2 broken links on 2 pages: 2 missing pages
 * ```
 *
 * @example
 * ```ts
 * import { renderLinkReport } from "./report.ts";
 * import { groupBrokenLinks } from "../post/link_report.ts";
 * declare const diagnostics: import("../errors/diagnostic.ts").Diagnostic[];
 * const report = groupBrokenLinks(diagnostics);
 * if (report) console.error(renderLinkReport(report));
 * ```
 */
export function renderLinkReport(report: LinkReport, options: RenderOptions = {}): string {
  const blocks: string[] = [];
  for (const group of report.groups) {
    const text = CAUSE_TEXT[group.cause];
    const n = group.links.length;
    const lines = [
      `${report.severity}[broken-link]: ${count(n)} ${n === 1 ? text.one : text.many}, on ` +
      `${count(group.pages)} page${group.pages === 1 ? "" : "s"}`,
    ];
    if (options.verbose) {
      for (const d of group.links) lines.push(`  ${linkLine(d, 1)}`);
    } else {
      let shown = 0;
      for (const example of group.examples) {
        lines.push(`  ${linkLine(example.diagnostic, example.pages)}`);
        shown += example.pages;
      }
      if (shown < n) {
        lines.push(`  … and ${count(n - shown)} more (--verbose lists every one)`);
      }
    }
    lines.push(`  hint: ${groupHint(group)}`);
    blocks.push(lines.join("\n"));
  }
  blocks.push(linkSummary(report));
  return blocks.join("\n\n");
}

/** One broken link in one line: where, the href, the suggestion, where it comes from. */
function linkLine(d: BrokenLinkDiagnostic, pages: number): string {
  const where = d.file
    ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : ""}`
    : d.link.output;
  const notes: string[] = [];
  if (d.link.origin === "layout") {
    notes.push(`from the layout or raw HTML: ${d.link.output}:${d.link.outputLine}`);
  }
  if (pages > 1) notes.push(`broken on ${count(pages)} pages`);
  return visibleText(
    `${where}: "${d.link.href}"` +
      (d.link.suggestion === null ? "" : ` → did you mean "${d.link.suggestion}"?`) +
      (notes.length ? ` (${notes.join("; ")})` : ""),
  );
}

/**
 * The full list of broken links as JSON, for `--link-report <file>`: the summary
 * counts, then every broken link with its cause, location, href and suggestion.
 * `ok` says whether the build succeeded (a build that failed before its link
 * check lists no links).
 *
 * @example
 * ```ts
 * import { linkReportJson } from "./report.ts";
 * const json = linkReportJson([], true);
 * // { version: 1, ok: true, total: 0, pages: 0, causes: {}, links: [] }
 * ```
 */
export function linkReportJson(diagnostics: readonly Diagnostic[], ok: boolean): LinkReportJson {
  const report = groupBrokenLinks(diagnostics, 0);
  const causes: Partial<Record<LinkCause, number>> = {};
  for (const group of report?.groups ?? []) causes[group.cause] = group.links.length;
  const links: LinkReportJson["links"][number][] = [];
  for (const d of diagnostics) {
    const broken = asBrokenLink(d);
    if (!broken) continue;
    links.push({
      cause: broken.link.cause,
      severity: d.severity,
      file: d.file ?? null,
      line: d.line ?? null,
      column: d.column ?? null,
      href: broken.link.href,
      suggestion: broken.link.suggestion,
      page: broken.link.page,
      origin: broken.link.origin,
      output: broken.link.output,
      outputLine: broken.link.outputLine,
      message: d.message,
      hint: d.hint ?? null,
    });
  }
  links.sort((a, b) =>
    compareStrings(a.file ?? "", b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) || compareStrings(a.href, b.href) ||
    compareStrings(a.page, b.page)
  );
  return { version: 1, ok, total: links.length, pages: report?.pages ?? 0, causes, links };
}

/**
 * Writes {@link linkReportJson} of a build to `path` (relative to the current
 * folder); on failure prints why and returns `false`.
 *
 * @example
 * ```ts
 * import { writeLinkReport } from "./report.ts";
 * declare const report: import("../build/run.ts").BuildReport;
 * writeLinkReport("links.json", report);
 * ```
 */
export function writeLinkReport(
  path: string,
  report: { readonly ok: boolean; readonly diagnostics: readonly Diagnostic[] },
): boolean {
  const json = JSON.stringify(linkReportJson(report.diagnostics, report.ok), null, 2);
  try {
    Deno.writeTextFileSync(resolve(path), `${json}\n`);
    return true;
  } catch (e) {
    console.error(formatDiagnostic(
      error("io", `could not write the link report ${path}: ${describeIoError(e)}`, {
        hint: ioErrorHint(e) ?? "give --link-report a file in a folder that exists",
      }),
    ));
    return false;
  }
}

/** The shape of the `--link-report` file. */
export interface LinkReportJson {
  /** Of this shape; a change that is not an addition makes it 2. */
  readonly version: 1;
  /** Whether the build succeeded. */
  readonly ok: boolean;
  /** Broken links in all. */
  readonly total: number;
  /** Pages with at least one. */
  readonly pages: number;
  /** Broken links by cause, for the causes that have any. */
  readonly causes: Partial<Record<LinkCause, number>>;
  /** Every broken link, sorted by file, line and column. */
  readonly links: readonly {
    readonly cause: LinkCause;
    readonly severity: Severity;
    /** The content file (or, for a generated page, the output file), site-relative. */
    readonly file: string | null;
    /** 1-based; `null` for a link from the layout (see `output` and `outputLine`). */
    readonly line: number | null;
    readonly column: number | null;
    readonly href: string;
    readonly suggestion: string | null;
    /** URL of the page with the link. */
    readonly page: string;
    readonly origin: "markdown" | "layout" | "generated";
    /** The page's output file, relative to the output folder, and the link's line in it. */
    readonly output: string;
    readonly outputLine: number;
    readonly message: string;
    readonly hint: string | null;
  }[];
}

/**
 * A one-line progress display on a terminal: silent for the first second (quick
 * builds print nothing), then redrawn at most ten times a second.
 *
 * @example
 * ```ts
 * import { createProgress } from "./report.ts";
 * const progress = createProgress(true);
 * progress.update("render", 10, 100);
 * progress.clear();
 * ```
 */
export function createProgress(enabled: boolean): {
  update(phase: string, done: number, total: number): void;
  clear(): void;
} {
  const start = performance.now();
  let last = 0;
  let shown = false;
  const encoder = new TextEncoder();
  return {
    update(phase, done, total) {
      const t = performance.now();
      if (!enabled || t - start < 1000 || (t - last < 100 && done < total)) {
        return;
      }
      last = t;
      shown = true;
      const width = 24;
      const filled = Math.round((done / Math.max(1, total)) * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      Deno.stderr.writeSync(
        encoder.encode(`\r\x1b[2K${phase.padEnd(7)} ${bar} ${done}/${total}`),
      );
    },
    clear() {
      if (shown) Deno.stderr.writeSync(encoder.encode("\r\x1b[2K"));
    },
  };
}
