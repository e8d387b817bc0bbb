/**
 * The floe lint plugin: thread-safety rules for code that runs inside floe's
 * worker pool (plugins, filters, data loaders). Enable it in `deno.json`:
 *
 * ```json
 * { "lint": { "plugins": ["jsr:@floe/floe/lint"] } }
 * ```
 *
 * Rules: `floe/no-module-mutable-state`, `floe/no-unguarded-singleton`,
 * `floe/no-unsafe-memo`. Findings whose message starts with `Race: ` are
 * errors in the `floe audit` report; the others are warnings.
 *
 * @module
 */

import noModuleMutableState from "./no_module_mutable_state.ts";
import noUnguardedSingleton from "./no_unguarded_singleton.ts";
import noUnsafeMemo from "./no_unsafe_memo.ts";

/**
 * The `floe` lint plugin (`Deno.lint.Plugin`), with its three rules.
 *
 * @example
 * ```ts
 * import plugin from "./mod.ts";
 * const diagnostics = Deno.lint.runPlugin(plugin, "mod.ts", "let n = 0;\nexport const bump = () => n++;");
 * console.log(diagnostics[0].id); // "floe/no-module-mutable-state"
 * ```
 */
const plugin: Deno.lint.Plugin = Object.freeze({
  name: "floe",
  rules: Object.freeze({
    "no-module-mutable-state": noModuleMutableState,
    "no-unguarded-singleton": noUnguardedSingleton,
    "no-unsafe-memo": noUnsafeMemo,
  }),
});
export default plugin;
