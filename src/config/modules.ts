/**
 * The local module graph of a config file: the files a watcher must watch and a
 * fingerprint must hash for the config to be current.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A config file's local module graph, read once: its modules (the config first),
 * the hash of all of them, and the hash of the modules it imports (the config's
 * own file aside, which is imported by a URL that carries its content hash).
 *
 * @example
 * ```ts
 * import { moduleGraph } from "./modules.ts";
 * console.log(moduleGraph("site/floe.config.ts").hash.length); // 64
 * ```
 */
export interface ModuleGraph {
  readonly modules: readonly string[];
  readonly hash: string;
  readonly importsHash: string;
}

/**
 * Reads the local module graph of `file` (see {@link localModules}).
 *
 * @example
 * ```ts
 * import { moduleGraph } from "./modules.ts";
 * const graph = moduleGraph("site/floe.config.ts");
 * console.log(graph.modules.length >= 1);
 * ```
 */
export function moduleGraph(file: string): ModuleGraph {
  const modules = localModules(file);
  const all = createHash("sha256");
  const imports = createHash("sha256");
  modules.forEach((module, i) => {
    let text: string;
    try {
      text = readFileSync(module, "utf8");
    } catch {
      text = "missing";
    }
    all.update(`${module}\0${text}\0`);
    if (i > 0) imports.update(`${module}\0${text}\0`);
  });
  return { modules, hash: all.digest("hex"), importsHash: imports.digest("hex") };
}

/**
 * A module and, recursively, the relative modules it imports (`./x.ts`,
 * `../y.ts`): the files a watcher must watch for the config to be current.
 * Found by scanning the source: a dynamic import with a computed path is missed.
 *
 * @example
 * ```ts
 * import { localModules } from "./modules.ts";
 * console.log(localModules("site/floe.config.ts")); // [".../site/floe.config.ts"]
 * ```
 */
export function localModules(file: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    if (found.includes(path)) return;
    found.push(path);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return;
    }
    const imports = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
    for (const [, spec] of text.matchAll(imports)) visit(resolve(dirname(path), spec));
  };
  visit(resolve(file));
  return found;
}

/** A config module's namespace, as `import()` gives it. */
export type ConfigModule = { readonly default?: unknown };

/**
 * Imports a config module again and again in one process, seeing every edit.
 * A changed config file gets a new URL (its content hash), so `import()`
 * evaluates it again; but the modules it imports keep their URLs, and this
 * thread keeps the first version of each. Once one of those has changed, the
 * config's local module graph is copied into a folder named by its hash (in the
 * system's temporary folder) and imported from there: new URLs, so every module
 * is evaluated afresh, functions (filters, plugins) included.
 *
 * @example
 * ```ts
 * import { importConfigModule, moduleGraph } from "./modules.ts";
 * const file = "site/floe.config.ts";
 * const url = new URL(file, `file://${Deno.cwd()}/`).href;
 * const mod = await importConfigModule(file, url, moduleGraph(file));
 * ```
 */
export async function importConfigModule(
  file: string,
  url: string,
  graph: ModuleGraph,
): Promise<ConfigModule> {
  const loaded = LOADED.get(file) ?? graph.importsHash;
  LOADED.set(file, loaded);
  if (graph.importsHash === loaded) return await import(url);
  return await importCopy(file, graph.modules, join(copiesFolder(), graph.hash.slice(0, 16)));
}

/**
 * The process's folder of module copies, made on first need and removed when the
 * process exits (Deno dispatches `unload` on a normal end, `Deno.exit` and after a
 * signal handler exits): a dev server whose plugins were edited leaves nothing in
 * the system's temporary folder. The modules stay loaded; only their files go.
 */
function copiesFolder(): string {
  if (COPIES.dir) return COPIES.dir;
  const dir = mkdtempSync(join(tmpdir(), "floe-modules-"));
  // deno-lint-ignore floe/no-unguarded-singleton -- main thread only, made synchronously
  COPIES.dir = dir;
  globalThis.addEventListener("unload", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Per config file, the hash of the modules it imports as this thread first
 * loaded them. It mirrors the isolate's own module cache, which lives as long
 * as the thread: a second session (or `build()` call) in the same process sees
 * the same cached modules, so it must know the same thing about them.
 */
// deno-lint-ignore floe/no-module-mutable-state -- mirrors the isolate's module cache
const LOADED = new Map<string, string>();
/** Where copies of changed module graphs go, made on first need. */
// deno-lint-ignore floe/no-module-mutable-state -- one folder per process, like LOADED
const COPIES: { dir?: string } = {};

/**
 * Imports `file` from a copy of its local module graph under `dir`, keeping the
 * graph's relative layout (so `./plugin.ts` still resolves). An error's paths
 * are turned back into the originals, so diagnostics point at the user's files.
 */
async function importCopy(
  file: string,
  modules: readonly string[],
  dir: string,
): Promise<ConfigModule> {
  const root = modules.map(dirname).reduce(commonFolder);
  for (const module of modules) {
    const target = join(dir, relative(root, module));
    if (existsSync(target) || !existsSync(module)) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(module, target);
  }
  try {
    return await import(pathToFileURL(join(dir, relative(root, file))).href);
  } catch (e) {
    throw originalPaths(e, pathToFileURL(dir).href, pathToFileURL(root).href);
  }
}

function commonFolder(a: string, b: string): string {
  while (relative(a, b).startsWith("..") || isAbsolute(relative(a, b))) a = dirname(a);
  return a;
}

function originalPaths(e: unknown, copy: string, original: string): unknown {
  if (!(e instanceof Error)) return e;
  const fix = (text: string | undefined) => text?.replaceAll(copy, original);
  const fixed = new Error(fix(e.message));
  fixed.stack = fix(e.stack);
  fixed.name = e.name;
  return fixed;
}
