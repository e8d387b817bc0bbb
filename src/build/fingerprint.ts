/**
 * What a remembered build depends on besides its input files: floe's and the
 * libraries' versions, the resolved config (the worker count aside: it never
 * changes the output; the output folder aside: the session compares it itself),
 * the config module and the local modules it imports. A different fingerprint
 * makes a full build.
 *
 * @module
 */
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
  // The output folder is compared on its own (its own full-build reason). The
  // settings hold `configGraph`, the hash of the config's code.
  const { workers: _, configModule: __, outputDir: ___, dirs, ...settings } = config;
  const { output: ____, ...inputDirs } = dirs;
  return sha256(JSON.stringify([
    FLOE_VERSION,
    OUTPUT_DEPENDENCIES,
    settings,
    inputDirs,
  ]));
}
