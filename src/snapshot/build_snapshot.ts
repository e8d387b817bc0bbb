/**
 * Snapshot stage, the one barrier of a build: from the parsed pages, compute URLs,
 * sections and their trees, layout chains and the render schedule, check them, and
 * freeze everything into one `SiteSnapshot`. Runs on the main thread.
 *
 * @module
 */
import { posix } from "node:path";
import type { ResolvedConfig } from "../config/load_config.ts";
import type { Inputs } from "../discover/discover.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import type { TocEntry } from "../parse/markdown.ts";
import type { ParsedPage } from "../parse/parse_page.ts";
import { deepFreeze, type DeepReadonly } from "./deep_freeze.ts";
import { layoutCandidates, layoutChain, normalizeLayoutName } from "./layouts.ts";
import type { Layout, Page, PageKind, Section, SiteSnapshot } from "./types.ts";
import { encodePath, normalizeUrl, outputPathFor, slugProblem } from "./urls.ts";

/**
 * A file copied as is into the output: a `static/` file or a content asset.
 *
 * @example
 * ```ts
 * import type { CopyJob } from "./build_snapshot.ts";
 * const job: CopyJob = { from: "/site/static/logo.svg", to: "logo.svg", source: "static/logo.svg" };
 * ```
 */
export interface CopyJob {
  /** Absolute source path. */
  readonly from: string;
  /** Path relative to the output folder. */
  readonly to: string;
  /** Source path relative to the site, for diagnostics. */
  readonly source: string;
}

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
}

/**
 * The snapshot, plus what stays on the main thread: page bodies (by page id, sent
 * only to the worker rendering that page) and the files to copy.
 *
 * @example
 * ```ts
 * import type { SnapshotResult } from "./build_snapshot.ts";
 * declare const r: SnapshotResult;
 * console.log(r.snapshot.pages.length === r.bodies.length); // true
 * ```
 */
export interface SnapshotResult {
  readonly snapshot: DeepReadonly<SiteSnapshot>;
  /** UTF-8 HTML bodies by page id (empty for generated list pages). */
  readonly bodies: readonly Uint8Array[];
  /** Tables of contents by page id: page-local, so not in the snapshot. */
  readonly tocs: readonly (readonly TocEntry[])[];
  readonly copies: readonly CopyJob[];
  readonly diagnostics: readonly Diagnostic[];
}

const EMPTY = new Uint8Array(0);

type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer V)[] ? V[]
    : T[K];
};
type DraftPage = Mutable<Omit<Page, "section">> & {
  toc: readonly TocEntry[];
  section: DraftSection | null;
  body: Uint8Array;
  topSection: string;
  layoutKey?: string;
};
type DraftSection =
  & Mutable<Omit<Section, "page" | "parent" | "sections" | "pages">>
  & {
    page: DraftPage | null;
    parent: DraftSection | null;
    sections: DraftSection[];
    pages: DraftPage[];
  };

/**
 * Builds and deep-freezes the site snapshot. Problems (URL collisions, unsafe
 * URLs, missing layouts, layout loops) come back as diagnostics, all of them.
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
  const contentPrefix = posix.relative(config.root, config.dirs.content)
    .replaceAll("\\", "/");
  const relOf = (file: string) => contentPrefix ? file.slice(contentPrefix.length + 1) : file;

  const visible = parsed.filter((p) => config.drafts || p.frontMatter.draft !== true);

  // Which folders are sections: the root, folders with an _index.md, and top-level
  // folders holding content (unless the folder is itself a leaf bundle).
  const sectionDirs = new Set<string>([""]);
  const bundleDirs = new Set<string>();
  for (const page of parsed) {
    const rel = relOf(page.file);
    const dir = posix.dirname(rel) === "." ? "" : posix.dirname(rel);
    const name = posix.basename(rel).replace(/\.(md|markdown)$/i, "");
    if (name === "_index") sectionDirs.add(dir);
    else if (name === "index" && dir) bundleDirs.add(dir);
  }
  for (const page of parsed) {
    const top = relOf(page.file).split("/")[0];
    if (
      relOf(page.file).includes("/") &&
      !(bundleDirs.has(top) && !sectionDirs.has(top))
    ) {
      sectionDirs.add(top);
    }
  }
  const sectionOf = (dir: string): string => {
    let d = dir;
    while (d && !sectionDirs.has(d)) {
      d = posix.dirname(d) === "." ? "" : posix.dirname(d);
    }
    return d;
  };

  const sections = new Map<string, DraftSection>();
  for (const path of [...sectionDirs].sort()) {
    sections.set(path, {
      id: 0,
      path,
      url: path ? encodePath(`/${path}/`) : "/",
      title: path ? humanize(posix.basename(path)) : config.title,
      page: null,
      parent: null,
      sections: [],
      pages: [],
    });
  }

  const pages: DraftPage[] = [];
  // Leaf bundle folder → its page's URL; `null` for a draft bundle, whose files stay out.
  const bundleUrls = new Map<string, string | null>();
  for (const p of parsed) {
    const rel = relOf(p.file);
    if (posix.basename(rel).replace(/\.(md|markdown)$/i, "") === "index" && rel.includes("/")) {
      if (!visible.includes(p)) bundleUrls.set(posix.dirname(rel), null);
    }
  }
  for (const p of visible) {
    const rel = relOf(p.file);
    const dir = posix.dirname(rel) === "." ? "" : posix.dirname(rel);
    const stem = posix.basename(rel).replace(/\.(md|markdown)$/i, "");
    const fm = p.frontMatter;
    // content/_index.md (or content/index.md) is the home page.
    const kind: PageKind = dir === "" && (stem === "_index" || stem === "index")
      ? "home"
      : stem === "_index"
      ? "section"
      : "page";
    const isBundle = stem === "index" && dir !== "";
    const sectionPath = kind === "page" ? sectionOf(isBundle ? parentDir(dir) : dir) : dir;

    let segments = kind === "page" && !isBundle ? [...splitDir(dir), stem] : splitDir(dir);
    if (typeof fm.slug === "string") {
      const problem = slugProblem(fm.slug);
      if (problem) {
        diagnostics.push(
          error(
            "unsafe-url",
            `slug ${JSON.stringify(fm.slug)} is not allowed: ${problem}`,
            {
              file: p.file,
              ...p.keyLocations.slug,
              hint: "a slug is one path segment, like `my-post`",
            },
          ),
        );
        continue;
      }
      if (segments.length) {
        segments = [...segments.slice(0, -1), fm.slug.trim()];
      }
    }
    let url = segments.length ? encodePath(`/${segments.join("/")}/`) : "/";
    if (typeof fm.url === "string") {
      const normalized = normalizeUrl(fm.url);
      if ("problem" in normalized) {
        diagnostics.push(
          error(
            "unsafe-url",
            `url ${JSON.stringify(fm.url)} is not allowed: ${normalized.problem}`,
            {
              file: p.file,
              ...p.keyLocations.url,
              hint: "write a site-relative path such as /about/ or /feeds/all.xml",
            },
          ),
        );
        continue;
      }
      url = encodePath(normalized.url);
    }
    const outputPath = outputPathFor(url);
    if (outputPath.split("/").some((s) => s === ".." || s === ".")) {
      // Unreachable after the checks above; kept so no future path can escape.
      diagnostics.push(error("unsafe-url", `page would be written outside the output folder`, {
        file: p.file,
        hint: "check the page's slug and url",
      }));
      continue;
    }
    if (isBundle) bundleUrls.set(dir, url);
    const section = sections.get(sectionPath)!;
    const page: DraftPage = {
      id: 0,
      kind,
      file: p.file,
      url,
      outputPath,
      title: typeof fm.title === "string"
        ? fm.title
        : kind === "home"
        ? config.title
        : humanize(isBundle || kind === "section" ? posix.basename(dir) : stem),
      description: typeof fm.description === "string" ? fm.description : "",
      date: typeof fm.date === "string" ? fm.date : null,
      lastmod: typeof fm.lastmod === "string"
        ? fm.lastmod
        : typeof fm.date === "string"
        ? fm.date
        : null,
      weight: typeof fm.weight === "number" ? fm.weight : 0,
      draft: fm.draft === true,
      params: fm,
      excerpt: p.excerpt,
      toc: p.toc,
      wordCount: p.wordCount,
      section,
      layouts: [],
      body: p.html,
      topSection: sectionPath.split("/")[0],
      layoutKey: typeof fm.layout === "string" ? fm.layout : undefined,
    };
    if (kind === "page") section.pages.push(page);
    else {
      section.page = page;
      section.url = url;
      section.title = page.title;
    }
    pages.push(page);
  }

  // Sections without an _index.md get a generated list page.
  for (const section of sections.values()) {
    if (section.page) continue;
    const page: DraftPage = {
      id: 0,
      kind: section.path ? "section" : "home",
      file: null,
      url: section.url,
      outputPath: outputPathFor(section.url),
      title: section.title,
      description: "",
      date: null,
      lastmod: null,
      weight: 0,
      draft: false,
      params: {},
      excerpt: "",
      toc: [],
      wordCount: 0,
      section,
      layouts: [],
      body: EMPTY,
      topSection: section.path.split("/")[0],
    };
    section.page = page;
    pages.push(page);
  }

  for (const section of sections.values()) {
    if (section.path) {
      const parent = sections.get(sectionOf(parentDir(section.path)))!;
      section.parent = parent;
      parent.sections.push(section);
    }
  }
  // A list page without its own date takes its newest page's (as in Hugo); dates
  // are settled before sections are sorted by them.
  for (const section of sections.values()) {
    const dates = section.pages.map((p) => p.date).filter((d) => d !== null).sort();
    if (section.page && section.page.date === null && dates.length) {
      section.page.date = dates[dates.length - 1];
      section.page.lastmod ??= section.page.date;
    }
  }
  for (const section of sections.values()) {
    section.pages.sort(comparePages);
    section.sections.sort((a, b) => comparePages(a.page!, b.page!));
  }

  // Ids follow URL order, so they do not depend on the order files were parsed in.
  pages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  pages.forEach((page, i) => (page.id = i));
  [...sections.values()].forEach((s, i) => (s.id = i));

  // Layout chains, resolved once per distinct first layout.
  const chains = new Map<string, string[] | Diagnostic>();
  const chainFor = (name: string) => {
    let chain = chains.get(name);
    if (!chain) chains.set(name, chain = layoutChain(layouts, name));
    return chain;
  };
  for (const page of pages) {
    let first: string | undefined;
    if (page.layoutKey !== undefined) {
      first = normalizeLayoutName(page.layoutKey);
      if (!layouts[first]) {
        const p = parsed.find((x) => x.file === page.file);
        diagnostics.push(
          error("layout-missing", `layout "${first}" does not exist`, {
            file: page.file ?? undefined,
            ...p?.keyLocations.layout,
            hint: `create ${config.layoutsDir}/${first}, or use one of: ${
              Object.keys(layouts).filter((n) =>
                !n.startsWith("_default/") || n.endsWith("page.vto")
              ).sort().join(", ")
            }`,
          }),
        );
        continue;
      }
    } else {
      // The site's own layouts win over floe's embedded ones at every level.
      const candidates = layoutCandidates(page.kind, page.topSection);
      first = candidates.find((n) => layouts[n] && !layouts[n].file.startsWith("(floe)/")) ??
        candidates.find((n) => layouts[n]);
    }
    const chain = chainFor(first!);
    if (Array.isArray(chain)) page.layouts = chain;
    else if (!diagnostics.includes(chain)) diagnostics.push(chain);
  }

  // Output collisions: two sources writing the same file.
  const copies = planCopies(input.inputs, bundleUrls, contentPrefix);
  const owners = new Map<string, string>();
  for (const page of pages) {
    const owner = owners.get(page.outputPath);
    const file = page.file ??
      `(generated list page of ${page.section!.path || "home"})`;
    if (owner) {
      const p = parsed.find((x) => x.file === page.file);
      diagnostics.push(
        error("url-collision", `${owner} and ${file} both map to ${page.url}`, {
          file: page.file ?? undefined,
          ...(p?.keyLocations.url ?? p?.keyLocations.slug ??
            { line: 1, column: 1 }),
          hint: "give one of them a different `slug` or `url` in its front matter",
        }),
      );
    } else owners.set(page.outputPath, file);
  }
  for (const copy of copies) {
    const owner = owners.get(copy.to);
    if (owner) {
      diagnostics.push(
        error(
          "url-collision",
          `${owner} and ${copy.source} both write ${copy.to}`,
          {
            file: copy.source,
            hint: "rename or move one of them",
          },
        ),
      );
    } else owners.set(copy.to, copy.source);
  }

  const regular = pages.filter((p) => p.kind === "page").sort(compareByDate);
  const home = sections.get("")!.page!;
  const draftSnapshot = {
    site: {
      title: config.title,
      description: config.description,
      baseURL: config.baseURL,
      language: config.language,
      params: config.params,
      home,
      pages: regular,
      sections: [...sections.values()],
    },
    pages,
    data: input.data,
    layouts,
    schedule: pages
      .map((p) => ({
        id: p.id,
        cost: p.body.length +
          120 * (p.kind === "page" ? 1 : p.section!.pages.length),
      }))
      .sort((a, b) => b.cost - a.cost || a.id - b.id)
      .map((x) => x.id),
  };
  const bodies = pages.map((p) => p.body);
  const tocs = pages.map((p) => p.toc);
  for (const page of pages) {
    delete (page as Partial<DraftPage>).body;
    delete (page as Partial<DraftPage>).toc;
    delete (page as Partial<DraftPage>).topSection;
    delete (page as Partial<DraftPage>).layoutKey;
  }
  return {
    snapshot: deepFreeze(draftSnapshot as unknown as SiteSnapshot),
    bodies,
    tocs,
    copies,
    diagnostics,
  };
}

function planCopies(
  inputs: Inputs,
  bundleUrls: ReadonlyMap<string, string | null>,
  contentPrefix: string,
): CopyJob[] {
  const copies: CopyJob[] = inputs.statics.map((f) => ({
    from: f.abs,
    to: f.rel,
    source: f.path,
  }));
  for (const asset of inputs.assets) {
    // Files of a leaf bundle follow their page, wherever its URL puts it.
    let to: string | null = asset.rel;
    for (let dir = parentDir(asset.rel); dir; dir = parentDir(dir)) {
      const url = bundleUrls.get(dir);
      if (url !== undefined) {
        to = url === null ? null : posix.join(
          decodeURIComponent(url).replace(/^\/+/, ""),
          asset.rel.slice(dir.length + 1),
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

type Sortable = {
  readonly weight: number;
  readonly date: string | null;
  readonly title: string;
  readonly url: string;
};

/** Weight ascending (0 = unweighted, last), then newest first, then title, then URL. */
function comparePages(a: Sortable, b: Sortable): number {
  const wa = a.weight === 0 ? Infinity : a.weight;
  const wb = b.weight === 0 ? Infinity : b.weight;
  if (wa !== wb) return wa < wb ? -1 : 1;
  return compareByDate(a, b);
}

function compareByDate(a: Sortable, b: Sortable): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.title.localeCompare(b.title, "en") ||
    (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}
