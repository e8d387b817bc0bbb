/**
 * Post stage, link check: the report of broken links the CLI prints — grouped by
 * {@link LinkCause}, in the order of {@link LINK_CAUSES}, with counts, a few
 * examples each (the hrefs broken on the most pages first: a link in a layout,
 * fixed once, fixes all of them), the advice that fits each group, and a summary
 * line.
 *
 * Contract: pure functions of the diagnostics they are given; the report's words
 * ({@link CAUSE_TEXT}) live here, the per-link messages and hints in the checker.
 *
 * @module
 */
import type { Diagnostic, Severity } from "../errors/diagnostic.ts";
import {
  asBrokenLink,
  type BrokenLinkDiagnostic,
  compareDiagnostics,
  LINK_CAUSES,
  type LinkCause,
} from "./link_diagnostic.ts";

/**
 * How the report names a cause, and the advice that fits all its links.
 *
 * @example
 * ```ts
 * import type { CauseText } from "./link_report.ts";
 * const text: CauseText = {
 *   one: "link to a missing page", many: "links to missing pages",
 *   shortOne: "missing page", shortMany: "missing pages", hint: "fix the path",
 * };
 * ```
 */
export interface CauseText {
  /** The group's header: `links to missing pages` (`one` for a single link). */
  readonly one: string;
  /** The group's header for several links: `links to missing pages`. */
  readonly many: string;
  /** In the summary line: `3 missing pages`. */
  readonly shortOne: string;
  /** In the summary line, for several links. */
  readonly shortMany: string;
  /** What to do about links of this kind. */
  readonly hint: string;
}

/**
 * The words of the report for each cause.
 *
 * @example
 * ```ts
 * import { CAUSE_TEXT } from "./link_report.ts";
 * CAUSE_TEXT["missing-anchor"].shortMany; // "missing anchors"
 * ```
 */
export const CAUSE_TEXT: Readonly<Record<LinkCause, CauseText>> = Object.freeze({
  "missing-page": Object.freeze({
    one: "link to a missing page",
    many: "links to missing pages",
    shortOne: "missing page",
    shortMany: "missing pages",
    hint: "no page has that URL: fix the path, or remove the link; a draft, or a page dated " +
      "in the future, is built only with --drafts or --future",
  }),
  "missing-anchor": Object.freeze({
    one: "link to a missing anchor",
    many: "links to missing anchors",
    shortOne: "missing anchor",
    shortMany: "missing anchors",
    hint: "the #fragment must be the id of a heading or other element of the target page; " +
      "a heading's id is the slug of its text (## Install on Linux → #install-on-linux)",
  }),
  "markdown-file": Object.freeze({
    one: "link to a Markdown file instead of its page",
    many: "links to Markdown files instead of their pages",
    shortOne: "link to a .md file",
    shortMany: "links to .md files",
    hint: "link to the page's URL (like /section/page/), not to its Markdown file",
  }),
  "wrong-case": Object.freeze({
    one: "link whose URL differs from a page's only in case",
    many: "links whose URL differs from a page's only in case",
    shortOne: "case mismatch",
    shortMany: "case mismatches",
    hint: "URLs are case-sensitive on most web servers: write the link in the case of the " +
      "page's URL",
  }),
  "missing-file": Object.freeze({
    one: "link to a file that is not published",
    many: "links to files that are not published",
    shortOne: "missing file",
    shortMany: "missing files",
    hint: "no output file has that path: files from static/ keep their path under the " +
      "base path, and files beside a page's Markdown are published only in a page bundle",
  }),
  "outside-base": Object.freeze({
    one: "link outside the site's base path",
    many: "links outside the site's base path",
    shortOne: "link outside the base path",
    shortMany: "links outside the base path",
    hint: "links to this site's pages must start with the base path: use the `url` filter " +
      "in layouts, or a relative link",
  }),
});

/**
 * How many examples the report shows for each cause.
 *
 * @example
 * ```ts
 * import { EXAMPLES_PER_CAUSE } from "./link_report.ts";
 * console.log(EXAMPLES_PER_CAUSE); // 3
 * ```
 */
export const EXAMPLES_PER_CAUSE = 3;

/**
 * One example of a group: a broken link, and on how many pages the same href is broken.
 *
 * @example
 * ```ts
 * import type { LinkExample } from "./link_report.ts";
 * declare const example: LinkExample;
 * console.log(example.diagnostic.link.href, `(broken on ${example.pages} pages)`);
 * ```
 */
export interface LinkExample {
  /** The first of the links with this href, in the order of the report. */
  readonly diagnostic: BrokenLinkDiagnostic;
  /** Pages of the group with this very href (a link in a layout is on many). */
  readonly pages: number;
}

/**
 * The broken links of one cause.
 *
 * @example
 * ```ts
 * import type { LinkGroup } from "./link_report.ts";
 * declare const group: LinkGroup;
 * console.log(group.cause, group.links.length, group.pages);
 * ```
 */
export interface LinkGroup {
  /** What the links of the group have in common. */
  readonly cause: LinkCause;
  /** Every broken link of this cause, sorted by file, line and message. */
  readonly links: readonly BrokenLinkDiagnostic[];
  /** Pages that have at least one of them. */
  readonly pages: number;
  /**
   * A few of them: the hrefs broken on the most pages first (a link in a layout,
   * fixed once, fixes all of them), then from as many files as there are examples.
   */
  readonly examples: readonly LinkExample[];
}

/**
 * Every broken link of a build, grouped by cause.
 *
 * @example
 * ```ts
 * import { groupBrokenLinks, type LinkReport } from "./link_report.ts";
 * const report: LinkReport | null = groupBrokenLinks([]);
 * ```
 */
export interface LinkReport {
  /** The severity of the broken links (all have the same). */
  readonly severity: Severity;
  /** Broken links in all. */
  readonly total: number;
  /** Pages with at least one. */
  readonly pages: number;
  /** The causes that have broken links, in the order of {@link LINK_CAUSES}. */
  readonly groups: readonly LinkGroup[];
}

/**
 * Groups the broken links among `diagnostics` by cause, with counts and up to
 * `examples` examples each; `null` when there are none. Other diagnostics are
 * left out.
 *
 * @example
 * ```ts
 * import { groupBrokenLinks } from "./link_report.ts";
 * groupBrokenLinks([]); // null
 * ```
 */
export function groupBrokenLinks(
  diagnostics: readonly Diagnostic[],
  examples: number = EXAMPLES_PER_CAUSE,
): LinkReport | null {
  const byCause = new Map<LinkCause, BrokenLinkDiagnostic[]>();
  const pages = new Set<string>();
  let severity: Severity = "warning";
  let total = 0;
  for (const d of diagnostics) {
    const broken = asBrokenLink(d);
    if (broken === undefined) continue;
    total++;
    if (d.severity === "error") severity = "error";
    pages.add(broken.link.page);
    const list = byCause.get(broken.link.cause);
    if (list === undefined) byCause.set(broken.link.cause, [broken]);
    else list.push(broken);
  }
  if (total === 0) return null;
  const groups: LinkGroup[] = [];
  for (const cause of LINK_CAUSES) {
    const list = byCause.get(cause);
    if (list === undefined) continue;
    const links = list.sort(compareDiagnostics);
    groups.push({
      cause,
      links,
      pages: new Set(links.map((d) => d.link.page)).size,
      examples: pickExamples(links, examples),
    });
  }
  return { severity, total, pages: pages.size, groups };
}

/**
 * What to do about the links of a group: the cause's hint, and for links whose
 * pages have capitals in their URLs, the config setting that makes them lower-case.
 *
 * @example
 * ```ts
 * import { groupHint } from "./link_report.ts";
 * declare const group: import("./link_report.ts").LinkGroup;
 * console.log(groupHint(group));
 * ```
 */
export function groupHint(group: LinkGroup): string {
  const hint = CAUSE_TEXT[group.cause].hint;
  if (group.cause !== "wrong-case") return hint;
  const capitals = group.links.some((d) => /[A-Z]/.test(d.link.suggestion?.split("#")[0] ?? ""));
  return capitals
    ? `${hint}; some page URLs have capitals from their file names: ` +
      "`urls: { lowercase: true }` in the config makes every page URL lower-case"
    : hint;
}

/**
 * The report's last line: `12 broken links on 5 pages: 7 missing pages, 5 missing anchors`.
 *
 * @example
 * ```ts
 * import { linkSummary } from "./link_report.ts";
 * declare const report: import("./link_report.ts").LinkReport;
 * console.log(linkSummary(report));
 * ```
 */
export function linkSummary(report: LinkReport): string {
  const parts = report.groups.map((g) => {
    const text = CAUSE_TEXT[g.cause];
    return `${count(g.links.length)} ${g.links.length === 1 ? text.shortOne : text.shortMany}`;
  });
  return `${count(report.total)} broken link${report.total === 1 ? "" : "s"} on ` +
    `${count(report.pages)} page${report.pages === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/**
 * A number with thousands separators, as the report prints counts: `4,223`.
 *
 * @example
 * ```ts
 * import { count } from "./link_report.ts";
 * count(4223); // "4,223"
 * ```
 */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Up to `wanted` examples among the links of one group: one per href, the hrefs
 * broken on the most pages first, from as many different files as possible (ten
 * examples from one page teach less than one from each of ten), then listed by
 * pages and by the report's order.
 */
function pickExamples(
  links: readonly BrokenLinkDiagnostic[],
  wanted: number,
): LinkExample[] {
  if (wanted <= 0) return [];
  const byHref = new Map<string, { first: BrokenLinkDiagnostic; pages: Set<string> }>();
  for (const d of links) {
    const entry = byHref.get(d.link.href);
    if (entry === undefined) byHref.set(d.link.href, { first: d, pages: new Set([d.link.page]) });
    else entry.pages.add(d.link.page);
  }
  // Map order is the links' order: a stable sort keeps it among equals.
  const ranked = [...byHref.values()].sort((a, b) => b.pages.size - a.pages.size);
  const chosen: typeof ranked = [];
  const files = new Set<string>();
  for (const entry of ranked) {
    if (chosen.length === wanted) break;
    const file = entry.first.file ?? "";
    if (files.has(file)) continue;
    files.add(file);
    chosen.push(entry);
  }
  for (const entry of ranked) {
    if (chosen.length === wanted) break;
    if (!chosen.includes(entry)) chosen.push(entry);
  }
  return chosen
    .sort((a, b) => b.pages.size - a.pages.size || compareDiagnostics(a.first, b.first))
    .map((entry) => ({ diagnostic: entry.first, pages: entry.pages.size }));
}
