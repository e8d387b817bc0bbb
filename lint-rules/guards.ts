/**
 * Checks that guard a lazy initialisation: `!x`, `x === undefined`,
 * `x == null`, `typeof x === "undefined"` (unset) and their opposites (set),
 * and statements that leave the function. Shared by the singleton rule (which
 * reports the guarded assignment) and the memo rule (which tells a lazily
 * created cache from one that is reset).
 *
 * @module
 */

import { isFunctionNode, type Node, parentOf, same, unwrap } from "./ast.ts";

/** Matches the expression that is checked (`x`, `this.instance`, `state.conn`). */
export type TargetMatcher = (node: Node) => boolean;

function isUndefinedOrNull(node: Node): boolean {
  const n = unwrap(node);
  return (n.type === "Identifier" && n.name === "undefined") ||
    (n.type === "Literal" && n.value === null) ||
    (n.type === "UnaryExpression" && n.operator === "void");
}

function isTypeofCheck(node: Node, target: TargetMatcher): boolean {
  const n = unwrap(node);
  return n.type === "UnaryExpression" && n.operator === "typeof" && target(n.argument as Node);
}

/** `x OP undefined`, `null OP x`, `typeof x OP "undefined"` for an equality operator. */
function comparesToNothing(n: Deno.lint.BinaryExpression, target: TargetMatcher): boolean {
  const left = n.left as Node, right = n.right as Node;
  return (target(left) && isUndefinedOrNull(right)) || (target(right) && isUndefinedOrNull(left)) ||
    isTypeofCheck(left, target) || isTypeofCheck(right, target);
}

/**
 * True for a test that holds while the target is unset: `!x`,
 * `x === undefined`, `x == null`, `typeof x === "undefined"`, `!x && y`.
 *
 * @example
 * ```ts
 * import { isUnsetCheck } from "./guards.ts";
 * declare const test: Deno.lint.Node; // `!db`
 * isUnsetCheck(test, (n) => n.type === "Identifier" && n.name === "db"); // true
 * ```
 */
export function isUnsetCheck(test: Node, target: TargetMatcher): boolean {
  const n = unwrap(test);
  if (n.type === "UnaryExpression" && n.operator === "!") {
    return isSetCheck(n.argument as Node, target, false);
  }
  if (n.type === "BinaryExpression" && (n.operator === "===" || n.operator === "==")) {
    return comparesToNothing(n, target);
  }
  if (n.type === "LogicalExpression" && (n.operator === "||" || n.operator === "&&")) {
    return isUnsetCheck(n.left as Node, target) || isUnsetCheck(n.right as Node, target);
  }
  return false;
}

/**
 * True for a test that holds once the target is set: `x`, `x !== undefined`,
 * `x != null`, `!!x`, `x && y`.
 *
 * @example
 * ```ts
 * import { isSetCheck } from "./guards.ts";
 * declare const test: Deno.lint.Node; // `db !== undefined`
 * isSetCheck(test, (n) => n.type === "Identifier" && n.name === "db"); // true
 * ```
 */
export function isSetCheck(test: Node, target: TargetMatcher, allowLogical = true): boolean {
  const n = unwrap(test);
  if (target(n)) return true;
  if (n.type === "UnaryExpression" && n.operator === "!") {
    return isUnsetCheck(n.argument as Node, target);
  }
  if (n.type === "BinaryExpression" && (n.operator === "!==" || n.operator === "!=")) {
    return comparesToNothing(n, target);
  }
  if (allowLogical && n.type === "LogicalExpression" && n.operator === "&&") {
    return isSetCheck(n.left as Node, target) || isSetCheck(n.right as Node, target);
  }
  return false;
}

/**
 * True for a statement that leaves the function (`return`, `throw`, or a
 * block ending in one).
 *
 * @example
 * ```ts
 * import { exits } from "./guards.ts";
 * declare const statement: Deno.lint.Node; // `{ log(); return x; }`
 * exits(statement); // true
 * ```
 */
export function exits(statement: Node): boolean {
  if (statement.type === "ReturnStatement" || statement.type === "ThrowStatement") return true;
  if (statement.type === "BlockStatement" && statement.body.length > 0) {
    return exits(statement.body[statement.body.length - 1] as Node);
  }
  return false;
}

/**
 * True when the assignment `assign` only creates the target while it is unset
 * (`x ??= v`, `x ||= v`, `if (!x) x = v`, `x ?? (x = v)`): a lazy creation,
 * not a reset.
 *
 * @example
 * ```ts
 * import { isLazyAssignment } from "./guards.ts";
 * declare const assign: Deno.lint.Node; // `cache ??= new Map()`
 * isLazyAssignment(assign, () => true); // true
 * ```
 */
export function isLazyAssignment(assign: Node, target: TargetMatcher): boolean {
  if (assign.type !== "AssignmentExpression") return false;
  if (assign.operator === "??=" || assign.operator === "||=") return true;
  let child: Node = assign;
  for (let parent = parentOf(child); parent; child = parent, parent = parentOf(parent)) {
    if (isFunctionNode(parent) || parent.type === "Program") return false;
    if (
      (parent.type === "IfStatement" || parent.type === "ConditionalExpression") &&
      parent.test !== child
    ) {
      if (same(parent.consequent as Node, child) && isUnsetCheck(parent.test as Node, target)) {
        return true;
      }
    }
    if (
      parent.type === "LogicalExpression" && parent.operator !== "&&" &&
      same(parent.right as Node, child)
    ) {
      if (isSetCheck(parent.left as Node, target)) return true;
    }
  }
  return false;
}
