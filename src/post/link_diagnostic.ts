/**
 * Post stage, link check: what a broken link is — the vocabulary the checker
 * (`link_check.ts`) produces and the report (`link_report.ts`) groups. A broken
 * link is one `broken-link` {@link Diagnostic} that also carries a
 * {@link BrokenLink}: why it is broken (its {@link LinkCause}), the href, the page,
 * and a working href close to it when the site has one.
 *
 * Contract: types and pure functions only; the order of {@link LINK_CAUSES} is the
 * order of the report, and {@link compareDiagnostics} the order of the links in it.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";

/**
 * Why a link is broken. The report groups broken links by cause, in the order of
 * {@link LINK_CAUSES}:
 *
 * - `missing-page`: no page has that URL;
 * - `missing-anchor`: the page exists, the `#fragment` is not an id on it;
 * - `markdown-file`: a link to a `.md` file, not to the page made from it;
 * - `wrong-case`: no such URL, but one that differs only in upper/lower case exists;
 * - `missing-file`: a file (an image, a PDF, a stylesheet) that is not in the output;
 * - `outside-base`: the link leaves the site's base path (`/x/` on a site at `/docs/`).
 *
 * @example
 * ```ts
 * import type { LinkCause } from "./link_diagnostic.ts";
 * const cause: LinkCause = "missing-anchor";
 * ```
 */
export type LinkCause =
  | "missing-page"
  | "missing-anchor"
  | "markdown-file"
  | "wrong-case"
  | "missing-file"
  | "outside-base";

/**
 * Every {@link LinkCause}, in the order the report lists them.
 *
 * @example
 * ```ts
 * import { LINK_CAUSES } from "./link_diagnostic.ts";
 * LINK_CAUSES[0]; // "missing-page"
 * ```
 */
export const LINK_CAUSES: readonly LinkCause[] = Object.freeze(
  [
    "missing-page",
    "missing-anchor",
    "markdown-file",
    "wrong-case",
    "missing-file",
    "outside-base",
  ] as const,
);

/**
 * What the link checker knows about one broken link, beyond its diagnostic.
 *
 * @example
 * ```ts
 * import type { BrokenLink } from "./link_diagnostic.ts";
 * const link: BrokenLink = {
 *   cause: "missing-page", href: "/docs/gude/", page: "/docs/a/", origin: "markdown",
 *   output: "docs/a/index.html", outputLine: 40, suggestion: "/docs/guide/",
 * };
 * ```
 */
export interface BrokenLink {
  /** Why it is broken: the group it is reported in. */
  readonly cause: LinkCause;
  /** The `href`/`src` as it is in the HTML. */
  readonly href: string;
  /** The URL of the page that has the link (base path not included). */
  readonly page: string;
  /**
   * Where the link comes from: the page's Markdown (the diagnostic has its line),
   * the layout or raw HTML of a page with a content file (the diagnostic has the
   * content file, without a line), or a generated page (the output file and line).
   */
  readonly origin: "markdown" | "layout" | "generated";
  /** The output file of the page. */
  readonly output: string;
  /** The link's line in {@link output}. */
  readonly outputLine: number;
  /** A working href close to this one — a page or id of the site itself — or `null`. */
  readonly suggestion: string | null;
}

/**
 * A `broken-link` diagnostic, with what the link checker knows about the link.
 *
 * @example
 * ```ts
 * import type { BrokenLinkDiagnostic } from "./link_diagnostic.ts";
 * declare const d: BrokenLinkDiagnostic;
 * console.log(d.link.cause, d.link.suggestion);
 * ```
 */
export interface BrokenLinkDiagnostic extends Diagnostic {
  /** Always `broken-link`. */
  readonly code: "broken-link";
  /** What the link checker knows about the link. */
  readonly link: BrokenLink;
}

/**
 * The diagnostic as a broken link, or `undefined` for any other diagnostic.
 *
 * @example
 * ```ts
 * import { asBrokenLink } from "./link_diagnostic.ts";
 * asBrokenLink({ severity: "warning", code: "data", message: "m" }); // undefined
 * ```
 */
export function asBrokenLink(d: Diagnostic): BrokenLinkDiagnostic | undefined {
  const link = (d as { link?: unknown }).link;
  return d.code === "broken-link" && typeof link === "object" && link !== null
    ? d as BrokenLinkDiagnostic
    : undefined;
}

/**
 * The order of broken links in the checker's result and in each group of the
 * report: by file, line, column and message — `sortDiagnostics` of
 * `errors/diagnostic.ts` without its rank by severity, which broken links share.
 *
 * @example
 * ```ts
 * import { compareDiagnostics } from "./link_diagnostic.ts";
 * compareDiagnostics(
 *   { severity: "warning", code: "broken-link", message: "a", file: "content/a.md", line: 9 },
 *   { severity: "warning", code: "broken-link", message: "b", file: "content/a.md", line: 3 },
 * ); // > 0
 * ```
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.message, b.message);
}

/**
 * {@link compareDiagnostics}, then by the page that has the link: a total order
 * of one check's broken links (a page reports each href once), so a check of a
 * few pages merged with the rest of the last one's comes out as a check of all.
 *
 * @example
 * ```ts
 * import { compareBrokenLinks } from "./link_diagnostic.ts";
 * declare const a: import("./link_diagnostic.ts").BrokenLinkDiagnostic;
 * declare const b: typeof a;
 * compareBrokenLinks(a, b); // < 0, 0 or > 0
 * ```
 */
export function compareBrokenLinks(a: BrokenLinkDiagnostic, b: BrokenLinkDiagnostic): number {
  return compareDiagnostics(a, b) || compareStrings(a.link.output, b.link.output);
}
