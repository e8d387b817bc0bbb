/**
 * How a floe rule is made from its detector: the detector reads the shared
 * {@link ModuleModel} and returns findings; the rule reports them. Rules never
 * look at each other's findings.
 *
 * @module
 */

import type { Node, Range } from "./ast.ts";
import { modelFor, type ModuleModel } from "./model.ts";

/** A finding of one rule. */
export interface Finding {
  /** Where it is reported. */
  readonly node: Node;
  /** The message (see `messages.ts` for its format). */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** A safe autofix, if any. */
  readonly fix?: { readonly range: Range; readonly text: string };
}

/** A rule's detector: all findings of the rule in one module. */
export type Detector = (model: ModuleModel) => Finding[];

/**
 * How long state kept by a worker module lives (shared wording of the
 * messages). Workers are kept for a whole `floe serve` session and recycled
 * only when the config file or a module it imports changes; in a one-shot
 * `floe build` they live for that build.
 */
export const WORKER_LIFETIME = "as long as the worker: in `floe serve` that is every build of " +
  "the session, until an edit to the config (or a module it imports) recycles the workers";

/** Why module state breaks in workers (shared wording of the messages). */
export const PER_WORKER = "module state is per worker (each worker has its own copy, shared by " +
  "every page that worker handles and by none of the other workers, so results can differ by worker)";

/** Why module state breaks across builds (shared wording of the messages). */
export const OUTLIVES = `it lives ${WORKER_LIFETIME}, so after a content edit it still holds ` +
  "what earlier builds left in it";

/** The fix for a cache or other mutable state in a plugin: the per-build hook. */
export const SETUP_FIX = "in a plugin, create it in the per-build hook, " +
  "`const cache = site.setup(() => new Map())` inside the plugin function, " +
  "and read it as `cache()` in the filter, loader or output";

/** The general fix for module state. */
export const STATE_HINT = `Create the state per build: ${SETUP_FIX}. ` +
  "Elsewhere, create it per build and pass it in, or compute it on the main thread and pass it " +
  "in the snapshot.";

/**
 * Runs a detector over a module, guarding `deno lint` against a bug in it.
 *
 * @example
 * ```ts
 * import { detect } from "./rule.ts";
 * declare const ctx: Deno.lint.RuleContext;
 * const findings = detect(ctx, "no-unsafe-memo", () => []);
 * ```
 */
export function detect(ctx: Deno.lint.RuleContext, name: string, detector: Detector): Finding[] {
  const model = modelFor(ctx);
  if (!model) return [];
  try {
    return detector(model);
  } catch (error) {
    console.error(
      `floe lint: floe/${name} failed on ${ctx.filename}: ${(error as Error).stack ?? error}`,
    );
    return [];
  }
}

/**
 * Creates a `Deno.lint.Rule` that reports what `detector` finds.
 *
 * @example
 * ```ts
 * import { defineRule } from "./rule.ts";
 * const rule: Deno.lint.Rule = defineRule("no-unsafe-memo", () => []);
 * ```
 */
export function defineRule(name: string, detector: Detector): Deno.lint.Rule {
  return {
    create(ctx: Deno.lint.RuleContext): Deno.lint.LintVisitor {
      return {
        Program(): void {
          for (const finding of detect(ctx, name, detector)) report(ctx, finding);
        },
      };
    },
  };
}

function report(ctx: Deno.lint.RuleContext, finding: Finding): void {
  const fix = finding.fix;
  ctx.report({
    node: finding.node,
    message: finding.message,
    hint: finding.hint,
    ...(fix
      ? { fix: (fixer: Deno.lint.Fixer) => fixer.replaceTextRange(fix.range, fix.text) }
      : {}),
  });
}
