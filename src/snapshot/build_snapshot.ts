/**
 * Snapshot stage, the one barrier of a build: from the parsed pages, compute
 * cascade, URLs, sections and their trees, taxonomies, pagination, navigation,
 * layout chains and the render schedule, check them, and freeze everything into
 * one `SiteSnapshot`. Runs on the main thread.
 *
 * @module
 */
import { append, compareStrings } from "../base/arrays.ts";
import { posix } from "node:path";
import type { ResolvedConfig } from "../config/load_config.ts";
import type { Inputs } from "../discover/discover.ts";
import { type Diagnostic, error, warning } from "../errors/diagnostic.ts";
import type { ParsedPage } from "../parse/parse_page.ts";
import { applyCascade } from "./cascade.ts";
import { type DeepReadonly, freezePlainData } from "../base/deep_freeze.ts";
import {
  compareByDate,
  comparePages,
  type DraftPage,
  type DraftSection,
  type DraftTaxonomy,
  type DraftTerm,
} from "./draft.ts";
import { normalizeLayoutName } from "../parse/layouts.ts";
import { layoutCandidates, layoutChain } from "./layouts.ts";
import { breadcrumbsOf, buildMenus, linkNeighbours } from "./navigation.ts";
import { paginate } from "./pagination.ts";
import { isPublished, publishingChangesAt } from "./publishing.ts";
import { buildTaxonomies } from "./taxonomies.ts";
import type {
  CopyJob,
  Layout,
  Page,
  PageKind,
  PageRecord,
  Redirect,
  SectionRecord,
  SiteRecord,
  SiteSnapshot,
  TaxonomyRecord,
  TermRecord,
} from "./types.ts";
import {
  decodeURIComponentSafe,
  encodePath,
  folderUrl,
  normalizeUrl,
  outputPathFor,
  slugProblem,
} from "./urls.ts";

/**
 * What the snapshot stage needs.
 *
 * @example
 * ```ts
 * import type { SnapshotInput } from "./build_snapshot.ts";
 * declare const input: SnapshotInput;
 * console.log(input.parsed.length);
 * ```
 */
export interface SnapshotInput {
  readonly config: DeepReadonly<ResolvedConfig>;
  readonly inputs: Inputs;
  /** The pages that parsed without errors. */
  readonly parsed: readonly ParsedPage[];
  readonly layouts: Readonly<Record<string, Layout>>;
  readonly data: Readonly<Record<string, unknown>>;
  /** The build's clock (ms since the epoch), for future and expired pages. */
  readonly now: number;
}

/**
 * The snapshot, plus what stays on the main thread.
 *
 * @example
 * ```ts
 * import type { SnapshotResult } from "./build_snapshot.ts";
 * declare const r: SnapshotResult;
 * console.log(r.snapshot.pages.size, r.copies.length);
 * ```
 */
export interface SnapshotResult {
  readonly snapshot: DeepReadonly<SiteSnapshot>;
  readonly copies: readonly CopyJob[];
  readonly redirects: readonly Redirect[];
  readonly diagnostics: readonly Diagnostic[];
  /** When the clock publishes or expires a page: the snapshot is good until then (ms). */
  readonly validUntil: number;
}

const MARKDOWN_EXT = /\.(md|markdown)$/i;

/** Paths of a content file, relative to `content/`. */
interface ContentPaths {
  relOf(file: string): string;
  dirOf(rel: string): string;
  stemOf(rel: string): string;
  /** A file or folder name as a URL segment: lower case with `urls.lowercase`. */
  urlName(name: string): string;
}

/**
 * Builds and deep-freezes the site snapshot, in passes: cascade and publishing,
 * the section tree, pages, listings, taxonomies, pagination and navigation,
 * layouts, copies and redirects, then the flat tables. Problems (URL collisions,
 * unsafe URLs, missing layouts, layout loops, bad taxonomy or menu values) come
 * back as diagnostics, all of them.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "./build_snapshot.ts";
 * declare const input: import("./build_snapshot.ts").SnapshotInput;
 * const { snapshot, diagnostics } = buildSnapshot(input);
 * ```
 */
export function buildSnapshot(input: SnapshotInput): SnapshotResult {
  const { config, parsed, layouts } = input;
  const diagnostics: Diagnostic[] = [];
  const contentPrefix = posix.relative(config.root, config.dirs.content).replaceAll("\\", "/");
  const paths: ContentPaths = {
    relOf: (file) => contentPrefix ? file.slice(contentPrefix.length + 1) : file,
    dirOf: (rel) => posix.dirname(rel) === "." ? "" : posix.dirname(rel),
    stemOf: (rel) => posix.basename(rel).replace(MARKDOWN_EXT, ""),
    urlName: config.urls.lowercase ? (name) => name.toLowerCase() : (name) => name,
  };
  // Warnings that mean a broken site are errors with `strict`.
  const problem = config.strict ? error : warning;

  const cascaded = applyCascade(parsed, paths.relOf);
  append(diagnostics, cascaded.diagnostics);
  const frontMatterOf = (p: ParsedPage) => cascaded.frontMatter.get(p.file) ?? p.frontMatter;
  const rules = { ...config, now: input.now };
  const visible = new Set(parsed.filter((p) => isPublished(frontMatterOf(p), rules)));
  let validUntil = Infinity;
  for (const p of parsed) {
    validUntil = Math.min(validUntil, publishingChangesAt(frontMatterOf(p), rules));
  }

  const sections = sectionTree(parsed, paths, config.title);
  const root = sections.get("")!;
  const { pages, bundleUrls } = assemblePages(
    parsed,
    { visible, frontMatterOf, sections, paths, siteTitle: config.title },
    diagnostics,
  );
  linkSections(sections);

  // Site-wide listings (site.pages, feeds, search, taxonomies) hold listed pages
  // only: not `build.list: false`, nor `build.render: false` (nothing to link to).
  const regular = pages.filter((p) => p.kind === "page" && p.listed).sort(compareByDate);
  const taxonomies = buildTaxonomies(
    config.taxonomies,
    regular,
    (kind, url, title) => blankPage(kind, url, title, root),
  );
  append(diagnostics, taxonomies.diagnostics);
  append(pages, taxonomies.listPages);
  if (!pages.some((p) => p.url === "/404.html")) {
    pages.push(blankPage("404", "/404.html", "Page not found", root));
  }
  paginateListings(pages, config.paginate);
  for (const page of pages) page.breadcrumbs = breadcrumbsOf(page).filter((p) => p.rendered);
  const menus = buildMenus(config.menus, pages);
  append(diagnostics, menus.diagnostics);

  pages.sort((a, b) => compareStrings(a.url, b.url));
  resolveLayouts(pages, layouts, config.layoutsDir, problem, diagnostics);
  const copies = planCopies(input.inputs, bundleUrls, contentPrefix, paths.urlName);
  const redirects = checkCollisions(
    pages,
    copies,
    planRedirects(pages, problem, diagnostics),
    { contentPrefix, lowercase: config.urls.lowercase, problem },
    diagnostics,
  );

  const snapshot = flatten({
    pages,
    sections,
    taxonomies: taxonomies.taxonomies,
    site: {
      title: config.title,
      description: config.description,
      baseURL: config.baseURL,
      language: config.language,
      params: config.params,
      home: root.page.url,
      pages: regular.map((p) => p.url),
      sections: [...sections.keys()],
      taxonomies: Object.keys(taxonomies.taxonomies),
      menus: Object.fromEntries(
        Object.entries(menus.menus).map((
          [name, entries],
        ) => [name, entries.map((e) => ({ ...e, page: e.page?.url ?? null }))]),
      ),
      searchIndex: config.search ? "/search-index.json" : null,
      feeds: config.feeds,
    },
    data: input.data,
    layouts,
  });
  return { snapshot: freezePlainData(snapshot), copies, redirects, diagnostics, validUntil };
}

/** A page record with every field set to its empty value. */
function blankPage(kind: PageKind, url: string, title: string, section: DraftSection): DraftPage {
  return {
    kind,
    file: null,
    url,
    outputPath: outputPathFor(url),
    title,
    description: "",
    date: null,
    lastmod: null,
    publishDate: null,
    expiryDate: null,
    weight: 0,
    draft: false,
    params: {},
    excerpt: "",
    wordCount: 0,
    section,
    layouts: [],
    terms: {},
    prev: null,
    next: null,
    breadcrumbs: [],
    paginator: null,
    term: null,
    taxonomy: null,
    aliases: [],
    topSection: section.path.split("/")[0],
    keyLocations: {},
    listed: true,
    rendered: true,
  };
}

/**
 * Which folders are sections: the root, folders with an _index.md, and top-level
 * folders holding content (unless the folder is itself a leaf bundle).
 */
function sectionTree(
  parsed: readonly ParsedPage[],
  paths: ContentPaths,
  siteTitle: string,
): Map<string, DraftSection> {
  const { relOf, dirOf, stemOf, urlName } = paths;
  const sectionDirs = new Set<string>([""]);
  const bundleDirs = new Set<string>();
  for (const page of parsed) {
    const rel = relOf(page.file);
    if (stemOf(rel) === "_index") sectionDirs.add(dirOf(rel));
    else if (stemOf(rel) === "index" && dirOf(rel)) bundleDirs.add(dirOf(rel));
  }
  for (const page of parsed) {
    const rel = relOf(page.file);
    const top = rel.split("/")[0];
    if (rel.includes("/") && !(bundleDirs.has(top) && !sectionDirs.has(top))) sectionDirs.add(top);
  }
  const sections = new Map<string, DraftSection>();
  for (const path of [...sectionDirs].sort()) {
    sections.set(path, {
      path,
      url: folderUrl(path ? path.split("/").map(urlName) : []),
      title: path ? humanize(posix.basename(path)) : siteTitle,
      // Set by assemblePages: from the _index.md, or a generated list page.
      page: undefined as unknown as DraftPage,
      parent: null,
      sections: [],
      pages: [],
    });
  }
  return sections;
}

/** The section a folder's pages belong to: the nearest enclosing section folder. */
function sectionOf(sections: ReadonlyMap<string, DraftSection>, dir: string): string {
  let d = dir;
  while (d && !sections.has(d)) d = posix.dirname(d) === "." ? "" : posix.dirname(d);
  return d;
}

/**
 * One draft page per published content file, placed in its section; a section
 * without an _index.md takes `<folder>.md` beside it as its page, or else gets a
 * generated list page. Returns the pages and each leaf
 * bundle folder's URL (`null` for an unpublished bundle, whose files stay out).
 */
function assemblePages(
  parsed: readonly ParsedPage[],
  context: {
    readonly visible: ReadonlySet<ParsedPage>;
    readonly frontMatterOf: (p: ParsedPage) => Readonly<Record<string, unknown>>;
    readonly sections: ReadonlyMap<string, DraftSection>;
    readonly paths: ContentPaths;
    readonly siteTitle: string;
  },
  diagnostics: Diagnostic[],
): { pages: DraftPage[]; bundleUrls: Map<string, string | null> } {
  const { visible, frontMatterOf, sections } = context;
  const { relOf, dirOf, stemOf, urlName } = context.paths;
  const pages: DraftPage[] = [];
  const bundleUrls = new Map<string, string | null>();
  for (const p of parsed) {
    const rel = relOf(p.file);
    if (stemOf(rel) === "index" && dirOf(rel) && !visible.has(p)) bundleUrls.set(dirOf(rel), null);
  }
  // A folder's own page may be written beside it (`blog.md` next to `blog/`, as
  // VitePress and MkDocs sites do) when the folder has no _index.md.
  const indexed = new Set(
    parsed.map((p) => relOf(p.file)).filter((rel) => stemOf(rel) === "_index").map(dirOf),
  );
  for (const p of parsed) {
    if (!visible.has(p)) continue;
    const rel = relOf(p.file);
    const beside = dirOf(rel) ? `${dirOf(rel)}/${stemOf(rel)}` : stemOf(rel);
    const standIn = sections.has(beside) && !indexed.has(beside) && stemOf(rel) !== "index";
    const dir = standIn ? beside : dirOf(rel);
    const stem = standIn ? "_index" : stemOf(rel);
    const fm = frontMatterOf(p);
    // content/_index.md (or content/index.md) is the home page.
    let kind: PageKind = dir === "" && (stem === "_index" || stem === "index")
      ? "home"
      : stem === "_index"
      ? "section"
      : "page";
    const isBundle = stem === "index" && dir !== "";
    const section = sections.get(
      kind === "page" ? sectionOf(sections, isBundle ? dirOf(dir) : dir) : dir,
    )!;
    // Names of files and folders; `slug` and `url` are kept as written.
    const url = pageUrl(
      p,
      fm,
      (kind === "page" && !isBundle ? [...splitDir(dir), stem] : splitDir(dir)).map(urlName),
      diagnostics,
    );
    if (url === null) continue;
    // A page written as the not-found page is that page, not a regular one.
    if (url === "/404.html" && kind === "page") kind = "404";
    if (isBundle) bundleUrls.set(dir, url);
    const str = (key: string) => typeof fm[key] === "string" ? fm[key] as string : null;
    const build = buildOptions(fm);
    const page: DraftPage = {
      ...blankPage(kind, url, "", section),
      file: p.file,
      title: str("title") ??
        (kind === "home"
          ? context.siteTitle
          : humanize(isBundle || kind === "section" ? posix.basename(dir) : stem)),
      description: str("description") ?? "",
      date: str("date"),
      lastmod: str("lastmod") ?? str("date"),
      publishDate: str("publishDate"),
      expiryDate: str("expiryDate"),
      weight: typeof fm.weight === "number" ? fm.weight : 0,
      draft: fm.draft === true,
      params: fm,
      excerpt: p.excerpt,
      wordCount: p.wordCount,
      aliases: Array.isArray(fm.aliases) ? fm.aliases.map(String) : [],
      layoutKey: str("layout") ?? undefined,
      keyLocations: p.keyLocations,
      listed: build.list && build.render,
      rendered: build.render,
    };
    if (kind === "page") {
      if (build.list) section.pages.push(page);
    } else {
      section.page = page;
      section.url = url;
      section.title = page.title;
    }
    pages.push(page);
  }
  // A folder holding headless pages (`build.render: false`) and nothing rendered
  // makes no list page of its own: it is a folder of snippets, not a section.
  const rendered = new Set<string>();
  const headless = new Set<string>();
  for (const page of pages) {
    for (let dir = dirOf(relOf(page.file!)); dir; dir = dirOf(dir)) {
      (page.rendered ? rendered : headless).add(dir);
    }
  }
  for (const section of sections.values()) {
    if (section.page) continue;
    section.page = blankPage(
      section.path ? "section" : "home",
      section.url,
      section.title,
      section,
    );
    if (headless.has(section.path) && !rendered.has(section.path)) {
      section.page.rendered = section.page.listed = false;
    }
    pages.push(section.page);
  }
  return { pages, bundleUrls };
}

/**
 * Links sections to their parents, dates list pages without a date by their
 * newest page (as Hugo does; settled before sections are sorted by date), sorts
 * each section's pages and children, and links prev/next.
 */
function linkSections(sections: ReadonlyMap<string, DraftSection>): void {
  for (const section of sections.values()) {
    if (!section.path) continue;
    section.parent = sections.get(
      sectionOf(sections, posix.dirname(section.path) === "." ? "" : posix.dirname(section.path)),
    )!;
    // An _index.md with `build.list: false` (or no output) keeps its section out of
    // its parent's list of sections (what navigation trees walk).
    if (section.page.listed) section.parent.sections.push(section);
  }
  for (const section of sections.values()) {
    const dates = section.pages.map((p) => p.date).filter((d) => d !== null).sort();
    if (section.page.date === null && dates.length) {
      section.page.date = dates[dates.length - 1];
      section.page.lastmod ??= section.page.date;
    }
  }
  for (const section of sections.values()) {
    section.pages.sort(comparePages);
    section.sections.sort((a, b) => comparePages(a.page, b.page));
    // prev/next are links: a page without an output is nobody's neighbour.
    linkNeighbours({ ...section, pages: section.pages.filter((p) => p.rendered) });
  }
}

/**
 * A page's `build` options (Hugo's, for headless pages): `render: false` writes no
 * output file, `list: false` leaves the page out of its section's pages. `list`
 * defaults to `render`: a page without an output is listed only when asked for
 * (`list: true`, for a list layout that shows its fields). Types are checked by
 * the parse stage (`checkFrontMatter`); anything else reads as the default.
 */
function buildOptions(fm: Readonly<Record<string, unknown>>): { render: boolean; list: boolean } {
  const raw = fm.build;
  const options = typeof raw === "object" && raw !== null && !Array.isArray(raw)
    ? raw as Readonly<Record<string, unknown>>
    : {};
  const render = options.render !== false;
  return { render, list: typeof options.list === "boolean" ? options.list : render };
}

/** Sections and the home list their pages, terms theirs: pages 2…n are new pages. */
function paginateListings(pages: DraftPage[], size: number): void {
  for (const page of [...pages]) {
    const items = page.kind === "term"
      ? page.term!.pages
      : page.kind === "section" || page.kind === "home"
      ? page.section.pages
      : null;
    if (items) append(pages, paginate(page, items as unknown as readonly Page[], size));
  }
}

/**
 * The flat tables: every reference between drafts becomes the referenced
 * record's key, and what stays on the main thread (bodies, locations) is left out.
 */
function flatten(input: {
  readonly pages: readonly DraftPage[];
  readonly sections: ReadonlyMap<string, DraftSection>;
  readonly taxonomies: Readonly<Record<string, DraftTaxonomy>>;
  readonly site: SiteRecord;
  readonly data: Readonly<Record<string, unknown>>;
  readonly layouts: Readonly<Record<string, Layout>>;
}): SiteSnapshot {
  const termKey = (t: DraftTerm) => `${t.taxonomy}/${t.slug}`;
  const urls = (list: readonly { url: string }[]) => list.map((p) => p.url);
  // Pages with equal lists share one array here, where a list a page was ~50 bytes
  // a page. (Packed for the workers, a list this short is written with each record
  // that holds it, and read back with it: see `transfer.ts`.)
  const lists = new Map<string, readonly string[]>();
  const shared = (list: readonly string[]): readonly string[] => {
    const key = JSON.stringify(list);
    const known = lists.get(key);
    if (known) return known;
    lists.set(key, list);
    return list;
  };
  const pages = new Map<string, PageRecord>();
  for (const p of input.pages) {
    pages.set(p.url, {
      kind: p.kind,
      file: p.file,
      url: p.url,
      outputPath: p.outputPath,
      title: p.title,
      description: p.description,
      date: p.date,
      lastmod: p.lastmod,
      publishDate: p.publishDate,
      expiryDate: p.expiryDate,
      weight: p.weight,
      draft: p.draft,
      params: p.params,
      excerpt: p.excerpt,
      wordCount: p.wordCount,
      section: p.section.path,
      layouts: shared(p.layouts),
      terms: Object.fromEntries(
        Object.entries(p.terms).map(([name, terms]) => [name, terms.map(termKey)]),
      ),
      prev: p.prev?.url ?? null,
      next: p.next?.url ?? null,
      breadcrumbs: shared(urls(p.breadcrumbs)),
      paginator: p.paginator && { ...p.paginator, items: urls(p.paginator.items) },
      term: p.term ? termKey(p.term as DraftTerm) : null,
      taxonomy: p.taxonomy?.name ?? null,
      aliases: shared(p.aliases),
      listed: p.listed,
      rendered: p.rendered,
    });
  }
  const sections = new Map<string, SectionRecord>();
  for (const [path, s] of input.sections) {
    sections.set(path, {
      path,
      url: s.url,
      title: s.title,
      page: s.page.url,
      parent: s.parent?.path ?? null,
      sections: s.sections.map((c) => c.path),
      pages: urls(s.pages),
    });
  }
  const terms = new Map<string, TermRecord>();
  const taxonomies = new Map<string, TaxonomyRecord>();
  for (const [name, t] of Object.entries(input.taxonomies)) {
    taxonomies.set(name, {
      name,
      title: t.title,
      url: t.url,
      page: t.page.url,
      terms: t.terms.map(termKey),
    });
    for (const term of t.terms) {
      terms.set(termKey(term), {
        name: term.name,
        slug: term.slug,
        url: term.url,
        taxonomy: term.taxonomy,
        page: term.page.url,
        pages: urls(term.pages),
      });
    }
  }
  return {
    site: input.site,
    pages,
    sections,
    terms,
    taxonomies,
    data: input.data,
    layouts: input.layouts,
  };
}

/** The page's URL from its path, `slug` and `url`, or `null` (with a diagnostic) if unsafe. */
function pageUrl(
  p: ParsedPage,
  fm: Readonly<Record<string, unknown>>,
  segments: string[],
  diagnostics: Diagnostic[],
): string | null {
  let path = segments;
  if (typeof fm.slug === "string") {
    const problem = slugProblem(fm.slug);
    if (problem) {
      diagnostics.push(
        error("unsafe-url", `slug ${JSON.stringify(fm.slug)} is not allowed: ${problem}`, {
          file: p.file,
          ...p.keyLocations.slug,
          hint: "a slug is one path segment, like `my-post`",
        }),
      );
      return null;
    }
    // A slug is written as in a URL (`my%20post`); names of files and folders are literal.
    if (path.length) path = [...path.slice(0, -1), decodeURIComponentSafe(fm.slug.trim())];
  }
  let url = folderUrl(path);
  if (typeof fm.url === "string") {
    const normalized = normalizeUrl(fm.url);
    if ("problem" in normalized) {
      diagnostics.push(
        error("unsafe-url", `url ${JSON.stringify(fm.url)} is not allowed: ${normalized.problem}`, {
          file: p.file,
          ...p.keyLocations.url,
          hint: "write a site-relative path such as /about/ or /feeds/all.xml",
        }),
      );
      return null;
    }
    url = encodePath(normalized.url);
  }
  // Most file systems cap a file name at 255 bytes: say so here, at the key, not
  // as a failed write in a worker.
  // A segment of 85 characters or fewer is at most 255 bytes in UTF-8, decoded or not.
  const longest = Math.max(
    ...outputPathFor(url).split("/").map((s) =>
      s.length <= 85 ? 0 : UTF8.encode(decodeURIComponentSafe(s)).length
    ),
  );
  if (longest > 255) {
    const key = typeof fm.url === "string" ? "url" : typeof fm.slug === "string" ? "slug" : null;
    diagnostics.push(
      error(
        "url-too-long",
        `a part of this page's URL is ${longest} bytes long; file systems allow 255`,
        {
          file: p.file,
          ...(key ? p.keyLocations[key] : {}),
          hint: `shorten the ${key ?? "file name"}`,
        },
      ),
    );
    return null;
  }
  if (outputPathFor(url).split("/").some((s) => s === ".." || s === ".")) {
    // Unreachable after the checks above; kept so no future path can escape.
    diagnostics.push(
      error("unsafe-url", "page would be written outside the output folder", { file: p.file }),
    );
    return null;
  }
  return url;
}

/** Makes a diagnostic: a warning, or an error with `strict`. */
type Problem = typeof error;

/**
 * Each page's layout chain: front matter `layout`, else the first candidate that
 * exists. A `layout` that does not exist is a warning (an error with `strict`), and
 * the page falls back to the layout it would have without the key.
 */
function resolveLayouts(
  pages: readonly DraftPage[],
  layouts: Readonly<Record<string, Layout>>,
  layoutsDir: string,
  problem: Problem,
  diagnostics: Diagnostic[],
): void {
  const chains = new Map<string, string[] | Diagnostic>();
  const hint = (name: string) =>
    `create ${layoutsDir}/${name}, or use one of: ${
      Object.keys(layouts).filter((n) => !n.startsWith("_default/") || n.endsWith("page.vto"))
        .sort().join(", ")
    }`;
  // A missing layout set by a cascade is one mistake, reported once for all its pages.
  const cascaded = new Map<string, string[]>();
  for (const page of pages) {
    let first: string | undefined;
    if (page.layoutKey !== undefined) {
      const named = normalizeLayoutName(page.layoutKey);
      if (layouts[named]) first = named;
      else {
        first = defaultLayout(page, layouts);
        // Reported once, for page 1 of a listing; never for a page nothing renders.
        if ((page.paginator && page.paginator.number > 1) || !page.rendered) {
          // nothing more to say
        } else if (!page.keyLocations.layout) {
          cascaded.set(named, [...(cascaded.get(named) ?? []), page.file ?? page.url]);
        } else {
          diagnostics.push(
            problem("layout-missing", `layout "${named}" does not exist; using ${first}`, {
              file: page.file ?? undefined,
              ...page.keyLocations.layout,
              hint: hint(named),
            }),
          );
        }
      }
    } else first = defaultLayout(page, layouts);
    let chain = chains.get(first!);
    if (!chain) chains.set(first!, chain = layoutChain(layouts, first!));
    if (Array.isArray(chain)) page.layouts = chain;
    else if (!diagnostics.includes(chain)) diagnostics.push(chain);
  }
  for (const [name, users] of cascaded) {
    diagnostics.push(problem(
      "layout-missing",
      `layout "${name}" does not exist (set by a cascade; used by ${users[0]}${
        users.length > 1 ? ` and ${users.length - 1} more` : ""
      }, which use their usual layouts)`,
      { hint: `check the cascade: in an _index.md above these pages; ${hint(name)}` },
    ));
  }
}

/**
 * The layout a page has without a `layout` key: the first of its kind's
 * candidates that exists, the site's own before floe's embedded ones at every level.
 */
function defaultLayout(
  page: DraftPage,
  layouts: Readonly<Record<string, Layout>>,
): string | undefined {
  const scope = page.kind === "term" || page.kind === "taxonomy"
    ? page.taxonomy!.name
    : page.topSection;
  const candidates = layoutCandidates(page.kind, scope);
  return candidates.find((n) => layouts[n] && !layouts[n].file.startsWith("(floe)/")) ??
    candidates.find((n) => layouts[n]);
}

/**
 * The redirect pages of the pages' `aliases`. An alias two pages claim is a
 * warning (an error with `strict`) at the second one's `aliases` key; the page
 * first by source path keeps it. A page without an output has no redirects.
 */
function planRedirects(
  pages: readonly DraftPage[],
  problem: Problem,
  diagnostics: Diagnostic[],
): Redirect[] {
  const redirects: Redirect[] = [];
  const claimed = new Map<string, DraftPage>();
  const claimants = pages
    .filter((p) => p.aliases.length && p.rendered && !(p.paginator && p.paginator.number > 1))
    .sort((a, b) => compareStrings(a.file ?? a.url, b.file ?? b.url));
  for (const page of claimants) {
    const own = new Set<string>();
    for (const alias of page.aliases) {
      const normalized = normalizeUrl(alias);
      if ("problem" in normalized) {
        diagnostics.push(
          error(
            "unsafe-url",
            `alias ${JSON.stringify(alias)} is not allowed: ${normalized.problem}`,
            {
              file: page.file ?? undefined,
              ...page.keyLocations.aliases,
              hint: "aliases are site-relative paths such as /old/url/",
            },
          ),
        );
        continue;
      }
      const from = encodePath(normalized.url);
      if (own.has(from)) continue; // listed twice by the same page
      own.add(from);
      const owner = claimed.get(from);
      if (owner) {
        diagnostics.push(
          problem(
            "alias-conflict",
            `alias ${from} is claimed by ${where(owner)} and ${where(page)}; ${
              owner.file ?? owner.url
            } keeps it`,
            {
              file: page.file ?? undefined,
              ...page.keyLocations.aliases,
              hint:
                `an old URL can redirect to one page only: remove ${from} from the aliases of one of them`,
            },
          ),
        );
        continue;
      }
      claimed.set(from, page);
      redirects.push({ from, outputPath: outputPathFor(from), to: page.url });
    }
  }
  return redirects.sort((a, b) => compareStrings(a.from, b.from));
}

/** `content/a.md:3:1`: a page's file and the line of its `aliases` key. */
function where(page: DraftPage): string {
  const at = page.keyLocations.aliases;
  const name = page.file ?? page.url;
  return at ? `${name}:${at.line}:${at.column}` : name;
}

/**
 * Two sources writing the same output file is an error (generated files: see the
 * post stage). An alias that names a page or file is dropped with an
 * `alias-conflict` (an error when strict): the page stays where it is, as in Hugo.
 * Returns the redirects kept.
 */
function checkCollisions(
  pages: readonly DraftPage[],
  copies: readonly CopyJob[],
  redirects: readonly Redirect[],
  options: {
    readonly contentPrefix: string;
    readonly lowercase: boolean;
    readonly problem: Problem;
  },
  diagnostics: Diagnostic[],
): Redirect[] {
  const owners = new Map<string, string>();
  const folder = (path: string) =>
    `${[options.contentPrefix, path].filter(Boolean).join("/")}/ (a folder without _index.md)`;
  for (const page of pages) {
    const owner = owners.get(page.outputPath);
    const name = page.file ??
      (page.kind === "section"
        ? folder(page.section.path)
        : `(generated ${page.kind} page ${page.url})`);
    if (owner) {
      const byCase = options.lowercase && owner !== name &&
        owner.toLowerCase() === name.toLowerCase();
      diagnostics.push(error("url-collision", `${owner} and ${name} both map to ${page.url}`, {
        file: page.file ?? undefined,
        ...(page.keyLocations.url ?? page.keyLocations.slug ??
          (page.file ? { line: 1, column: 1 } : {})),
        hint: page.kind === "taxonomy" || page.kind === "term"
          ? "a taxonomy's pages clash with a content folder: rename the taxonomy (config `taxonomies`) or the folder"
          : byCase
          ? "their names differ only in case, and `urls.lowercase` makes every URL lower case: rename one of them, or give one a `slug` or `url`"
          : "give one of them a different `slug` or `url` in its front matter",
      }));
    } else owners.set(page.outputPath, name);
  }
  for (const copy of copies) {
    const owner = owners.get(copy.to);
    if (owner) {
      diagnostics.push(error("url-collision", `${owner} and ${copy.source} both write ${copy.to}`, {
        file: copy.source,
        hint: options.lowercase && owner.toLowerCase() === copy.source.toLowerCase()
          ? "their names differ only in case, and `urls.lowercase` makes every URL lower case: rename one of them"
          : "rename or move one of them",
      }));
    } else owners.set(copy.to, copy.source);
  }
  const kept: Redirect[] = [];
  for (const redirect of redirects) {
    const owner = owners.get(redirect.outputPath);
    if (!owner) {
      kept.push(redirect);
      continue;
    }
    const page = pages.find((p) => p.url === redirect.to);
    diagnostics.push(
      options.problem(
        "alias-conflict",
        `alias ${redirect.from} of ${redirect.to} is already taken by ${owner}; ${owner} keeps it`,
        {
          file: page?.file ?? undefined,
          ...page?.keyLocations.aliases,
          hint: "an old URL that is a page's (or a file's) own cannot redirect: remove the alias",
        },
      ),
    );
  }
  return kept;
}

/**
 * The files copied as they are: `static/` to the same path, content assets to
 * their path (names lower case with `urls.lowercase`), except that the files of
 * a leaf bundle follow their page, wherever its URL puts it.
 */
function planCopies(
  inputs: Inputs,
  bundleUrls: ReadonlyMap<string, string | null>,
  contentPrefix: string,
  urlName: (name: string) => string,
): CopyJob[] {
  const copies: CopyJob[] = inputs.statics.map((f) => ({ from: f.abs, to: f.rel, source: f.path }));
  const urlPath = (rel: string) => rel.split("/").map(urlName).join("/");
  for (const asset of inputs.assets) {
    let to: string | null = urlPath(asset.rel);
    for (let dir = parentDir(asset.rel); dir; dir = parentDir(dir)) {
      const url = bundleUrls.get(dir);
      if (url !== undefined) {
        to = url === null ? null : posix.join(
          decodeURIComponent(url).replace(/^\/+/, ""),
          urlPath(asset.rel.slice(dir.length + 1)),
        );
        break;
      }
    }
    if (to === null) continue;
    copies.push({
      from: asset.abs,
      to,
      source: contentPrefix ? `${contentPrefix}/${asset.rel}` : asset.rel,
    });
  }
  return copies;
}

function parentDir(dir: string): string {
  const parent = posix.dirname(dir);
  return parent === "." ? "" : parent;
}

function splitDir(dir: string): string[] {
  return dir ? dir.split("/") : [];
}

/** "getting-started" → "Getting started". */
function humanize(name: string): string {
  const words = name.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const UTF8 = new TextEncoder();
