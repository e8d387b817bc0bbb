/**
 * `floe/no-module-mutable-state`: module-level `let`/`var`, module-level
 * containers mutated inside functions or exported without being frozen,
 * mutable static class fields, reassigned declarations and writes to
 * `globalThis`.
 *
 * @module
 */

import { createRule } from "./analysis.ts";

/**
 * The `no-module-mutable-state` rule. Module state is per worker (a registry
 * filled on the main thread is empty in the workers, a counter differs by
 * worker) and outlives a build in the dev server. Reported at the binding's
 * declaration (at the write for `globalThis`); a `let` that is never
 * reassigned is autofixed to `const`, a never-written primitive static field
 * to `static readonly`.
 *
 * @example
 * ```ts
 * import noModuleMutableState from "./no_module_mutable_state.ts";
 * const plugin: Deno.lint.Plugin = {
 *   name: "floe",
 *   rules: { "no-module-mutable-state": noModuleMutableState },
 * };
 * ```
 */
const noModuleMutableState: Deno.lint.Rule = createRule(
  "no-module-mutable-state",
);
export default noModuleMutableState;
