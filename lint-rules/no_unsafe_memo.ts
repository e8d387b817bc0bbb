/**
 * `floe/no-unsafe-memo`: module-level memo caches (get-or-compute on a Map or
 * object) that are unbounded, keyed by `JSON.stringify` or object identity,
 * set after an `await`, or that hand out shared mutable values.
 *
 * @module
 */

import { createRule } from "./analysis.ts";

/**
 * The `no-unsafe-memo` rule. A memo cache is a module-level Map, WeakMap or
 * object that one function both reads and writes before returning a value.
 * Reported at the cache's declaration, listing every problem found; a memo
 * without problems (bounded or cleared, stable keys, promise cached) is not
 * reported, and a memo cache is never also reported as mutable state.
 *
 * @example
 * ```ts
 * import noUnsafeMemo from "./no_unsafe_memo.ts";
 * const plugin: Deno.lint.Plugin = {
 *   name: "floe",
 *   rules: { "no-unsafe-memo": noUnsafeMemo },
 * };
 * ```
 */
const noUnsafeMemo: Deno.lint.Rule = createRule("no-unsafe-memo");
export default noUnsafeMemo;
