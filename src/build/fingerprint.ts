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

/** Hash of a module and, recursively, the relative modules it imports. */
function moduleGraphHash(file: string, seen = new Set<string>()): string {
  if (seen.has(file)) return "";
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return "missing";
  }
  const hash = createHash("sha256").update(text);
  const imports = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
  for (const [, spec] of text.matchAll(imports)) {
    hash.update(moduleGraphHash(resolve(dirname(file), spec), seen));
  }
  return hash.digest("hex");
}
