/**
 * `floe/no-unguarded-singleton`: lazy initialisation of module-level state,
 * reported at the assignment. The target is any place of the shared model or
 * a static property chain below it: a module `let` (`if (!x) x = …`,
 * `x ??= …`), a property of a module object (`if (!state.conn) state.conn =
 * …`), a function property (`fn.instance`), a static field (`static
 * instance`) or a property of `globalThis` (`globalThis.k ??= …`, also during
 * module initialisation). A flag (`ready = true`) counts when work happens
 * between its check and its assignment. An `await` between the check and the
 * assignment is a race (an error).
 *
 * @module
 */

import {
  isFunctionNode,
  type Node,
  nodeKey,
  parentOf,
  type Range,
  same,
  unwrap,
  walk,
} from "./ast.ts";
import { formatMessage } from "./messages.ts";
import {
  type Access,
  fnName,
  joinLabel,
  type ModuleModel,
  type Place,
  type PlacePath,
} from "./model.ts";
import { exits, isSetCheck, isUnsetCheck, type TargetMatcher } from "./guards.ts";
import { isPromiseValued, memberChain, type Write, writeOf } from "./patterns.ts";
import { defineRule, type Finding, OUTLIVES, PER_WORKER } from "./rule.ts";

/** A detected lazy initialisation. */
interface LazyInit {
  /** The assignment. */
  readonly assign: Node;
  /** The check that guards it (the assignment itself for `??=`). */
  readonly check: Node;
  /** The assigned value. */
  readonly value: Node | null;
  /** Source form for the message. */
  readonly form: string;
  /** The code that runs only while the target is unset. */
  readonly region: Range;
}

type Guard = Omit<LazyInit, "assign" | "value">;

// -- guards -------------------------------------------------------------------

/** `x ?? (x = …)` / `x || (x = …)` around the assignment. */
function logicalGuard(
  parent: Node,
  child: Node,
  target: TargetMatcher,
  label: string,
): Guard | null {
  if (
    parent.type !== "LogicalExpression" || (parent.operator !== "??" && parent.operator !== "||")
  ) return null;
  if (!same(parent.right as Node, child) || !isSetCheck(parent.left as Node, target)) return null;
  return {
    check: parent.left as Node,
    form: `${label} ${parent.operator} (${label} = …)`,
    region: child.range,
  };
}

/** `if (!x) x = …`, `!x ? (x = …) : …`, `if (x) … else x = …`. */
function ifGuard(parent: Node, child: Node, target: TargetMatcher, label: string): Guard | null {
  if (parent.type !== "IfStatement" && parent.type !== "ConditionalExpression") return null;
  const test = parent.test as Node;
  if (same(parent.consequent as Node, child) && isUnsetCheck(test, target)) {
    return { check: test, form: `if (!${label}) ${label} = …`, region: child.range };
  }
  if (same(parent.alternate as Node | null, child) && isSetCheck(test, target)) {
    return { check: test, form: `if (${label}) … else ${label} = …`, region: child.range };
  }
  return null;
}

/** Early return before the assignment: `if (x) return x; …; x = …`. */
function earlyReturnGuard(
  parent: Node,
  child: Node,
  target: TargetMatcher,
  label: string,
): Guard | null {
  const siblings = parent.type === "BlockStatement"
    ? parent.body as Node[]
    : parent.type === "SwitchCase"
    ? parent.consequent as Node[]
    : parent.type === "Program"
    ? parent.body as Node[]
    : null;
  for (const sibling of siblings ?? []) {
    if (sibling.range[0] >= child.range[0]) break;
    if (
      sibling.type === "IfStatement" && !sibling.alternate &&
      isSetCheck(sibling.test as Node, target) &&
      exits(sibling.consequent as Node)
    ) {
      const region: Range = [sibling.range[1], parent.range[1]];
      return { check: sibling.test as Node, form: `if (${label}) return …; ${label} = …`, region };
    }
  }
  return null;
}

/**
 * If the assignment `write` (to something matched by `target`) is guarded by a
 * check of that same target inside its function, describes the pattern.
 */
function lazyInitOf(write: Write, target: TargetMatcher, label: string): LazyInit | null {
  const assign = write.node;
  if (assign.type !== "AssignmentExpression") return null;
  const value = assign.right as Node;
  if (write.operator === "??=" || write.operator === "||=") {
    return {
      assign,
      check: assign,
      value,
      form: `${label} ${write.operator} …`,
      region: value.range,
    };
  }
  if (write.operator !== "=") return null;
  let child: Node = assign;
  for (let parent = parentOf(child); parent; child = parent, parent = parentOf(parent)) {
    if (
      isFunctionNode(parent) || parent.type === "StaticBlock" ||
      parent.type === "PropertyDefinition"
    ) break;
    const guard = logicalGuard(parent, child, target, label) ??
      ifGuard(parent, child, target, label) ??
      earlyReturnGuard(parent, child, target, label);
    if (guard) return { assign, value, ...guard };
    if (parent.type === "Program") break;
  }
  return null;
}

// -- races and flags ----------------------------------------------------------

/** Where the race window starts: after the check (inside the value for `??=`). */
function windowStart(lazy: LazyInit): number {
  return lazy.check === lazy.assign
    ? (lazy.assign as Deno.lint.AssignmentExpression).right.range[0]
    : lazy.check.range[1];
}

/** The first `await` between the check and the end of the assignment, if any. */
function raceAwait(lazy: LazyInit, awaits: readonly Range[]): Range | null {
  const from = windowStart(lazy);
  return awaits.find((range) => range[0] >= from && range[1] <= lazy.assign.range[1]) ?? null;
}

/** A primitive literal (`true`, `1`, `"done"`): the assignment sets a flag, not an instance. */
function isFlagValue(value: Node | null): boolean {
  const n = value ? unwrap(value) : null;
  return !!n && n.type === "Literal" && n.value !== null && typeof n.value !== "object";
}

function isConsoleCall(node: Node): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = unwrap(node.callee as Node);
  if (callee.type !== "MemberExpression") return false;
  const object = unwrap(callee.object as Node);
  return object.type === "Identifier" && object.name === "console";
}

/**
 * Does the code guarded by the flag do initialising work — a call other than
 * logging, a `new`, an `await`? A flag guarding only a log line is a
 * once-guard, not an initialisation.
 */
function guardsWork(lazy: LazyInit, root: Node): boolean {
  const [from, to] = lazy.region;
  let found = false;
  walk(root, (node) => {
    if (found || node.range[1] <= from || node.range[0] >= to) return false;
    if (node.range[0] < from || node.range[1] > to) return; // an ancestor of the region: descend
    if (isFunctionNode(node)) return false;
    if (node.type === "CallExpression" && !isConsoleCall(node)) found = true;
    if (
      node.type === "NewExpression" || node.type === "AwaitExpression" ||
      node.type === "ImportExpression"
    ) found = true;
  });
  return found;
}

// -- targets ------------------------------------------------------------------

/** Can lazy initialisation of this place (at this depth) be module state? */
function eligible(target: PlacePath): boolean {
  const { place, path } = target;
  if (place.kind === "static") return true;
  if (place.kind === "global") return /[.[]/.test(place.label);
  const binding = place.binding!;
  if (
    binding.aliasOf || binding.kind === "import" || binding.kind === "enum" ||
    binding.kind === "namespace"
  ) {
    return false;
  }
  return path.length > 0 || binding.kind === "let" || binding.kind === "var";
}

function describe(target: PlacePath): string {
  const { place, path } = target;
  if (place.kind === "global") return "global (`globalThis`) property";
  if (place.kind === "static") return "static instance";
  if (path.length === 0) return "module binding";
  return place.binding!.kind === "function" ? "function property" : "property of a module object";
}

function labelOf(target: PlacePath): string {
  return target.path.reduce(joinLabel, target.place.label);
}

function samePath(a: PlacePath | null, b: PlacePath): boolean {
  return !!a && a.place === b.place && a.path.length === b.path.length &&
    a.path.every((p, i) => p === b.path[i]);
}

/** The write at the top of the static member chain above an access, with its target. */
function writtenTarget(
  model: ModuleModel,
  access: Access,
): { target: PlacePath; write: Write } | null {
  if (access.alias) return null;
  const { top } = memberChain(access.node);
  const write = writeOf(top);
  if (!write || write.node.type !== "AssignmentExpression") return null;
  const target = model.pathOf(top);
  if (!target || !eligible(target)) return null;
  if (!access.fn) return null; // initialisation code runs once: nothing is lazy
  return { target, write };
}

// -- findings -----------------------------------------------------------------

function raceFinding(label: string, lazy: LazyInit, access: Access, flag: boolean): Finding {
  return {
    node: lazy.assign,
    message: formatMessage(
      label,
      `is checked and then ${flag ? "set" : "assigned"} after an \`await\` in ${
        fnName(access.fn)
      } (\`${lazy.form}\`)`,
      `two concurrent callers both see it unset before the first assignment lands and both ${
        flag ? "run the initialisation" : "create it"
      } (the async twin of a check-then-act race); besides, ${PER_WORKER}.`,
      true,
    ),
    hint: "Store the promise synchronously, without awaiting, and await it afterwards: " +
      `\`${label}Promise ??= create(); return await ${label}Promise;\` — or create it eagerly, or per build ` +
      "(in a plugin, in the per-build hook: `const db = site.setup(() => open())`, read as `db()`).",
  };
}

function lazyFinding(
  label: string,
  lazy: LazyInit,
  access: Access,
  what: string,
  flag: boolean,
): Finding {
  const form = flag ? `${what} (a flag guarding initialisation)` : what;
  return {
    node: lazy.assign,
    message: formatMessage(
      label,
      `is a lazily initialised ${form} in ${fnName(access.fn)} (\`${lazy.form}\`)`,
      `${PER_WORKER}, so every worker creates its own instance, and ${OUTLIVES}.`,
    ),
    hint: "Create it per build (in a plugin, in the per-build hook: " +
      "`const db = site.setup(() => open())` inside the plugin function, read as `db()`), " +
      "or initialise it eagerly at module level as a `const`; " +
      "for async resources store the promise synchronously (`p ??= open()`, no `await`).",
  };
}

function findingFor(model: ModuleModel, access: Access): Finding | null {
  const written = writtenTarget(model, access);
  if (!written) return null;
  const { target, write } = written;
  const label = labelOf(target);
  const lazy = lazyInitOf(write, (node) => samePath(model.pathOf(node), target), label);
  if (!lazy) return null;
  const race = raceAwait(lazy, model.awaitsOf(access.syn));
  const flag = isFlagValue(lazy.value);
  if (race) return raceFinding(label, lazy, access, flag);
  if (flag && !guardsWork(lazy, access.syn?.node ?? model.program)) return null;
  const typeText = target.path.length === 0 ? target.place.typeText : "";
  if (!flag && isPromiseValued(lazy.value, typeText, model.scope)) return null; // the recommended fix
  return lazyFinding(label, lazy, access, describe(target), flag);
}

/**
 * The detector of `no-unguarded-singleton`: one finding per lazy assignment.
 *
 * @example
 * ```ts
 * import { detectUnguardedSingleton } from "./no_unguarded_singleton.ts";
 * import { buildModel } from "./model.ts";
 * declare const program: Deno.lint.Program;
 * detectUnguardedSingleton(buildModel(program, "", "mod.ts"));
 * ```
 */
export function detectUnguardedSingleton(model: ModuleModel): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const places: readonly Place[] = [...model.bindings, ...model.statics, ...model.globals];
  for (const place of places) {
    for (const access of place.accesses) {
      const finding = findingFor(model, access);
      if (!finding || seen.has(nodeKey(finding.node))) continue;
      seen.add(nodeKey(finding.node));
      findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The `no-unguarded-singleton` rule. A lazily created singleton is per worker
 * and lives as long as the worker, across the builds of a `floe serve`
 * session (warning); when an `await` lies between the check and the
 * assignment two callers race and both create it (error: the message starts
 * with `Race: `). Storing a promise synchronously
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
const noUnguardedSingleton: Deno.lint.Rule = defineRule(
  "no-unguarded-singleton",
  detectUnguardedSingleton,
);
export default noUnguardedSingleton;
