/**
 * Discover stage: walk the site's folders and list every input, in a stable order,
 * each with the size and modification time that tell a later build whether it
 * changed. Content hashes come later (the parse workers hash content files; the
 * session hashes the rest only when size or mtime moved).
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { eachEntry } from "../base/walk.ts";
import { posix, relative, resolve, sep } from "node:path";
import type { ResolvedConfig } from "../config/load_config.ts";
import { BuildError, error } from "../errors/diagnostic.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";

/**
 * One input file.
 *
 * @example
 * ```ts
 * import type { InputFile } from "./discover.ts";
 * const f: InputFile = { path: "content/a.md", rel: "a.md", abs: "/site/content/a.md", size: 10 };
 * ```
 */
export interface InputFile {
  /** Path relative to the site folder, forward slashes: what diagnostics show. */
  readonly path: string;
  /** Path relative to its own folder (content/, static/ …). */
  readonly rel: string;
  /** Absolute path. */
  readonly abs: string;
  /** Size in bytes. */
  readonly size: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
}

/**
 * Every input of a build, grouped by role, each list sorted by path.
 *
 * @example
 * ```ts
 * import { discover } from "./discover.ts";
 * import { resolveConfig } from "../config/load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * const inputs = await discover(config);
 * console.log(inputs.pages.length);
 * ```
 */
export interface Inputs {
  /** Markdown files in `content/`. */
  readonly pages: readonly InputFile[];
  /** Other files in `content/`, copied beside their pages. */
  readonly assets: readonly InputFile[];
  readonly layouts: readonly InputFile[];
  readonly data: readonly InputFile[];
  readonly statics: readonly InputFile[];
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Whether a file or folder name is never an input, in any of the four folders:
 * dotfiles and dot-folders (`.git/`, `.DS_Store`, emacs' `.#name` locks), editor
 * backups and swap files (`name~`, vim's `name.swp`, `.swo`, … `.swx`, emacs'
 * `#name#`), `Thumbs.db`, and `node_modules/` folders.
 *
 * @example
 * ```ts
 * import { ignoredByDefault } from "./discover.ts";
 * ignoredByDefault("notes.md~", false); // true
 * ignoredByDefault("node_modules", true); // true
 * ignoredByDefault("guide.md", false); // false
 * ```
 */
export function ignoredByDefault(name: string, folder: boolean): boolean {
  if (name.startsWith(".")) return true;
  if (folder) return name === "node_modules";
  return name.endsWith("~") || /\.sw[a-px]$/.test(name) ||
    (name.length > 1 && name.startsWith("#") && name.endsWith("#")) || name === "Thumbs.db";
}

/**
 * Says whether a path of `content/` (relative to it, forward slashes) is left out
 * of the site: the defaults of {@link ignoredByDefault}, then the config's `ignore`
 * patterns, matched with `node:path`'s `matchesGlob` (`*`, `**`, `?`, `[…]`,
 * `{a,b}`; case-sensitive). As in `.gitignore`: a pattern without a `/` matches a
 * name at any depth (`*.vue`, `drafts/`); one with a `/` (or a leading `/`)
 * matches from the content folder (`docs/snippets/`, `/todo.md`); a trailing `/`
 * matches folders only. A file in an ignored folder is ignored.
 *
 * @example
 * ```ts
 * import { contentIgnore } from "./discover.ts";
 * const ignored = contentIgnore(["*.vue", "snippets/"]);
 * ignored("guide/Demo.vue", false); // true
 * ignored("guide/snippets", true); // true
 * ignored("guide/intro.md", false); // false
 * ```
 */
export function contentIgnore(
  patterns: readonly string[],
): (rel: string, folder: boolean) => boolean {
  const rules = patterns.map((raw) => {
    let glob = raw.trim();
    const folderOnly = glob.endsWith("/");
    glob = glob.replace(/\/+$/, "");
    const anchored = glob.startsWith("/") || glob.startsWith("./") || glob.includes("/");
    glob = glob.replace(/^(\.?\/)+/, "");
    return { glob, folderOnly, anchored };
  }).filter((r) => r.glob !== "");
  return (rel, folder) => {
    const name = rel.slice(rel.lastIndexOf("/") + 1);
    if (ignoredByDefault(name, folder)) return true;
    for (const rule of rules) {
      if (rule.folderOnly && !folder) continue;
      if (posix.matchesGlob(rule.anchored ? rel : name, rule.glob)) return true;
    }
    return false;
  };
}

/**
 * Whether `path` (absolute, or relative to the current folder) is inside one of the
 * site's input folders and ignored there: in `content/`, by the defaults and the
 * config's `ignore` (see {@link contentIgnore}); in `layouts/`, `data/` and
 * `static/`, by the defaults. Paths outside the input folders are not ignored. What
 * a file watcher asks before it starts a build. A path that no longer exists is
 * ignored only if it would be as a file and as a folder (it may have been either).
 *
 * @example
 * ```ts
 * import { ignoredInput } from "./discover.ts";
 * import { resolveConfig } from "../config/load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * const ignored = ignoredInput(config);
 * ignored(`${config.dirs.content}/node_modules/x.js`); // true
 * ```
 */
export function ignoredInput(
  config: DeepReadonly<ResolvedConfig>,
): (path: string, folder?: boolean) => boolean {
  const content = contentIgnore(config.ignore);
  const roles = [
    [config.dirs.content, content],
    [config.dirs.layouts, defaultIgnore],
    [config.dirs.data, defaultIgnore],
    [config.dirs.static, defaultIgnore],
  ] as const;
  return (path, folder) => {
    const abs = resolve(path);
    const role = roles.find(([dir]) => abs.startsWith(`${dir}${sep}`));
    if (!role) return false;
    const rel = relative(role[0], abs).replaceAll("\\", "/");
    const ignores = role[1];
    const segments = rel.split("/");
    for (let i = 1; i < segments.length; i++) {
      if (ignores(segments.slice(0, i).join("/"), true)) return true;
    }
    if (folder === undefined) {
      try {
        folder = Deno.statSync(abs).isDirectory;
      } catch {
        return ignores(rel, false) && ignores(rel, true);
      }
    }
    return ignores(rel, folder);
  };
}

/** {@link ignoredByDefault} for a path: its last name. */
function defaultIgnore(rel: string, folder: boolean): boolean {
  return ignoredByDefault(rel.slice(rel.lastIndexOf("/") + 1), folder);
}

/**
 * Walks `content/`, `layouts/`, `data/` and `static/`. A missing `content/` is an
 * error; the other folders are optional. What {@link ignoredByDefault} names is
 * skipped everywhere, and in `content/` what the config's `ignore` names too (see
 * {@link contentIgnore}).
 *
 * @example
 * ```ts
 * import { discover } from "./discover.ts";
 * import { resolveConfig } from "../config/load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * const { pages, statics } = await discover(config);
 * ```
 */
export function discover(config: DeepReadonly<ResolvedConfig>): Inputs {
  const { dirs, root } = config;
  if (!isDirectory(dirs.content)) {
    throw new BuildError([
      error("content-missing", `no content folder at ${dirs.content}`, {
        hint: `create ${config.contentDir}/ with an _index.md, or run \`floe new site <dir>\``,
      }),
    ]);
  }
  const content = walk(dirs.content, root, contentIgnore(config.ignore));
  return Object.freeze({
    pages: content.filter((f) => MARKDOWN.test(f.rel)),
    assets: content.filter((f) => !MARKDOWN.test(f.rel)),
    layouts: walk(dirs.layouts, root),
    data: walk(dirs.data, root),
    statics: walk(dirs.static, root),
  });
}

function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Lists the files under `dir`, sorted by relative path, leaving out what `ignores`
 * names (a folder it names is not entered); `[]` if `dir` does not exist.
 * Synchronous on purpose: nothing else runs on the main thread meanwhile (workers
 * load in their own threads), and the sync calls are ~7x faster than async ones.
 */
function walk(
  dir: string,
  root: string,
  ignores: (rel: string, folder: boolean) => boolean = defaultIgnore,
): InputFile[] {
  const files: InputFile[] = [];
  const prefix = relative(root, dir).replaceAll("\\", "/");
  eachFile(dir, ignores, (abs, rel) => {
    const stat = Deno.statSync(abs);
    files.push(Object.freeze({
      path: prefix ? `${prefix}/${rel}` : rel,
      rel,
      abs,
      size: stat.size,
      mtimeMs: stat.mtime?.getTime() ?? 0,
    }));
  });
  return files.sort((a, b) => compareStrings(a.rel, b.rel));
}

/**
 * Calls `found` with each file under `dir` that `ignores` lets through, in no
 * particular order, until it returns `false`.
 */
function eachFile(
  dir: string,
  ignores: (rel: string, folder: boolean) => boolean,
  found: (abs: string, rel: string) => boolean | void,
): void {
  if (!isDirectory(dir)) return;
  eachEntry(
    dir,
    (abs, rel, entry) => entry.isFile && !ignores(rel, false) ? found(abs, rel) : undefined,
    (rel) => !ignores(rel, true),
  );
}

/**
 * How many pages the content folder holds, counted up to `limit`: the folders
 * listed without a file's details, a fraction of {@link discover}'s time. Lets a
 * build start its parse workers while it discovers a big site.
 *
 * @example
 * ```ts
 * import { countPages } from "./discover.ts";
 * import { resolveConfig } from "../config/load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * countPages(config, 4000); // 4000 for a site with more pages than that
 * ```
 */
export function countPages(config: DeepReadonly<ResolvedConfig>, limit: number): number {
  let pages = 0;
  eachFile(config.dirs.content, contentIgnore(config.ignore), (_abs, rel) => {
    if (MARKDOWN.test(rel)) pages++;
    return pages < limit;
  });
  return pages;
}

/**
 * The inputs of `previous` updated for the paths a watcher saw change, without
 * walking the folders: each path is stat'ed and added, updated or removed, with
 * a binary search in its sorted list, so the cost follows the number of paths,
 * not the size of the site (lists no path touched are the same arrays). An
 * ignored path (see {@link ignoredInput}) is passed over: it is no input. Gives
 * `null` (walk instead) for anything it cannot place for certain: a folder, a
 * path outside the four input folders (the config, say).
 * `touched` maps the site-relative path of every entry added, updated or removed
 * to its new entry (`null`: removed).
 *
 * @example
 * ```ts
 * import { discover, rediscover } from "./discover.ts";
 * import { resolveConfig } from "../config/load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * const before = discover(config);
 * const after = rediscover(config, before, [`${config.dirs.content}/_index.md`])?.inputs ??
 *   discover(config);
 * ```
 */
export function rediscover(
  config: DeepReadonly<ResolvedConfig>,
  previous: Inputs,
  changed: readonly string[],
): { readonly inputs: Inputs; readonly touched: ReadonlyMap<string, InputFile | null> } | null {
  const { dirs, root } = config;
  const roles = [
    ["content", dirs.content],
    ["layouts", dirs.layouts],
    ["data", dirs.data],
    ["statics", dirs.static],
  ] as const;
  const ignored = ignoredInput(config);
  const lists: Record<keyof Inputs, readonly InputFile[]> = { ...previous };
  const copied = new Set<keyof Inputs>();
  const touched = new Map<string, InputFile | null>();
  for (const raw of changed) {
    const abs = resolve(raw);
    const role = roles.find(([, dir]) => abs.startsWith(`${dir}${sep}`));
    if (!role) return null;
    const rel = relative(role[1], abs).replaceAll("\\", "/");
    const name: keyof Inputs = role[0] === "content"
      ? (MARKDOWN.test(rel) ? "pages" : "assets")
      : role[0];
    let stat: Deno.FileInfo | null = null;
    try {
      stat = Deno.statSync(abs);
    } catch { /* gone */ }
    // What is there now and ignored cannot have been an input (nor hold one): the
    // lists were made with the same rules. A vanished path is looked up below.
    if (stat && ignored(abs, stat.isDirectory)) continue;
    if (stat && !stat.isFile) return null;
    const at = lowerBound(lists[name], rel);
    const found = lists[name][at]?.rel === rel;
    if (!stat) {
      // A vanished path may have been a folder: then its files are gone too.
      const inside = `${rel}/`;
      const lists_ = role[0] === "content" ? [lists.pages, lists.assets] : [lists[name]];
      if (!found && lists_.some((l) => l[lowerBound(l, inside)]?.rel.startsWith(inside))) {
        return null;
      }
      if (!found) continue;
    }
    if (!copied.has(name)) {
      lists[name] = [...lists[name]];
      copied.add(name);
    }
    const list = lists[name] as InputFile[];
    const prefix = relative(root, role[1]).replaceAll("\\", "/");
    const path = prefix ? `${prefix}/${rel}` : rel;
    if (!stat) {
      list.splice(at, 1);
      touched.set(path, null);
      continue;
    }
    const file = Object.freeze({
      path,
      rel,
      abs,
      size: stat.size,
      mtimeMs: stat.mtime?.getTime() ?? 0,
    });
    if (found) list[at] = file;
    else list.splice(at, 0, file);
    touched.set(path, file);
  }
  return { inputs: Object.freeze(lists), touched };
}

/** The first index of `list` (sorted by `rel`) whose `rel` is not below `rel`. */
function lowerBound(list: readonly InputFile[], rel: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareStrings(list[mid].rel, rel) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
