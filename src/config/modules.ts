/**
 * The local module graph of a config file: the files a watcher must watch and a
 * fingerprint must hash for the config to be current.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Hash of a module and of the local modules it imports (or, from `skip` on, of
 * only the modules after the first `skip`).
 *
 * @example
 * ```ts
 * import { moduleGraphHash } from "./modules.ts";
 * console.log(moduleGraphHash("site/floe.config.ts").length); // 64
 * ```
 */
export function moduleGraphHash(file: string, skip = 0): string {
  const hash = createHash("sha256");
  for (const module of localModules(file).slice(skip)) {
    let text: string;
    try {
      text = readFileSync(module, "utf8");
    } catch {
      text = "missing";
    }
    hash.update(`${module}\0${text}\0`);
  }
  return hash.digest("hex");
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
 * config is imported in a fresh worker instead, which sends back its data.
 *
 * @example
 * ```ts
 * import { ConfigImporter } from "./modules.ts";
 * const importer = new ConfigImporter();
 * const file = "site/floe.config.ts";
 * const mod = await importer.import(file, new URL(file, `file://${Deno.cwd()}/`).href);
 * ```
 */
export class ConfigImporter {
  /** Hash of the imported modules (the config's own file aside) this thread has loaded. */
  #loaded: string | undefined;
  /** The last config imported in a worker, by the hash of its whole graph. */
  #fresh: { readonly graph: string; readonly module: ConfigModule } | undefined;

  /** Imports the config module at `url` (the file `file`). */
  async import(file: string, url: string): Promise<ConfigModule> {
    const imports = moduleGraphHash(file, 1);
    this.#loaded ??= imports;
    if (imports === this.#loaded) return await import(url);
    const graph = moduleGraphHash(file);
    if (this.#fresh?.graph !== graph) {
      this.#fresh = { graph, module: await importInWorker(url) };
    }
    return this.#fresh.module;
  }
}

/** The config module's default export as data, imported in a worker of its own. */
async function importInWorker(url: string): Promise<ConfigModule> {
  const worker = new Worker(new URL("../../workers/config_worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    const answer = await new Promise<
      { ok: true; data: unknown } | { ok: false; message: string; stack?: string }
    >(
      (resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          resolve({ ok: false, message: e.message });
        };
        worker.postMessage(url);
      },
    );
    if (!answer.ok) {
      // The stack, when the worker sends it, locates the failure in the user's file.
      const failure = new Error(answer.message);
      failure.stack = typeof answer.stack === "string" ? answer.stack : answer.message;
      throw failure;
    }
    return { default: withFilterStubs(answer.data) };
  } finally {
    worker.terminate();
  }
}

/**
 * Filters came back as the `typeof` of each value: functions become stubs (this
 * thread needs only their names), anything else stays a string for validation
 * to refuse.
 */
function withFilterStubs(data: unknown): unknown {
  if (typeof data !== "object" || data === null || !("filters" in data)) return data;
  const filters = (data as { filters: unknown }).filters;
  if (typeof filters !== "object" || filters === null) return data;
  const stub = () => {
    throw new Error("filters run in the render workers");
  };
  return {
    ...data,
    filters: Object.fromEntries(
      Object.entries(filters).map(([name, kind]) => [name, kind === "function" ? stub : kind]),
    ),
  };
}
