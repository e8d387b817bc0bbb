/**
 * Post stage, link check: what a broken link most likely meant — the page made
 * from a linked Markdown file, the file whose path differs only in case, a page
 * or file whose name is a typo or two away (anywhere on the site, or among the
 * pages of the same folder), or the content ids of a page nearest a misspelt
 * `#fragment`.
 *
 * Contract: asked only about links already known to be broken, so nothing here is
 * on the checker's hot path; a {@link LinkSuggester} serves one check and builds
 * its indexes of the site on first use. Its answers are the same whatever the
 * order of the questions, but for one thing: the folder searches of one check
 * share a budget, so with thousands of broken links the last ones asked may get
 * no suggestion rather than a slow build. A suggestion is `null` rather than a
 * guess when two candidates are equally close.
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { closeDistance, closestName, editDistance, editDistanceWithin } from "../errors/suggest.ts";
import {
  FILE_EXTENSION,
  HTML_FILE,
  MARKDOWN_FILE,
  removeDotSegments,
  resolveFile,
  safeDecode,
  SCHEME,
} from "./link_resolve.ts";

/**
 * The site a {@link LinkSuggester} looks for what a link meant.
 *
 * @example
 * ```ts
 * import type { SuggestSite } from "./link_suggest.ts";
 * const site: SuggestSite = {
 *   pages: [{ outputPath: "docs/a/index.html", source: "content/docs/a.md" }],
 *   files: new Set(["docs/a/index.html", "img/logo.png"]),
 * };
 * ```
 */
export interface SuggestSite {
  /** Every page: its output file, and its content file (`null` for generated pages). */
  readonly pages: readonly { readonly outputPath: string; readonly source: string | null }[];
  /** Every output file, relative, with forward slashes: pages and copied files. */
  readonly files: ReadonlySet<string>;
}

/** How many ids of the target page a hint lists when none is close to a fragment. */
const MAX_SUGGESTED_IDS = 5;
/** Names longer than this are matched whole only, not by their one-character variants. */
const MAX_VARIANT_NAME = 64;
/** A folder with more pages than this is not searched page by page for a renamed one. */
const MAX_SIBLINGS = 300;
/**
 * Name comparisons the folder searches of one check may make in all: with
 * thousands of broken links into big folders, the rest get no suggestion rather
 * than a slow build.
 */
export const SIBLING_BUDGET: number = 50_000;
/** The most edits a page name found in its folder may be away. */
const MAX_SIBLING_DISTANCE = 5;

/** A page or file of the output that a misspelt link may have meant. */
interface Target {
  /** Relative to the base path: `docs/a/` for a page, `img/a.png` for a file. */
  readonly path: string;
  /** Its last segment, lower-case: `a`, `a.png`. */
  readonly name: string;
  readonly isPage: boolean;
}

/** Where to look for a page or file by (nearly) its name. */
interface TargetIndex {
  /** By name and by each name with one character left out. */
  readonly byVariant: Map<string, Target[]>;
  /** By parent folder (`docs/`). */
  readonly byParent: Map<string, Target[]>;
}

/**
 * The content id nearest to a fragment that names no element: at most a third of
 * its length (and at least one edit) away; `undefined` for none, or a tie.
 *
 * @example
 * ```ts
 * import { nearestId } from "./link_suggest.ts";
 * nearestId("instal", ["install", "usage"]); // "install"
 * ```
 */
export function nearestId(id: string, contentIds: readonly string[]): string | undefined {
  return closestName(id, contentIds, Math.max(1, Math.floor(id.length / 3)));
}

/**
 * Up to five of `contentIds`, nearest to `id` by edit distance, then by name: what
 * a hint lists when no id is close enough to suggest.
 *
 * @example
 * ```ts
 * import { closestIds } from "./link_suggest.ts";
 * closestIds("setup", ["usage", "install", "faq"]); // ["faq", "usage", "install"]
 * ```
 */
export function closestIds(id: string, contentIds: readonly string[]): string[] {
  return contentIds
    .map((c) => ({ id: c, distance: editDistance(id, c) }))
    .sort((a, b) => a.distance - b.distance || compareStrings(a.id, b.id))
    .slice(0, MAX_SUGGESTED_IDS)
    .map((c) => c.id);
}

/**
 * Finds the output file a broken link most likely meant, for one check of a site.
 * Each answer is an output file (`docs/a/index.html`) or `null`.
 *
 * @example
 * ```ts
 * import { LinkSuggester } from "./link_suggest.ts";
 * const suggest = new LinkSuggester({
 *   pages: [{ outputPath: "docs/guide/index.html", source: "content/docs/guide.md" }],
 *   files: new Set(["docs/guide/index.html"]),
 * });
 * suggest.near("docs/gude/", true); // "docs/guide/index.html"
 * suggest.sameButCase("docs/Guide/"); // "docs/guide/index.html"
 * suggest.markdownPage("guide.md", "docs/a/guide.md", "content/docs/a.md"); // "docs/guide/index.html"
 * ```
 */
export class LinkSuggester {
  readonly #site: SuggestSite;
  // Built on first use: only broken links need them, and most builds have few.
  #filesByLowerCase: Map<string, string> | undefined;
  #pagesBySource: Map<string, string> | undefined;
  #targets: TargetIndex | undefined;
  /** Answers of {@link near}: a link broken on every page is looked up once. */
  readonly #nearby = new Map<string, string | null>();
  #siblingBudget = SIBLING_BUDGET;
  /** Name comparisons the folder searches asked for so far, made or refused. */
  #asked = 0;
  readonly #searches = new Map<string, number>();

  /** A suggester for one check of `site`: nothing is indexed until it is asked. */
  constructor(site: SuggestSite) {
    this.#site = site;
  }

  /**
   * The folder searches asked for so far, and the name comparisons each takes,
   * made or refused, by link. A search costs the same whichever page asks first,
   * so while the searches of all pages together stay within
   * {@link SIBLING_BUDGET}, none is refused, and a page's suggestions do not
   * depend on the pages checked with it.
   */
  get searches(): ReadonlyMap<string, number> {
    return this.#searches;
  }

  /**
   * The page made from the Markdown file a link names: resolved against the page's
   * own content file `source`, as on GitHub (`../guide.md` from
   * `content/docs/a.md`), or as a URL without `.md` (`/docs/guide.md` →
   * `/docs/guide/`). `rest` is the href without fragment and query, `relative`
   * the path it resolved to, relative to the base path.
   */
  markdownPage(rest: string, relative: string, source: string | null): string | null {
    if (source !== null && !rest.startsWith("/") && !SCHEME.test(rest)) {
      const dir = source.slice(0, source.lastIndexOf("/") + 1);
      const wanted = removeDotSegments(`/${dir}${safeDecode(rest)}`).slice(1);
      const output = this.#outputOfSource(wanted);
      if (output !== undefined && this.#site.files.has(output)) return output;
    }
    const bare = relative.replace(MARKDOWN_FILE, "");
    const slash = bare.lastIndexOf("/");
    const name = bare.slice(slash + 1).toLowerCase();
    const folder = name === "_index" || name === "index" || name === "readme";
    return resolveFile(this.#site.files, folder ? bare.slice(0, slash + 1) : `${bare}/`);
  }

  /** The output file whose path differs from `relative`'s only in case, or `null`. */
  sameButCase(relative: string): string | null {
    const byLowerCase = this.#filesByLowerCase ??= lowerCaseIndex(this.#site.files);
    const lower = relative.toLowerCase();
    if (lower === "" || lower.endsWith("/")) return byLowerCase.get(`${lower}index.html`) ?? null;
    return byLowerCase.get(lower) ?? byLowerCase.get(`${lower}/index.html`) ?? null;
  }

  /**
   * The page (or, for a file, the file) the link most likely meant: the URL
   * without `.html`; the same name in another folder; a name one or two typos
   * away; or, in a folder of at most 300 pages, a name a third of its length (at
   * most 5 edits) away, while the check's budget for such searches lasts. `null`
   * when nothing is close or two candidates are equally close.
   */
  near(relative: string, isPage: boolean): string | null {
    const key = `${isPage ? "p" : "f"}${relative}`;
    if (this.#nearby.has(key)) return this.#nearby.get(key)!;
    const asked = this.#asked;
    const found = this.#findNear(relative, isPage);
    if (this.#asked > asked) this.#searches.set(key, this.#asked - asked);
    this.#nearby.set(key, found);
    return found;
  }

  #findNear(relative: string, isPage: boolean): string | null {
    if (isPage && HTML_FILE.test(relative)) {
      const bare = relative.replace(HTML_FILE, "");
      const file = resolveFile(
        this.#site.files,
        bare.endsWith("/index") ? bare.slice(0, -"index".length) : bare,
      );
      if (file !== null) return file;
    }
    const trimmed = isPage ? relative.replace(HTML_FILE, "").replace(/\/+$/, "") : relative;
    const slash = trimmed.lastIndexOf("/");
    const parent = trimmed.slice(0, slash + 1);
    const name = trimmed.slice(slash + 1).toLowerCase();
    if (name === "") return null;
    const targets = this.#targets ??= indexTargets(this.#site);
    const wanted = isPage ? `${trimmed}/`.toLowerCase() : trimmed.toLowerCase();
    // Short names are matched only whole: `g` is not a typo of `a`, nor `b.png` of `a.png`.
    const stem = isPage ? name.length : name.replace(FILE_EXTENSION, "").length;
    const maxNameDistance = stem <= 3 ? 0 : stem <= 7 ? 1 : 2;
    const candidates = sameNameOrTypo(targets, name, isPage);
    let best = pick(candidates, name, parent, wanted, maxNameDistance);
    if (best === null && stem >= 6) best = this.#inFolder(targets, name, parent, wanted, isPage);
    return best === null ? null : resolveFile(this.#site.files, best.path);
  }

  /**
   * A renamed page among the siblings the link's folder has (`getting-started` for
   * `quickstart` is out of reach, `install-guide` for `installation-guide` is not),
   * while the check's budget lasts: each sibling is one name comparison.
   */
  #inFolder(
    targets: TargetIndex,
    name: string,
    parent: string,
    wanted: string,
    isPage: boolean,
  ): Target | null {
    const siblings = targets.byParent.get(parent) ?? [];
    if (siblings.length > MAX_SIBLINGS) return null;
    this.#asked += siblings.length;
    if (siblings.length > this.#siblingBudget) return null;
    this.#siblingBudget -= siblings.length;
    return pick(
      siblings.filter((t) => t.isPage === isPage),
      name,
      parent,
      wanted,
      Math.min(closeDistance(name), MAX_SIBLING_DISTANCE),
    );
  }

  /** The output file of the page made from content file `source`, if any. */
  #outputOfSource(source: string): string | undefined {
    if (this.#pagesBySource === undefined) {
      this.#pagesBySource = new Map();
      // A later page with the same source wins, as it did in the page list.
      for (const p of this.#site.pages) {
        if (p.source !== null) this.#pagesBySource.set(p.source, p.outputPath);
      }
    }
    return this.#pagesBySource.get(source);
  }
}

/** Every output file by its path in lower case; the first in sorted order wins. */
function lowerCaseIndex(files: ReadonlySet<string>): Map<string, string> {
  const byLowerCase = new Map<string, string>();
  for (const f of [...files].sort(compareStrings)) {
    const lower = f.toLowerCase();
    if (!byLowerCase.has(lower)) byLowerCase.set(lower, f);
  }
  return byLowerCase;
}

/**
 * Every page and file of the output by name (and its one-character-less variants,
 * so that one lookup per variant of the wanted name finds every name one edit
 * away) and by folder, in sorted order.
 */
function indexTargets(site: SuggestSite): TargetIndex {
  const byVariant = new Map<string, Target[]>();
  const byParent = new Map<string, Target[]>();
  const pages = new Set(site.pages.map((p) => p.outputPath));
  for (const file of [...site.files].sort(compareStrings)) {
    const isPage = pages.has(file) || HTML_FILE.test(file);
    const path = file.endsWith("index.html") && (file.length === 10 || file.endsWith("/index.html"))
      ? file.slice(0, -"index.html".length)
      : file;
    const trimmed = isPage ? path.replace(HTML_FILE, "").replace(/\/+$/, "") : path;
    const slash = trimmed.lastIndexOf("/");
    const name = trimmed.slice(slash + 1).toLowerCase();
    if (name === "") continue;
    const target: Target = { path, name, isPage };
    addTo(byParent, trimmed.slice(0, slash + 1), target);
    addTo(byVariant, name, target);
    if (name.length <= MAX_VARIANT_NAME) {
      for (const variant of oneLess(name)) addTo(byVariant, variant, target);
    }
  }
  return { byVariant, byParent };
}

function addTo(map: Map<string, Target[]>, key: string, target: Target): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [target]);
  else list.push(target);
}

/**
 * The pages (or files) whose name shares a variant with `name`: the same name,
 * and every name one or two edits away (and some further), for {@link pick}.
 */
function sameNameOrTypo(targets: TargetIndex, name: string, isPage: boolean): Set<Target> {
  const candidates = new Set<Target>();
  for (const variant of [name, ...oneLess(name)]) {
    for (const t of targets.byVariant.get(variant) ?? []) {
      if (t.isPage === isPage) candidates.add(t);
    }
  }
  return candidates;
}

/** Each string made from `name` by leaving out one character, without repeats. */
function oneLess(name: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < name.length; i++) out.add(name.slice(0, i) + name.slice(i + 1));
  return out;
}

/**
 * The candidate whose name is nearest to `name` (at most `maxNameDistance` edits),
 * preferring one in the same folder (`parent`), then the one nearest to the whole
 * `wanted` path; `null` for none, or when two are as near in name and folder: an
 * `overview` page in two other sections is no better a guess than the other.
 */
function pick(
  candidates: Iterable<Target>,
  name: string,
  parent: string,
  wanted: string,
  maxNameDistance: number,
): Target | null {
  let best: Target | null = null;
  let bestName = maxNameDistance + 1;
  let bestHere = false;
  let bestPath = Infinity;
  let tie = false;
  const lowerParent = parent.toLowerCase();
  for (const t of candidates) {
    const d = editDistanceWithin(name, t.name, maxNameDistance);
    if (d > maxNameDistance) continue;
    const here = t.path.toLowerCase().startsWith(lowerParent) &&
      !t.path.slice(parent.length).replace(/\/$/, "").includes("/");
    const p = editDistance(wanted, t.path.toLowerCase());
    if (d < bestName || (d === bestName && here && !bestHere)) {
      best = t;
      bestName = d;
      bestHere = here;
      bestPath = p;
      tie = false;
    } else if (d === bestName && here === bestHere) {
      tie = true;
      if (p < bestPath) {
        best = t;
        bestPath = p;
      }
    }
  }
  return tie ? null : best;
}
