/**
 * Build stage: the link check. Every internal link of every rendered page must
 * name an output file, and its `#fragment` an element of the target page
 * (`post/link_check.ts` says what works); this module gives the checker the
 * build's pages and puts its findings where their authors fix them.
 *
 * Contract: {@link checkSiteLinks} answers what a check of every page would,
 * sorted by {@link compareBrokenLinks}. After an edit it checks again only the
 * pages whose findings may have moved, and keeps the last check's for the rest.
 * What a page's findings depend on: its scan (hrefs and ids, new when it is
 * rendered again), its Markdown (the lines of its links), the set of output
 * files, which page comes from which content file, and the ids and content of
 * the pages its `#fragment` links point into. So, when the output files and the
 * pages are the last build's, a page is checked again only when
 *
 * - it was rendered again;
 * - it had broken links, and some page was rendered again (a misspelt
 *   fragment's suggestion comes from the target page's content) or its content
 *   file changed (the same HTML, but its links on other lines);
 * - it links to a fragment of another page, and a page rendered again has
 *   other ids than before.
 *
 * When a page or an output file was added, removed or moved, every page is
 * checked. So it is when the suggestions of a check of every page might ask for
 * more folder searches than their budget allows (see `LinkSuggester.searches`):
 * then which links get one depends on the pages checked together. A check of
 * every page would ask for no search that neither the last check nor this one
 * asked for.
 *
 * @module
 */
import { readBody } from "../base/body.ts";
import { join } from "node:path";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { scanHtml } from "../base/html_scan.ts";
import { sameStrings, type StringList, unpackStrings } from "../base/string_list.ts";
import type { ResolvedConfig } from "../config/load_config.ts";
import { findBrokenLinks, type ScannedPage } from "../post/link_check.ts";
import {
  asBrokenLink,
  type BrokenLinkDiagnostic,
  compareBrokenLinks,
} from "../post/link_diagnostic.ts";
import { SIBLING_BUDGET } from "../post/link_suggest.ts";
import type { PageScan } from "../render/render_page.ts";
import type { BuildState, Provenance } from "../remember/store.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";
import { siteLinks } from "../snapshot/urls.ts";
import type { PageData } from "./outputs.ts";

/**
 * What a link check reads.
 *
 * @example
 * ```ts
 * import type { LinkCheckSource } from "./link_check.ts";
 * declare const source: LinkCheckSource;
 * source.scans.get("docs/a/index.html")?.hrefs;
 * ```
 */
export interface LinkCheckSource {
  readonly config: DeepReadonly<ResolvedConfig>;
  readonly snapshot: SiteSnapshot;
  /** Every output file of the build: pages, copies, site-wide files. */
  readonly outputs: ReadonlyMap<string, Provenance>;
  /** The link scans of this and earlier builds, by output path. */
  readonly scans: ReadonlyMap<string, PageScan>;
  readonly pageData: (url: string) => PageData;
  /**
   * A scan's hrefs or ids as strings: unpacked as the checker comes to the page
   * and dropped after it, unless the caller keeps them for its next check.
   */
  readonly unpack?: (list: StringList) => readonly string[];
}

/**
 * The last build, for a check after an edit: its state, and the scans this
 * build's renders replaced, by output path (`undefined`: the page had none).
 *
 * @example
 * ```ts
 * import type { LastCheck } from "./link_check.ts";
 * declare const last: LastCheck;
 * last.state.links.length;
 * ```
 */
export interface LastCheck {
  readonly state: BuildState;
  readonly replaced: ReadonlyMap<string, PageScan | undefined>;
  /** Size and mtime of this build's inputs, by site-relative path. */
  readonly inputs: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * What a link check found, and which pages it checked.
 *
 * @example
 * ```ts
 * import type { LinkCheckResult } from "./link_check.ts";
 * declare const result: LinkCheckResult;
 * console.log(`${result.broken.length} broken links on ${result.checked.length} pages checked`);
 * ```
 */
export interface LinkCheckResult {
  /** The broken links of every page, sorted by {@link compareBrokenLinks}. */
  readonly broken: readonly BrokenLinkDiagnostic[];
  /** The output paths of the pages whose links were checked, in the site's order. */
  readonly checked: readonly string[];
  /**
   * The folder searches the suggestions asked for, by link, with their cost:
   * this check's, and the last one's after an edit. A check of every page would
   * ask for some of them, and no other.
   */
  readonly searches: ReadonlyMap<string, number>;
}

/**
 * The broken links of every page; with `last`, from a check of only the pages
 * whose findings may differ from its (see the module's contract).
 *
 * @example
 * ```ts
 * import { checkSiteLinks } from "./link_check.ts";
 * declare const source: Parameters<typeof checkSiteLinks>[0];
 * declare const last: Parameters<typeof checkSiteLinks>[1];
 * const { broken } = checkSiteLinks(source, last);
 * ```
 */
export function checkSiteLinks(source: LinkCheckSource, last: LastCheck | null): LinkCheckResult {
  const lastLinks = last && lastFindings(last.state);
  const only = last && lastLinks && pagesToCheck(source, last, lastLinks);
  if (!lastLinks || !only) return linkCheck(source);
  const kept = lastLinks.filter((d) => !only.has(d.link.output));
  const asked = last.state.linkSearches;
  if (only.size === 0) return { broken: kept, checked: [], searches: asked };
  const some = linkCheck(source, only);
  const searches = new Map([...asked, ...some.searches]);
  let cost = 0;
  for (const comparisons of searches.values()) cost += comparisons;
  if (cost > SIBLING_BUDGET) return linkCheck(source);
  const broken = [...kept, ...some.broken].sort(compareBrokenLinks);
  return { broken, checked: some.checked, searches };
}

/** The last check's findings, or `null` if one of them is not a broken link. */
function lastFindings(state: BuildState): BrokenLinkDiagnostic[] | null {
  const links: BrokenLinkDiagnostic[] = [];
  for (const d of state.links) {
    const link = asBrokenLink(d);
    if (link === undefined) return null;
    links.push(link);
  }
  return links;
}

/**
 * The output paths of the pages to check again, or `null` when every page must
 * be: the output files or the pages are not the last build's.
 */
function pagesToCheck(
  source: LinkCheckSource,
  last: LastCheck,
  lastLinks: readonly BrokenLinkDiagnostic[],
): Set<string> | null {
  const { outputs, snapshot } = source;
  const state = last.state;
  if (!samePages(state.snapshot, snapshot)) return null;
  if (state.outputs.size !== outputs.size) return null;
  for (const path of outputs.keys()) if (!state.outputs.has(path)) return null;
  const only = new Set(last.replaced.keys());
  const rendered = only.size > 0;
  const edited = (file: string) => !sameStat(state.inputs.get(file), last.inputs.get(file));
  for (const d of lastLinks) {
    const file = d.link.origin === "generated" ? undefined : d.file;
    if (rendered || (file !== undefined && edited(file))) only.add(d.link.output);
  }
  let idsMoved = false;
  for (const [path, before] of last.replaced) {
    const now = source.scans.get(path);
    if (!before || !now || !sameStrings(before.ids, now.ids)) idsMoved = true;
  }
  if (idsMoved) {
    for (const [path, scan] of source.scans) {
      if (outputs.has(path) && linksIntoOtherPages(scan.hrefs)) only.add(path);
    }
  }
  return only;
}

function sameStat(
  a: readonly [number, number] | undefined,
  b: readonly [number, number] | undefined,
): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Whether the two snapshots have the same pages, at the same outputs, from the same files. */
function samePages(a: SiteSnapshot, b: SiteSnapshot): boolean {
  if (a === b) return true;
  if (a.pages.size !== b.pages.size) return false;
  for (const [url, page] of b.pages) {
    const was = a.pages.get(url);
    if (
      was === undefined || was.outputPath !== page.outputPath || was.file !== page.file ||
      was.rendered !== page.rendered
    ) return false;
  }
  return true;
}

/**
 * Whether one of `hrefs` has a `#fragment` after a path (`../b/#x`, not `#x`),
 * so it may point into another page. One pass over the packed text.
 */
function linksIntoOtherPages({ text, ends }: StringList): boolean {
  let hash = text.indexOf("#");
  let start = 0;
  for (let i = 0; i < ends.length && hash !== -1; start = ends[i++]) {
    if (hash >= ends[i]) continue;
    if (hash > start) return true;
    hash = text.indexOf("#", ends[i]);
  }
  return false;
}

/**
 * Checks the internal links of every page (or of the pages in `only`), from
 * the scans of this and earlier builds. Markdown lines are looked up only for
 * broken links, and so are the ids of a page's own content (from its Markdown
 * body, without the layout's), among which a misspelt `#fragment` is matched. A
 * broken link in Markdown is then found in its content file, for its column
 * (and its line, in a paragraph of several).
 */
function linkCheck(input: LinkCheckSource, only?: ReadonlySet<string>): LinkCheckResult {
  const links = siteLinks(input.config.baseURL);
  const pages: ScannedPage[] = [];
  for (const [url, page] of input.snapshot.pages) {
    const scan = input.scans.get(page.outputPath);
    // A page that was rendered once may be no more.
    if (scan && page.rendered) {
      pages.push(new BuiltPage(input, url, page.outputPath, page.file, scan));
    }
  }
  const found = findBrokenLinks({
    pages,
    files: new Set(input.outputs.keys()),
    basePath: links.basePath,
    siteOrigin: links.origin,
    severity: input.config.strict ? "error" : "warning",
    only,
  });
  return {
    // Sorted again: a link found on another line of its paragraph moves.
    broken: locateInSource(found.broken, input.config.root).sort(compareBrokenLinks),
    checked: pages.map((p) => p.outputPath).filter((path) => !only || only.has(path)),
    searches: found.searches,
  };
}

const decoder = new TextDecoder();

/**
 * A page of the build as the checker sees it. What it reads of a page only
 * when it checks the page, or a link into it, is read on demand: most pages of
 * a check after an edit are not read at all.
 */
class BuiltPage implements ScannedPage {
  readonly #input: LinkCheckSource;
  readonly #scan: PageScan;
  #contentIds: readonly string[] | undefined;

  constructor(
    input: LinkCheckSource,
    readonly url: string,
    readonly outputPath: string,
    readonly source: string | null,
    scan: PageScan,
  ) {
    this.#input = input;
    this.#scan = scan;
  }

  get sourceLinks(): ScannedPage["sourceLinks"] {
    return this.#input.pageData(this.url).sourceLinks;
  }

  get hrefs(): readonly string[] {
    return (this.#input.unpack ?? unpackStrings)(this.#scan.hrefs);
  }

  get lines(): Uint32Array {
    return this.#scan.lines;
  }

  get ids(): readonly string[] {
    return (this.#input.unpack ?? unpackStrings)(this.#scan.ids);
  }

  get contentIds(): readonly string[] {
    return this.#contentIds ??=
      scanHtml(decoder.decode(readBody(this.#input.pageData(this.url).body))).ids;
  }
}

/** Lines of the following ones a link of a paragraph can be on, at most. */
const PARAGRAPH_LINES = 40;

/**
 * The broken links of Markdown with the column of the href in the content file,
 * and the line it is on: the parser gives the line of the paragraph, or of its
 * line the link is on, but no column. A link not found as written (a reference
 * link, whose URL is in its definition) keeps its line, without a column.
 */
function locateInSource(
  broken: readonly BrokenLinkDiagnostic[],
  root: string,
): BrokenLinkDiagnostic[] {
  const sources = new Map<string, string[] | null>();
  return broken.map((d) => {
    if (d.link.origin !== "markdown" || !d.file || !d.line || d.column) return d;
    let lines = sources.get(d.file);
    if (lines === undefined) {
      try {
        lines = Deno.readTextFileSync(join(root, d.file)).split(/\r?\n/);
      } catch {
        lines = null; // gone since it was parsed: keep the line
      }
      sources.set(d.file, lines);
    }
    if (lines === null) return d;
    const forms = new Set([d.link.href, safeDecodeURI(d.link.href)]);
    const last = Math.min(lines.length, d.line + PARAGRAPH_LINES);
    for (let n = d.line; n <= last; n++) {
      const text = lines[n - 1];
      if (n > d.line && text.trim() === "") break;
      for (const form of forms) {
        const at = hrefAt(text, form);
        if (at !== -1) return { ...d, line: n, column: at + 1 };
      }
    }
    return d;
  });
}

/**
 * Where `href` is in `line`: preferably as a link's destination — after `(`, `<`,
 * a quote or `=` — else wherever it is first; -1 when it is not.
 */
function hrefAt(line: string, href: string): number {
  let first = -1;
  for (let at = line.indexOf(href); at !== -1; at = line.indexOf(href, at + 1)) {
    if (first === -1) first = at;
    if (at > 0 && "(<\"'=".includes(line[at - 1])) return at;
  }
  return first;
}

function safeDecodeURI(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
