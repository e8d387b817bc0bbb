/**
 * `floe/no-unguarded-singleton`: lazy initialisation of module state inside a
 * function (`if (!x) x = …`, `x ??= …`, `x ||= …`, early return, function
 * properties, `static instance`).
 *
 * @module
 */

import { createRule } from "./analysis.ts";

/**
 * The `no-unguarded-singleton` rule. A lazily created singleton is per worker
 * and survives rebuilds in the dev server (warning); when an `await` lies
 * between the check and the assignment two callers race and both create it
 * (error: the message starts with `Race: `). Storing a promise synchronously
 * (`p ??= open()`) is the recommended fix and is not reported. Reported at the
 * assignment.
 *
 * @example
 * ```ts
 * import noUnguardedSingleton from "./no_unguarded_singleton.ts";
 * const plugin: Deno.lint.Plugin = {
 *   name: "floe",
 *   rules: { "no-unguarded-singleton": noUnguardedSingleton },
 * };
 * ```
 */
const noUnguardedSingleton: Deno.lint.Rule = createRule(
  "no-unguarded-singleton",
);
export default noUnguardedSingleton;
