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

/** Why module state breaks in workers (shared wording of the messages). */
export const PER_WORKER =
  "module state is per worker (each worker has its own copy, so the result " +
  "depends on which worker ran the code)";

/** Why module state breaks in the dev server. */
export const OUTLIVES = "it outlives a build in the dev server (stale after an edit)";

/** The general fix for module state. */
export const STATE_HINT =
  "Create the state per build (a factory called by the build) and pass it in, " +
  "or compute it on the main thread and pass it in the snapshot; if it must stay module-level, " +
  "reset it at the start of every build.";

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
