/**
 * Discover stage: walk the site's folders and list every input, in a stable order,
 * each with the size and modification time that tell a later build whether it
 * changed. Content hashes come later (the parse workers hash content files; the
 * session hashes the rest only when size or mtime moved).
 *
 * @module
 */
import { compareStrings } from "../base/arrays.ts";
import { join, relative, resolve, sep } from "node:path";
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
 * Walks `content/`, `layouts/`, `data/` and `static/`. A missing `content/` is an
 * error; the other folders are optional. Names starting with `.` are skipped.
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
  const content = walk(dirs.content, root);
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
 * Lists the files under `dir`, sorted by relative path; `[]` if it does not exist.
 * Synchronous on purpose: nothing else runs on the main thread meanwhile (workers
 * load in their own threads), and the sync calls are ~7x faster than async ones.
 */
function walk(dir: string, root: string): InputFile[] {
  if (!isDirectory(dir)) return [];
  const files: InputFile[] = [];
  const prefix = relative(root, dir).replaceAll("\\", "/");
  const visit = (abs: string, rel: string) => {
    for (const entry of Deno.readDirSync(abs)) {
      if (entry.name.startsWith(".")) continue;
      const childAbs = join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) visit(childAbs, childRel);
      else if (entry.isFile) {
        const stat = Deno.statSync(childAbs);
        files.push(Object.freeze({
          path: prefix ? `${prefix}/${childRel}` : childRel,
          rel: childRel,
          abs: childAbs,
          size: stat.size,
          mtimeMs: stat.mtime?.getTime() ?? 0,
        }));
      }
    }
  };
  visit(dir, "");
  return files.sort((a, b) => compareStrings(a.rel, b.rel));
}

/**
 * The inputs of `previous` updated for the paths a watcher saw change, without
 * walking the folders: each path is stat'ed and added, updated or removed, with
 * a binary search in its sorted list, so the cost follows the number of paths,
 * not the size of the site (lists no path touched are the same arrays). Gives
 * `null` (walk instead) for anything it cannot place for certain: a folder, a
 * path outside the four input folders (the config, say), a hidden name.
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
  const lists: Record<keyof Inputs, readonly InputFile[]> = { ...previous };
  const copied = new Set<keyof Inputs>();
  const touched = new Map<string, InputFile | null>();
  for (const raw of changed) {
    const abs = resolve(raw);
    const role = roles.find(([, dir]) => abs.startsWith(`${dir}${sep}`));
    if (!role) return null;
    const rel = relative(role[1], abs).replaceAll("\\", "/");
    if (rel.split("/").some((segment) => segment.startsWith("."))) return null;
    const name: keyof Inputs = role[0] === "content"
      ? (MARKDOWN.test(rel) ? "pages" : "assets")
      : role[0];
    let stat: Deno.FileInfo | null = null;
    try {
      stat = Deno.statSync(abs);
    } catch { /* gone */ }
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
