/**
 * What a remembered build depends on besides its input files: floe's and the
 * libraries' versions, the resolved config (the worker count aside: it never
 * changes the output; the output folder aside: the session compares it itself),
 * the config module and the local modules it imports. A different fingerprint
 * makes a full build.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { sha256 } from "../base/hash.ts";
import { FLOE_VERSION, OUTPUT_DEPENDENCIES } from "../base/version.ts";
import type { ResolvedConfig } from "../config/load_config.ts";

/**
 * The fingerprint of a resolved config.
 *
 * @example
 * ```ts
 * import { configFingerprint } from "./fingerprint.ts";
 * import { resolveConfig } from "../config/load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * console.log(configFingerprint(config).length); // 64
 * ```
 */
export function configFingerprint(config: DeepReadonly<ResolvedConfig>): string {
  // The output folder is compared on its own (its own full-build reason).
  const { workers: _, configModule: __, outputDir: ___, dirs, ...settings } = config;
  const { output: ____, ...inputDirs } = dirs;
  return sha256(JSON.stringify([
    FLOE_VERSION,
    OUTPUT_DEPENDENCIES,
    settings,
    inputDirs,
    config.configFile ? moduleGraphHash(config.configFile) : null,
  ]));
}

/** Hash of a module and of the local modules it imports, in a stable order. */
function moduleGraphHash(file: string): string {
  const hash = createHash("sha256");
  for (const module of localModules(file)) {
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
 * import { localModules } from "./fingerprint.ts";
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
