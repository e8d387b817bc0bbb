/**
 * The shared analysis behind the three floe rules. One pass over a module
 * ({@link analyzeModule}) classifies every module-level binding and decides
 * which rule owns it, so one binding is reported once:
 *
 * 1. a binding used as a get-or-compute cache inside a function is owned by
 *    `no-unsafe-memo` (reported only if the memo has a problem);
 * 2. otherwise a binding lazily initialised inside a function (`if (!x) x = …`,
 *    `x ??= …`, …) is owned by `no-unguarded-singleton`, unless every such
 *    write stores a promise synchronously and nothing else reassigns it (the
 *    recommended pattern: no finding at all);
 * 3. everything else is judged by `no-module-mutable-state`.
 *
 * @module
 */

import {
  childrenOf,
  isAsConst,
  isFunctionNode,
  isStaticCall,
  keyName,
  memberName,
  type Node,
  nodeKey,
  parentOf,
  type Range,
  unwrap,
} from "./ast.ts";
import { formatMessage } from "./messages.ts";
import {
  analyzeScopes,
  enclosingFunction,
  type FunctionInfo,
  type ModuleBinding,
  type ModuleScope,
  type Ref,
} from "./module_scope.ts";

/** The rule names of the floe plugin (without the `floe/` prefix). */
export type RuleName =
  | "no-module-mutable-state"
  | "no-unguarded-singleton"
  | "no-unsafe-memo";

/** A finding produced by {@link analyzeModule}, reported by its rule. */
export interface Finding {
  /** The rule that reports it. */
  readonly rule: RuleName;
  /** Where it is reported. */
  readonly node: Node;
  /** The message (see `messages.ts` for its format). */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** A safe autofix, if any. */
  readonly fix?: { readonly range: Range; readonly text: string };
}

/** All findings of one module. */
export interface ModuleAnalysis {
  /** Findings of all three rules, in source order. */
  readonly findings: readonly Finding[];
}

const NO_FINDINGS: ModuleAnalysis = Object.freeze({ findings: Object.freeze([]) });

// -- shared wording -----------------------------------------------------------

const PER_WORKER = "module state is per worker (each worker has its own copy, so the result " +
  "depends on which worker ran the code)";
const OUTLIVES = "it outlives a build in the dev server (stale after an edit)";
const STATE_HINT = "Create the state per build (a factory called by the build) and pass it in, " +
  "or compute it on the main thread and pass it in the snapshot; if it must stay module-level, " +
  "reset it at the start of every build.";

// -- small syntactic helpers --------------------------------------------------

const same = (
  a: Node | null | undefined,
  b: Node | null | undefined,
): boolean =>
  !!a && !!b && a.type === b.type && a.range[0] === b.range[0] &&
  a.range[1] === b.range[1];

const WRAPPERS: ReadonlySet<string> = new Set([
  "TSNonNullExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSTypeAssertion",
  "ChainExpression",
]);

/** Climbs out of TypeScript wrappers around `node`. */
function outer(node: Node): Node {
  let current = node;
  for (
    let parent = parentOf(current);
    parent && WRAPPERS.has(parent.type);
    parent = parentOf(current)
  ) {
    current = parent;
  }
  return current;
}

/** The write (assignment, update, for-in/of target) `target` is the target of. */
interface Write {
  readonly node: Node;
  readonly operator: string;
  readonly value: Node | null;
}

function writeOf(target: Node): Write | null {
  let child = outer(target);
  let parent = parentOf(child);
  while (parent) {
    const grand = parentOf(parent);
    const inPattern = parent.type === "ArrayPattern" ||
      parent.type === "ObjectPattern" ||
      parent.type === "RestElement" ||
      (parent.type === "AssignmentPattern" &&
        same(parent.left as Node, child)) ||
      (parent.type === "Property" && grand?.type === "ObjectPattern" &&
        same(parent.value as Node, child));
    if (!inPattern) break;
    child = parent;
    parent = grand;
  }
  if (!parent) return null;
  if (
    parent.type === "AssignmentExpression" && same(parent.left as Node, child)
  ) {
    return {
      node: parent,
      operator: parent.operator,
      value: child.type === "Identifier" || child.type === "MemberExpression"
        ? parent.right as Node
        : null,
    };
  }
  if (parent.type === "UpdateExpression") {
    return { node: parent, operator: parent.operator, value: null };
  }
  if (
    (parent.type === "ForInStatement" || parent.type === "ForOfStatement") &&
    same(parent.left as Node, child)
  ) return { node: parent, operator: "for", value: null };
  return null;
}

const MUTATORS: ReadonlySet<string> = new Set([
  "push",
  "pop",
  "shift",
  "unshift",
  "splice",
  "sort",
  "reverse",
  "fill",
  "copyWithin",
  "set",
  "add",
  "delete",
  "clear",
]);

const OBJECT_MUTATORS = [
  "assign",
  "defineProperty",
  "defineProperties",
  "setPrototypeOf",
];
const REFLECT_MUTATORS = [
  "set",
  "defineProperty",
  "deleteProperty",
  "setPrototypeOf",
];

/** A mutation of a container reached from an identifier. */
interface Mutation {
  /** The mutating expression. */
  readonly node: Node;
  /** 0: the container itself; 1+: a value nested inside it. */
  readonly level: number;
  /** A short description (`.set()`, `a property write`, `Object.assign`). */
  readonly how: string;
}

function mutationOf(id: Node, text: string): Mutation | null {
  let current = outer(id);
  let depth = 0;
  for (;;) {
    const parent = parentOf(current);
    if (
      parent?.type === "MemberExpression" &&
      same(parent.object as Node, current)
    ) {
      current = outer(parent);
      depth++;
      continue;
    }
    break;
  }
  const parent = parentOf(current);
  if (!parent) return null;
  if (depth >= 1) {
    const write = writeOf(current);
    if (write) {
      return { node: write.node, level: depth - 1, how: "a property write" };
    }
    if (parent.type === "UnaryExpression" && parent.operator === "delete") {
      return { node: parent, level: depth - 1, how: "`delete`" };
    }
    const member = unwrap(current);
    if (
      parent.type === "CallExpression" &&
      same(parent.callee as Node, current) &&
      member.type === "MemberExpression"
    ) {
      const name = memberName(member);
      if (name !== null && MUTATORS.has(name)) {
        return { node: parent, level: depth - 1, how: `\`.${name}()\`` };
      }
    }
  }
  if (
    parent.type === "CallExpression" && parent.arguments.length > 0 &&
    same(parent.arguments[0] as Node, current) &&
    (isStaticCall(parent, "Object", OBJECT_MUTATORS) ||
      isStaticCall(parent, "Reflect", REFLECT_MUTATORS))
  ) {
    const callee = parent.callee as Node;
    return {
      node: parent,
      level: depth,
      how: `\`${text.slice(callee.range[0], callee.range[1])}\``,
    };
  }
  return null;
}

/** Walks `node`'s subtree; `enter` returning `false` skips the children. */
function walk(node: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (enter(current) === false) continue;
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Walks a function body without entering nested functions (arrows too unless `arrows`). */
function walkOwn(fn: Node, enter: (node: Node) => void, arrows = false): void {
  const body = fn.type === "PropertyDefinition"
    ? fn.value as Node | null
    : fn.type === "StaticBlock"
    ? fn
    : isFunctionNode(fn)
    ? fn.body as Node | null
    : null;
  if (!body) return;
  walk(body, (node) => {
    if (
      node !== body &&
      (node.type === "FunctionDeclaration" ||
        node.type === "FunctionExpression")
    ) {
      return false;
    }
    if (node !== body && node.type === "ArrowFunctionExpression" && !arrows) {
      return false;
    }
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") {
      return false;
    }
    enter(node);
  });
}

/** True when the function returns a value (an expression-bodied arrow, or `return x`). */
function returnsValue(fn: Node): boolean {
  if (
    fn.type === "ArrowFunctionExpression" && fn.body.type !== "BlockStatement"
  ) return true;
  let found = false;
  walkOwn(fn, (node) => {
    if (node.type === "ReturnStatement" && node.argument) found = true;
  });
  return found;
}

function isFreezeCall(node: Node): boolean {
  const call = unwrap(node);
  if (call.type !== "CallExpression") return false;
  const callee = unwrap(call.callee as Node);
  const name = callee.type === "Identifier"
    ? callee.name
    : callee.type === "MemberExpression"
    ? memberName(callee)
    : null;
  return name === "freeze" || name === "deepFreeze";
}

/** What a module binding's initialiser makes it. */
type ContainerKind =
  | "array"
  | "object"
  | "map"
  | "weakmap"
  | "set"
  | "instance"
  | "unknown"
  | "immutable"
  | "none";

const CONTAINER_CLASSES: Readonly<Record<string, ContainerKind>> = Object
  .freeze({
    Map: "map",
    WeakMap: "weakmap",
    Set: "set",
    WeakSet: "set",
    Array: "array",
    Object: "object",
  });

/** Classes whose instances carry no state worth reporting. */
const STATELESS_CLASSES: ReadonlySet<string> = new Set([
  "RegExp",
  "TextEncoder",
  "TextDecoder",
  "URLPattern",
  "Promise",
  "Date",
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "Symbol",
  "WeakRef",
]);

function containerKind(init: Node | null): ContainerKind {
  if (!init) return "none";
  const node = unwrap(init);
  switch (node.type) {
    case "Literal":
    case "TemplateLiteral":
    case "UnaryExpression":
    case "BinaryExpression":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
    case "ClassExpression":
      return "immutable";
    case "ArrayExpression":
      return "array";
    case "ObjectExpression":
      return "object";
    case "Identifier":
      return node.name === "undefined" ? "none" : "unknown";
    case "NewExpression": {
      const callee = unwrap(node.callee as Node);
      if (callee.type === "Identifier") {
        if (STATELESS_CLASSES.has(callee.name)) return "immutable";
        return CONTAINER_CLASSES[callee.name] ?? "instance";
      }
      if (
        callee.type === "MemberExpression" &&
        unwrap(callee.object as Node).type === "Identifier" &&
        (unwrap(callee.object as Node) as Deno.lint.Identifier).name === "Intl"
      ) return "immutable";
      return "instance";
    }
    case "CallExpression": {
      if (isFreezeCall(node)) {
        const argument = node.arguments[0] as Node | undefined;
        return argument ? containerKind(argument) : "immutable";
      }
      if (isStaticCall(node, "Object", ["create", "fromEntries"])) {
        return "object";
      }
      if (isStaticCall(node, "Array", ["from", "of"])) return "array";
      const callee = unwrap(node.callee as Node);
      if (
        callee.type === "Identifier" &&
        ["Symbol", "String", "Number", "Boolean", "BigInt"].includes(
          callee.name,
        )
      ) return "immutable";
      return "unknown";
    }
    default:
      return "unknown";
  }
}

const KIND_LABEL: Readonly<Record<ContainerKind, string>> = Object.freeze({
  array: "array",
  object: "object",
  map: "Map",
  weakmap: "WeakMap",
  set: "Set",
  instance: "class instance",
  unknown: "value",
  immutable: "value",
  none: "value",
});

// -- lazy initialisation ------------------------------------------------------

/** Matches the expression that is lazily initialised (`x`, `this.instance`). */
type TargetMatcher = (node: Node) => boolean;

function isUndefinedOrNull(node: Node): boolean {
  const n = unwrap(node);
  return (n.type === "Identifier" && n.name === "undefined") ||
    (n.type === "Literal" && n.value === null) ||
    (n.type === "UnaryExpression" && n.operator === "void");
}

function isTypeofCheck(node: Node, target: TargetMatcher): boolean {
  const n = unwrap(node);
  return n.type === "UnaryExpression" && n.operator === "typeof" &&
    target(n.argument as Node);
}

/** `!x`, `x === undefined`, `x == null`, `typeof x === "undefined"`, `!x && y`. */
function isUnsetCheck(test: Node, target: TargetMatcher): boolean {
  const n = unwrap(test);
  if (n.type === "UnaryExpression" && n.operator === "!") {
    return isSetCheck(n.argument as Node, target, false);
  }
  if (
    n.type === "BinaryExpression" &&
    (n.operator === "===" || n.operator === "==")
  ) {
    const left = n.left as Node, right = n.right as Node;
    if (target(left) && isUndefinedOrNull(right)) return true;
    if (target(right) && isUndefinedOrNull(left)) return true;
    if (isTypeofCheck(left, target) || isTypeofCheck(right, target)) {
      return true;
    }
  }
  if (
    n.type === "LogicalExpression" &&
    (n.operator === "||" || n.operator === "&&")
  ) {
    return isUnsetCheck(n.left as Node, target) ||
      isUnsetCheck(n.right as Node, target);
  }
  return false;
}

/** `x`, `x !== undefined`, `x != null`, `!!x`, `x && y`. */
function isSetCheck(
  test: Node,
  target: TargetMatcher,
  allowLogical = true,
): boolean {
  const n = unwrap(test);
  if (target(n)) return true;
  if (n.type === "UnaryExpression" && n.operator === "!") {
    return isUnsetCheck(n.argument as Node, target);
  }
  if (
    n.type === "BinaryExpression" &&
    (n.operator === "!==" || n.operator === "!=")
  ) {
    const left = n.left as Node, right = n.right as Node;
    if (target(left) && isUndefinedOrNull(right)) return true;
    if (target(right) && isUndefinedOrNull(left)) return true;
    if (isTypeofCheck(left, target) || isTypeofCheck(right, target)) {
      return true;
    }
  }
  if (allowLogical && n.type === "LogicalExpression" && n.operator === "&&") {
    return isSetCheck(n.left as Node, target) ||
      isSetCheck(n.right as Node, target);
  }
  return false;
}

function exits(statement: Node): boolean {
  if (
    statement.type === "ReturnStatement" || statement.type === "ThrowStatement"
  ) return true;
  if (statement.type === "BlockStatement" && statement.body.length > 0) {
    return exits(statement.body[statement.body.length - 1] as Node);
  }
  return false;
}

/** A detected lazy initialisation. */
interface LazyInit {
  /** The assignment. */
  readonly assign: Node;
  /** The check that guards it (the assignment itself for `??=`). */
  readonly check: Node;
  /** The assigned value, if any. */
  readonly value: Node | null;
  /** Source form for the message. */
  readonly form: string;
}

/**
 * If the assignment `write` (to something matched by `target`) is guarded by a
 * check of that same target inside its function, describes the pattern.
 */
function lazyInitOf(
  write: Write,
  target: TargetMatcher,
  label: string,
): LazyInit | null {
  const assign = write.node;
  if (assign.type !== "AssignmentExpression") return null;
  if (write.operator === "??=" || write.operator === "||=") {
    return {
      assign,
      check: assign,
      value: assign.right as Node,
      form: `${label} ${write.operator} …`,
    };
  }
  if (write.operator !== "=") return null;
  let child: Node = assign;
  for (
    let parent = parentOf(child);
    parent;
    child = parent, parent = parentOf(parent)
  ) {
    if (
      isFunctionNode(parent) || parent.type === "Program" ||
      parent.type === "StaticBlock"
    ) break;
    if (parent.type === "PropertyDefinition") break;
    if (
      parent.type === "LogicalExpression" &&
      (parent.operator === "??" || parent.operator === "||") &&
      same(parent.right as Node, child) &&
      isSetCheck(parent.left as Node, target)
    ) {
      return {
        assign,
        check: parent.left as Node,
        value: assign.right as Node,
        form: `${label} ${parent.operator} (${label} = …)`,
      };
    }
    if (
      parent.type === "IfStatement" || parent.type === "ConditionalExpression"
    ) {
      const test = parent.test as Node;
      if (
        same(parent.consequent as Node, child) && isUnsetCheck(test, target)
      ) {
        return {
          assign,
          check: test,
          value: assign.right as Node,
          form: `if (!${label}) ${label} = …`,
        };
      }
      if (
        same(parent.alternate as Node | null, child) && isSetCheck(test, target)
      ) {
        return {
          assign,
          check: test,
          value: assign.right as Node,
          form: `if (${label}) … else ${label} = …`,
        };
      }
    }
    // Early return: `if (x) return x; …; x = …`
    const siblings = parent.type === "BlockStatement"
      ? parent.body as Node[]
      : parent.type === "SwitchCase"
      ? parent.consequent as Node[]
      : null;
    if (siblings) {
      for (const sibling of siblings) {
        if (sibling.range[0] >= child.range[0]) break;
        if (
          sibling.type === "IfStatement" && !sibling.alternate &&
          isSetCheck(sibling.test as Node, target) &&
          exits(sibling.consequent as Node)
        ) {
          return {
            assign,
            check: sibling.test as Node,
            value: assign.right as Node,
            form: `if (${label}) return …; ${label} = …`,
          };
        }
      }
    }
  }
  return null;
}

/**
 * A "once" flag (`if (!warned) warned = true`): a primitive literal assigned
 * under a guard is a flag, not an instance, so it is no singleton (a `let`
 * flag is still reassigned module state).
 */
function isOnceFlag(lazy: LazyInit): boolean {
  const value = lazy.value ? unwrap(lazy.value) : null;
  return !!value && value.type === "Literal" && value.value !== null &&
    typeof value.value !== "object";
}

/** The first `await` between the check and the end of the assignment, if any. */
function raceAwait(lazy: LazyInit, fn: FunctionInfo | null): Range | null {
  if (!fn) return null;
  const from = lazy.check === lazy.assign
    ? (lazy.assign as Deno.lint.AssignmentExpression).right.range[0]
    : lazy.check.range[1];
  for (const range of fn.awaits) {
    if (range[0] >= from && range[1] <= lazy.assign.range[1]) return range;
  }
  return null;
}

// -- the analysis -------------------------------------------------------------

/**
 * Analyses one module and returns the findings of all three floe rules.
 *
 * @example
 * ```ts
 * import { analyzeModule } from "./analysis.ts";
 * declare const ctx: Deno.lint.RuleContext;
 * const { findings } = analyzeModule(ctx.sourceCode.ast, ctx.sourceCode.text, ctx.filename);
 * for (const finding of findings) console.log(finding.rule, finding.message);
 * ```
 */
export function analyzeModule(
  program: Deno.lint.Program,
  text: string,
  filename: string,
): ModuleAnalysis {
  // Declaration files describe types, not run-time state.
  if (/\.d\.[cm]?ts$/.test(filename)) return NO_FINDINGS;
  const scope = analyzeScopes(program, text);
  const findings: Finding[] = [];
  const isTs = /\.(?:ts|tsx|mts|cts)$/.test(filename);
  const fnName = (fn: FunctionInfo | null): string =>
    fn ? `\`${fn.name}()\`` : "module initialisation";
  const objectTypes = objectTypeNames(program);

  const isPromiseValued = (value: Node | null, typeText: string): boolean => {
    if (!value) return false;
    const node = unwrap(value);
    if (node.type === "AwaitExpression") return false;
    if (/\bPromise\s*</.test(typeText) || /\bPromiseLike\s*</.test(typeText)) {
      return true;
    }
    if (node.type === "ImportExpression") return true;
    if (node.type === "NewExpression") {
      const callee = unwrap(node.callee as Node);
      return callee.type === "Identifier" && callee.name === "Promise";
    }
    if (node.type === "ConditionalExpression") {
      return isPromiseValued(node.consequent as Node, "") &&
        isPromiseValued(node.alternate as Node, "");
    }
    if (node.type === "LogicalExpression") {
      return isPromiseValued(node.right as Node, "");
    }
    if (node.type !== "CallExpression") return false;
    const callee = unwrap(node.callee as Node);
    if (isFunctionNode(callee)) return callee.async;
    if (callee.type === "MemberExpression") {
      const name = memberName(callee);
      if (name === "then" || name === "catch" || name === "finally") {
        return true;
      }
      const object = unwrap(callee.object as Node);
      return object.type === "Identifier" && object.name === "Promise";
    }
    if (callee.type !== "Identifier") return false;
    if (callee.name === "fetch") return true;
    const local = scope.locals.get(nodeKey(callee));
    if (local) return local.asyncFn;
    const binding = scope.bindings.get(callee.name);
    if (!binding) return false;
    if (binding.kind === "function") {
      return (binding.declaration as Deno.lint.FunctionDeclaration | null)
        ?.async ?? false;
    }
    const init = binding.init ? unwrap(binding.init) : null;
    return !!init && isFunctionNode(init) && init.async;
  };

  const owned = new Set<ModuleBinding>();

  // 1. no-unsafe-memo -------------------------------------------------------
  for (const binding of scope.bindings.values()) {
    const memo = analyzeMemo(binding);
    if (!memo) continue;
    owned.add(binding);
    if (memo.problems.length === 0) continue;
    findings.push({
      rule: "no-unsafe-memo",
      node: binding.id,
      message: formatMessage(
        binding.name,
        `is a module-level memo cache (${memo.kindLabel}) used by ${memo.fnNames}`,
        `${memo.problems.join("; ")}. ${capitalize(PER_WORKER)}, and ${OUTLIVES}.`,
      ),
      hint: memo.hints.join(" "),
    });
  }

  // 2. no-unguarded-singleton -------------------------------------------------
  const bindingTarget = (binding: ModuleBinding): TargetMatcher => (node) => {
    const n = unwrap(node);
    return n.type === "Identifier" && n.name === binding.name;
  };
  const promiseOnly = new Set<ModuleBinding>();
  for (const binding of scope.bindings.values()) {
    if (owned.has(binding)) continue;
    if (binding.kind !== "let" && binding.kind !== "var") continue;
    const lazies: { lazy: LazyInit; ref: Ref }[] = [];
    let otherWrites = 0;
    let promiseStores = 0;
    for (const ref of binding.refs) {
      if (ref.alias) continue;
      const write = writeOf(ref.node);
      if (!write || !ref.fn) continue;
      const found = lazyInitOf(write, bindingTarget(binding), binding.name);
      const lazy = found && !isOnceFlag(found) ? found : null;
      if (!lazy) {
        otherWrites++;
        continue;
      }
      const race = raceAwait(lazy, ref.syntacticFn);
      if (!race && isPromiseValued(lazy.value, binding.typeText)) {
        promiseStores++;
        continue;
      }
      lazies.push({ lazy, ref });
    }
    if (lazies.length > 0) {
      owned.add(binding);
      for (const { lazy, ref } of lazies) {
        findings.push(singletonFinding(binding.name, lazy, ref.syntacticFn));
      }
    } else if (promiseStores > 0 && otherWrites === 0) {
      owned.add(binding);
      promiseOnly.add(binding);
    }
  }

  // Function-property singletons: `getX.instance = …` inside a function.
  for (const binding of scope.bindings.values()) {
    const isFn = binding.kind === "function" ||
      (binding.kind === "const" && !!binding.init &&
        isFunctionNode(unwrap(binding.init)));
    if (!isFn) continue;
    for (const ref of binding.refs) {
      if (ref.alias || !ref.fn) continue;
      const member = parentOf(outer(ref.node));
      if (
        member?.type !== "MemberExpression" ||
        !same(member.object as Node, outer(ref.node))
      ) continue;
      const property = memberName(member);
      if (property === null) continue;
      const write = writeOf(member);
      if (!write || write.node.type !== "AssignmentExpression") continue;
      const label = `${binding.name}.${property}`;
      const target: TargetMatcher = (node) => {
        const n = unwrap(node);
        return n.type === "MemberExpression" && memberName(n) === property &&
          unwrap(n.object as Node).type === "Identifier" &&
          (unwrap(n.object as Node) as Deno.lint.Identifier).name ===
            binding.name;
      };
      const lazy = lazyInitOf(write, target, label) ??
        {
          assign: write.node,
          check: write.node,
          value: write.value,
          form: `${label} = …`,
        };
      if (isOnceFlag(lazy)) continue;
      const race = raceAwait(lazy, ref.syntacticFn);
      if (
        !race && lazy.form !== `${label} = …` && isPromiseValued(lazy.value, "")
      ) continue;
      findings.push(
        singletonFinding(label, lazy, ref.syntacticFn, "function property"),
      );
    }
  }

  // Static-instance singletons and static fields.
  const ownedStatics = new Set<string>();
  for (const cls of moduleClasses(program, scope)) {
    for (const { field, name } of staticFields(cls.node)) {
      const target: TargetMatcher = (node) => {
        const n = unwrap(node);
        if (n.type !== "MemberExpression" || memberName(n) !== name) {
          return false;
        }
        const object = unwrap(n.object as Node);
        return object.type === "ThisExpression" ||
          (object.type === "Identifier" && object.name === cls.name);
      };
      const accesses = staticAccesses(cls, name);
      let lazyFound = false;
      for (const access of accesses) {
        if (!access.fn || !access.fn.deferred) continue;
        const write = writeOf(access.member);
        if (!write || write.node.type !== "AssignmentExpression") continue;
        const lazy = lazyInitOf(write, target, `${cls.name}.${name}`);
        if (!lazy || isOnceFlag(lazy)) continue;
        const race = raceAwait(lazy, access.syntacticFn);
        lazyFound = true;
        if (!race && isPromiseValued(lazy.value, "")) continue;
        findings.push(
          singletonFinding(
            `${cls.name}.${name}`,
            lazy,
            access.syntacticFn,
            "static instance",
          ),
        );
      }
      if (lazyFound) {
        ownedStatics.add(`${cls.name}.${name}`);
        continue;
      }
      const finding = staticFieldFinding(cls, field, name, accesses);
      if (finding) findings.push(finding);
    }
  }

  // 3. no-module-mutable-state ------------------------------------------------
  const fixedDeclarations = new Set<string>();
  for (const binding of scope.bindings.values()) {
    if (owned.has(binding)) continue;
    const finding = mutableStateFinding(binding);
    if (finding) findings.push(finding);
  }

  // Writes to globalThis.
  for (const global of scope.globals) {
    if (global.node.name !== "globalThis") continue;
    const mutation = mutationOf(global.node, text);
    if (!mutation) continue;
    const member = parentOf(outer(global.node));
    const property = member?.type === "MemberExpression" ? memberName(member) : null;
    if (property !== null && /^on[a-z]+$/.test(property)) continue; // worker event handlers
    const label = property !== null ? `globalThis.${property}` : "globalThis";
    findings.push({
      rule: "no-module-mutable-state",
      node: mutation.node,
      message: formatMessage(
        label,
        `is written (${mutation.how}) in ${fnName(global.fn)}`,
        `globals are per worker just like module state (a value set on the main thread does not exist in the workers), and ${OUTLIVES}.`,
      ),
      hint:
        "Pass the value explicitly (a parameter, the build context or the snapshot) instead of publishing it on `globalThis`.",
    });
  }

  findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
  return Object.freeze({ findings: Object.freeze(findings) });

  // -- helpers that need the module's scope ---------------------------------

  function singletonFinding(
    label: string,
    lazy: LazyInit,
    fn: FunctionInfo | null,
    what = "module binding",
  ): Finding {
    const race = raceAwait(lazy, fn);
    const where = fnName(fn);
    if (race) {
      return {
        rule: "no-unguarded-singleton",
        node: lazy.assign,
        message: formatMessage(
          label,
          `is checked and then assigned after an \`await\` in ${where} (\`${lazy.form}\`)`,
          "two concurrent callers both see it unset before the first assignment lands and both create it " +
            `(the async twin of a check-then-act race); besides, ${PER_WORKER}.`,
          true,
        ),
        hint: "Store the promise synchronously, without awaiting, and await it afterwards: " +
          `\`${label}Promise ??= create(); return await ${label}Promise;\` — or create it eagerly / per build and pass it in.`,
      };
    }
    return {
      rule: "no-unguarded-singleton",
      node: lazy.assign,
      message: formatMessage(
        label,
        `is a lazily initialised ${what} in ${where} (\`${lazy.form}\`)`,
        `${PER_WORKER}, so every worker creates its own instance, and ${OUTLIVES}.`,
      ),
      hint:
        "Create it per build and pass it in, or initialise it eagerly at module level as a `const`; " +
        "for async resources store the promise synchronously (`p ??= open()`, no `await`).",
    };
  }

  function mutableStateFinding(binding: ModuleBinding): Finding | null {
    if (
      binding.kind === "import" || binding.kind === "enum" ||
      binding.kind === "namespace"
    ) return null;
    // A module-level alias (`const a = registry`) is reported through its target.
    if (binding.aliasOf) return null;
    const direct = binding.refs.filter((ref) => !ref.alias);
    const writes = direct.map((ref) => ({ ref, write: writeOf(ref.node) }))
      .filter((entry): entry is { ref: Ref; write: Write } => entry.write !== null);
    const fnWrites = writes.filter((entry) => entry.ref.fn !== null);

    if (binding.kind === "function" || binding.kind === "class") {
      if (writes.length === 0) return null;
      const first = writes[0];
      return {
        rule: "no-module-mutable-state",
        node: binding.id,
        message: formatMessage(
          binding.name,
          `is a module-level ${binding.kind} that is reassigned in ${fnName(first.ref.fn)}`,
          `${PER_WORKER}, and ${OUTLIVES}.`,
        ),
        hint:
          "Do not reassign declarations; keep the replaceable behaviour in a value passed in per build.",
      };
    }

    let kind = containerKind(binding.init);
    if (binding.destructured) kind = "unknown";
    let frozen = !!binding.init && isFreezeCall(binding.init);
    const asConst = !!binding.init && isAsConst(binding.init);
    const mutations: { ref: Ref; mutation: Mutation }[] = [];
    for (const ref of binding.refs) {
      const mutation = mutationOf(ref.node, text);
      if (!mutation) continue;
      mutations.push({
        ref,
        mutation: ref.alias ? { ...mutation, level: mutation.level + 1 } : mutation,
      });
    }
    // `Object.freeze(x)` as a top-level statement freezes it too.
    for (const ref of direct) {
      const call = parentOf(outer(ref.node));
      if (
        !ref.fn && call?.type === "CallExpression" &&
        same(call.arguments[0] as Node, outer(ref.node)) &&
        isFreezeCall(call)
      ) frozen = true;
    }
    const fnMutations = mutations.filter((entry) =>
      entry.ref.fn !== null && kind !== "immutable" &&
      (!frozen || entry.mutation.level >= 1)
    );
    const mutationText = fnMutations.length > 0
      ? `mutated in ${fnName(fnMutations[0].ref.fn)} (${fnMutations[0].mutation.how})`
      : "";

    if (binding.kind === "let" || binding.kind === "var") {
      if (fnWrites.length > 0) {
        const first = fnWrites[0];
        const others = new Set(fnWrites.map((entry) => entry.ref.fn!.name)).size - 1;
        const more = others > 0 ? ` and ${others} other function${others > 1 ? "s" : ""}` : "";
        return {
          rule: "no-module-mutable-state",
          node: binding.id,
          message: formatMessage(
            binding.name,
            `is a module-level \`${binding.kind}\` reassigned in ${fnName(first.ref.fn)}${more}`,
            `${PER_WORKER}, and ${OUTLIVES}.` +
              (binding.exported ? " Importers see the live binding change under them." : ""),
          ),
          hint: STATE_HINT,
        };
      }
      if (writes.length > 0) return null; // assigned only during module initialisation
      const declaration = binding.declaration as
        | Deno.lint.VariableDeclaration
        | null;
      let fix: Finding["fix"];
      if (
        binding.kind === "let" && declaration?.type === "VariableDeclaration" &&
        !fixedDeclarations.has(nodeKey(declaration)) && !declaration.declare &&
        text.slice(declaration.range[0], declaration.range[0] + 3) === "let" &&
        declaration.declarations.every((declarator) => declarator.init !== null) &&
        declaration.declarations.every((declarator) =>
          [...patternNames(declarator.id as Node)].every((name) => {
            const other = scope.bindings.get(name);
            return !!other &&
              other.refs.every((ref) => ref.alias || writeOf(ref.node) === null);
          })
        )
      ) {
        fixedDeclarations.add(nodeKey(declaration));
        fix = {
          range: [declaration.range[0], declaration.range[0] + 3],
          text: "const",
        };
      }
      const containerNote = mutationText ? ` It is also ${mutationText}; ${PER_WORKER}.` : "";
      return {
        rule: "no-module-mutable-state",
        node: binding.id,
        message: formatMessage(
          binding.name,
          `is a module-level \`${binding.kind}\` that is never reassigned`,
          "a module-level `let`/`var` reads as state shared by every page a worker renders; declare it `const`." +
            containerNote,
        ),
        hint: fix
          ? "Use `const` (autofix available)." +
            (containerNote ? " " + STATE_HINT : "")
          : "Declare it with `const`." +
            (containerNote ? " " + STATE_HINT : ""),
        fix,
      };
    }

    // const / using
    if (kind === "immutable" || kind === "none") return null;
    if (fnMutations.length > 0) {
      const fns = new Set(fnMutations.map((entry) => entry.ref.fn!.name)).size -
        1;
      const more = fns > 0 ? ` and ${fns} other function${fns > 1 ? "s" : ""}` : "";
      const nested = fnMutations[0].mutation.level >= 1
        ? " (a nested value; `Object.freeze` is shallow)"
        : "";
      return {
        rule: "no-module-mutable-state",
        node: binding.id,
        message: formatMessage(
          binding.name,
          `is a module-level ${KIND_LABEL[kind]} ${mutationText}${more}${nested}`,
          `${PER_WORKER} — a registry filled on the main thread is empty in the workers — and ${OUTLIVES}.`,
        ),
        hint: STATE_HINT,
      };
    }
    if (
      binding.exported && !frozen && !asConst &&
      (kind === "array" || kind === "object" || kind === "map" ||
        kind === "set" ||
        kind === "weakmap" || kind === "instance")
    ) {
      return {
        rule: "no-module-mutable-state",
        node: binding.id,
        message: formatMessage(
          binding.name,
          `is an exported mutable ${KIND_LABEL[kind]} that is not frozen`,
          `any importer can change it, and ${PER_WORKER}, so a change made in one thread is invisible in the others.`,
        ),
        hint: kind === "array" || kind === "object"
          ? "Freeze it (`Object.freeze(...)`, recursively for nested values) or export a function that returns a fresh copy."
          : "Export a factory that creates one per build instead of a shared instance.",
      };
    }
    return null;
  }

  interface MemoAccess {
    readonly ref: Ref;
    readonly type: "read" | "write" | "readwrite" | "evict" | "size";
    readonly node: Node;
    readonly key: Node | null;
    readonly value: Node | null;
  }

  function memoAccessOf(ref: Ref, kind: ContainerKind): MemoAccess | null {
    const self = outer(ref.node);
    const parent = parentOf(self);
    if (!parent) return null;
    if (
      parent.type === "MemberExpression" && same(parent.object as Node, self)
    ) {
      const member = outer(parent);
      const grand = parentOf(member);
      const name = memberName(parent);
      if (
        grand?.type === "CallExpression" &&
        same(grand.callee as Node, member) && kind !== "object"
      ) {
        const args = grand.arguments as Node[];
        if (name === "get" || name === "has") {
          return {
            ref,
            type: "read",
            node: grand,
            key: args[0] ?? null,
            value: null,
          };
        }
        if (name === "set") {
          return {
            ref,
            type: "write",
            node: grand,
            key: args[0] ?? null,
            value: args[1] ?? null,
          };
        }
        if (name === "delete" || name === "clear") {
          return { ref, type: "evict", node: grand, key: null, value: null };
        }
        return null;
      }
      if (name === "size" || name === "length") {
        return { ref, type: "size", node: parent, key: null, value: null };
      }
      if (kind !== "object" || !parent.computed) {
        if (
          kind === "object" && grand?.type === "CallExpression" &&
          name === "hasOwnProperty"
        ) {
          const args = grand.arguments as Node[];
          return {
            ref,
            type: "read",
            node: grand,
            key: args[0] ?? null,
            value: null,
          };
        }
        return null;
      }
      if (grand?.type === "UnaryExpression" && grand.operator === "delete") {
        return {
          ref,
          type: "evict",
          node: grand,
          key: parent.property as Node,
          value: null,
        };
      }
      const write = writeOf(parent);
      if (write) {
        if (write.node.type !== "AssignmentExpression") return null;
        return {
          ref,
          type: write.operator === "=" ? "write" : "readwrite",
          node: write.node,
          key: parent.property as Node,
          value: write.value,
        };
      }
      return {
        ref,
        type: "read",
        node: member,
        key: parent.property as Node,
        value: null,
      };
    }
    if (
      parent.type === "BinaryExpression" && parent.operator === "in" &&
      same(parent.right as Node, self) &&
      kind === "object"
    ) {
      return {
        ref,
        type: "read",
        node: parent,
        key: parent.left as Node,
        value: null,
      };
    }
    if (
      parent.type === "CallExpression" &&
      isStaticCall(parent, "Object", "hasOwn") &&
      same(parent.arguments[0] as Node, self)
    ) {
      return {
        ref,
        type: "read",
        node: parent,
        key: (parent.arguments[1] as Node) ?? null,
        value: null,
      };
    }
    if (
      parent.type === "CallExpression" &&
      isStaticCall(parent, "Object", "keys") &&
      same(parent.arguments[0] as Node, self)
    ) return { ref, type: "size", node: parent, key: null, value: null };
    return null;
  }

  function analyzeMemo(binding: ModuleBinding): {
    problems: string[];
    hints: string[];
    kindLabel: string;
    fnNames: string;
  } | null {
    if (
      binding.kind !== "const" && binding.kind !== "let" &&
      binding.kind !== "var"
    ) return null;
    if (binding.destructured) return null;
    const kind = containerKind(binding.init);
    if (kind !== "map" && kind !== "weakmap" && kind !== "object") return null;
    if (binding.init && isFreezeCall(binding.init)) return null;
    const accesses: MemoAccess[] = [];
    for (const ref of binding.refs) {
      const access = memoAccessOf(ref, kind);
      if (access) accesses.push(access);
    }
    const byFn = new Map<FunctionInfo, MemoAccess[]>();
    for (const access of accesses) {
      const fn = access.ref.fn;
      if (!fn) continue;
      const list = byFn.get(fn) ?? [];
      list.push(access);
      byFn.set(fn, list);
    }
    const memoFns: { fn: FunctionInfo; accesses: MemoAccess[] }[] = [];
    for (const [fn, list] of byFn) {
      const reads = list.some((a) => a.type === "read" || a.type === "readwrite");
      const writes = list.some((a) => a.type === "write" || a.type === "readwrite");
      if (reads && writes && returnsValue(fn.node)) {
        memoFns.push({ fn, accesses: list });
      }
    }
    if (memoFns.length === 0) return null;

    const problems: string[] = [];
    const hints: string[] = [];
    const reassigned = binding.refs.some((ref) => !ref.alias && ref.fn && writeOf(ref.node));
    const bounded = kind === "weakmap" || reassigned ||
      accesses.some((a) => a.type === "evict" || (a.type === "size" && a.ref.fn !== null));
    if (!bounded) {
      problems.push(
        "it is never bounded or cleared, so it grows for the life of the process",
      );
      hints.push(
        "Create the cache per build (or clear it at the start of each build) and bound it (evict old entries).",
      );
    }
    const memoAccesses = memoFns.flatMap((entry) => entry.accesses);
    const keyIs = (predicate: (key: Node) => boolean): boolean =>
      memoAccesses.some((a) => {
        if (!a.key) return false;
        let key = unwrap(a.key);
        if (key.type === "Identifier") {
          const local = scope.locals.get(nodeKey(key));
          if (local?.init && predicate(unwrap(local.init))) return true;
          if (local && local.kind === "param" && predicate(key)) return true;
          key = unwrap(key);
        }
        return predicate(key);
      });
    if (keyIs((key) => isStaticCall(key, "JSON", "stringify"))) {
      problems.push(
        "it is keyed by `JSON.stringify(...)`, which depends on property order and is slow for large inputs",
      );
      hints.push(
        "Key it by a stable, explicit string (an id or a path), not by serialising the input.",
      );
    }
    if (
      kind !== "weakmap" && keyIs((key) => {
        if (
          key.type === "ThisExpression" || key.type === "ObjectExpression" ||
          key.type === "ArrayExpression"
        ) {
          return true;
        }
        if (key.type !== "Identifier") return false;
        const local = scope.locals.get(nodeKey(key));
        return !!local && local.kind === "param" &&
          isObjectType(local.typeText, objectTypes);
      })
    ) {
      problems.push(
        kind === "object"
          ? 'it is keyed by an object, which an object cache turns into the string "[object Object]"'
          : "it is keyed by object identity, which never matches across workers (values are structured-cloned) or across builds, and it keeps every key alive",
      );
      hints.push(
        "Key it by a stable id of the object (a path or a content hash), or use a `WeakMap` created per build.",
      );
    }
    for (const { fn, accesses: list } of memoFns) {
      const firstRead = list.filter((a) =>
        a.type === "read"
      ).sort((a, b) => a.node.range[0] - b.node.range[0])[0];
      const syn = list[0].ref.syntacticFn;
      for (const write of list) {
        if (write.type !== "write" && write.type !== "readwrite") {
          continue;
        }
        if (isPromiseValued(write.value, "")) {
          continue;
        }
        const from = write.type === "readwrite"
          ? (write.node as Deno.lint.AssignmentExpression).right.range[0]
          : firstRead?.node.range[1];
        if (from === undefined || !syn) {
          continue;
        }
        if (
          syn.awaits.some((range) => range[0] >= from && range[1] <= write.node.range[1])
        ) {
          problems.push(
            `${
              fnName(fn)
            } sets the value after an \`await\`, so concurrent callers all miss and all compute it (thundering herd)`,
          );
          hints.push(
            "Cache the promise synchronously (`cache.set(key, promise)` before awaiting) and delete it if it rejects.",
          );
          break;
        }
      }
      if (
        problems.some((p) => p.includes("thundering"))
      ) break;
    }
    const isMutableLiteral = (value: Node): boolean => {
      const valueKind = containerKind(value);
      return !isFreezeCall(value) &&
        (valueKind === "array" || valueKind === "object" ||
          valueKind === "map" || valueKind === "set");
    };
    const mutableValue = memoAccesses.some((a) => {
      if ((a.type !== "write" && a.type !== "readwrite") || !a.value) {
        return false;
      }
      const value = unwrap(a.value);
      if (value.type !== "Identifier") return isMutableLiteral(value);
      // A local: its initialiser or any value assigned to it in the function.
      const local = scope.locals.get(nodeKey(value));
      if (!local) return false;
      if (local.init && isMutableLiteral(local.init)) return true;
      let assigned = false;
      walkOwn(a.ref.fn!.node, (node) => {
        if (
          node.type === "AssignmentExpression" &&
          node.left.type === "Identifier" &&
          scope.locals.get(nodeKey(node.left)) === local &&
          isMutableLiteral(node.right as Node)
        ) assigned = true;
      }, true);
      return assigned;
    });
    if (mutableValue) {
      problems.push(
        "it hands out the cached mutable object itself, so a caller that changes it changes every later result",
      );
      hints.push("Freeze cached values (`Object.freeze`) or return a copy.");
    }
    const names = [...new Set(memoFns.map((entry) => entry.fn.name))].map((
      name,
    ) => `\`${name}()\``);
    return {
      problems,
      hints,
      kindLabel: KIND_LABEL[kind],
      fnNames: names.join(", "),
    };
  }

  function staticFieldFinding(
    cls: ModuleClass,
    field: Deno.lint.PropertyDefinition,
    name: string,
    accesses: StaticAccess[],
  ): Finding | null {
    const value = field.value as Node | null;
    if (
      value &&
      (isFunctionNode(unwrap(value)) ||
        unwrap(value).type === "ClassExpression")
    ) return null;
    const frozen = !!value && isFreezeCall(value);
    const kind = containerKind(value);
    const written = accesses.some((a) => writeOf(a.member) !== null);
    const mutated = accesses.filter((a) => {
      if (!a.fn || !a.fn.deferred) return false;
      const mutation = mutationOf(a.member, text);
      return mutation !== null && (!frozen || mutation.level >= 1);
    });
    const label = `${cls.name}.${name}`;
    if (mutated.length === 0 && (field.readonly || frozen)) return null;
    const fix = isTs && !field.readonly && !written && mutated.length === 0 &&
        (kind === "immutable" || (kind === "none" && value !== null))
      ? {
        range: [field.key.range[0], field.key.range[0]] as Range,
        text: "readonly ",
      }
      : undefined;
    const where = mutated.length > 0
      ? `mutated in ${fnName(mutated[0].fn)}`
      : written
      ? "reassigned"
      : "not `readonly`";
    return {
      rule: "no-module-mutable-state",
      node: field.key as Node,
      message: formatMessage(
        label,
        `is a mutable static class field (${where})`,
        `static fields are module state, and ${PER_WORKER}; ${OUTLIVES}.`,
      ),
      hint: fix
        ? "Mark it `static readonly` (autofix available), or move it to an instance created per build."
        : "Make it `static readonly` with a frozen value, or move the state to an instance created per build.",
      fix,
    };
  }

  function staticAccesses(cls: ModuleClass, name: string): StaticAccess[] {
    const out: StaticAccess[] = [];
    if (cls.binding) {
      for (const ref of cls.binding.refs) {
        const self = outer(ref.node);
        const member = parentOf(self);
        if (
          member?.type === "MemberExpression" &&
          same(member.object as Node, self) && memberName(member) === name
        ) {
          out.push({ member, fn: ref.fn, syntacticFn: ref.syntacticFn });
        }
      }
    }
    for (const fn of scope.functions.values()) {
      if (!fn.isStatic || !same(fn.classNode, cls.node)) continue;
      walkOwn(fn.node, (node) => {
        if (
          node.type === "MemberExpression" &&
          unwrap(node.object as Node).type === "ThisExpression" &&
          memberName(node) === name
        ) {
          const syntacticFn = enclosingFunction(scope, node) ?? fn;
          out.push({ member: node, fn: fn.deferred ? fn : null, syntacticFn });
        }
      }, true);
    }
    return out;
  }
}

interface StaticAccess {
  readonly member: Node;
  readonly fn: FunctionInfo | null;
  readonly syntacticFn: FunctionInfo | null;
}

interface ModuleClass {
  readonly node: Deno.lint.ClassDeclaration | Deno.lint.ClassExpression;
  readonly name: string;
  readonly binding: ModuleBinding | null;
}

function moduleClasses(
  program: Deno.lint.Program,
  scope: ModuleScope,
): ModuleClass[] {
  const out: ModuleClass[] = [];
  for (const raw of program.body as Node[]) {
    let statement: Node = raw;
    if (statement.type === "ExportNamedDeclaration" && statement.declaration) {
      statement = statement.declaration as Node;
    }
    if (statement.type === "ExportDefaultDeclaration") {
      statement = statement.declaration as Node;
    }
    if (
      statement.type === "ClassDeclaration" ||
      statement.type === "ClassExpression"
    ) {
      const name = statement.id?.name ?? "default";
      out.push({
        node: statement,
        name,
        binding: statement.id ? scope.bindings.get(name) ?? null : null,
      });
    } else if (statement.type === "VariableDeclaration") {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? unwrap(declarator.init as Node) : null;
        if (
          init?.type === "ClassExpression" &&
          declarator.id.type === "Identifier"
        ) {
          out.push({
            node: init,
            name: declarator.id.name,
            binding: scope.bindings.get(declarator.id.name) ?? null,
          });
        }
      }
    }
  }
  return out;
}

function staticFields(
  cls: Deno.lint.ClassDeclaration | Deno.lint.ClassExpression,
): { field: Deno.lint.PropertyDefinition; name: string }[] {
  const out: { field: Deno.lint.PropertyDefinition; name: string }[] = [];
  for (const member of cls.body.body as Node[]) {
    if (
      member.type !== "PropertyDefinition" || !member.static || member.declare
    ) continue;
    const name = keyName(member.key as Node, member.computed);
    if (name !== null) out.push({ field: member, name });
  }
  return out;
}

function patternNames(pattern: Node): Set<string> {
  const names = new Set<string>();
  walk(pattern, (node) => {
    if (node.type === "Identifier") names.add(node.name);
    if (node.type === "AssignmentPattern") {
      walk(node.left as Node, (inner) => {
        if (inner.type === "Identifier") names.add(inner.name);
      });
      return false;
    }
  });
  return names;
}

/** Names of interfaces, object type aliases and classes declared in the module. */
function objectTypeNames(program: Deno.lint.Program): Set<string> {
  const names = new Set<string>();
  for (const raw of program.body as Node[]) {
    let statement: Node = raw;
    if (statement.type === "ExportNamedDeclaration" && statement.declaration) {
      statement = statement.declaration as Node;
    }
    if (
      statement.type === "TSInterfaceDeclaration" ||
      statement.type === "ClassDeclaration"
    ) {
      if (statement.id) names.add(statement.id.name);
    } else if (
      statement.type === "TSTypeAliasDeclaration" &&
      (statement.typeAnnotation as Node).type === "TSTypeLiteral"
    ) {
      names.add(statement.id.name);
    }
  }
  return names;
}

/** Does a parameter's annotation (`: Page`, `: {…}`, `: X[]`) denote an object? */
function isObjectType(
  typeText: string,
  objectTypes: ReadonlySet<string>,
): boolean {
  const type = typeText.replace(/^:\s*/, "").trim();
  if (!type) return false;
  if (
    /^(?:object\b|\{|Record<|Map<|Set<|Array<|ReadonlyArray<|Readonly<)/.test(
      type,
    )
  ) return true;
  if (/\[\]$/.test(type)) return true;
  const name = /^([A-Za-z_$][\w$]*)(?:<.*>)?$/.exec(type)?.[1];
  return name !== undefined && objectTypes.has(name);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The analysis of the module `ctx` is linting, computed once and shared by the
 * three rules (they run one after the other on the same AST).
 *
 * @example
 * ```ts
 * import { analysisFor } from "./analysis.ts";
 * declare const ctx: Deno.lint.RuleContext;
 * const findings = analysisFor(ctx).findings.filter((f) => f.rule === "no-unsafe-memo");
 * ```
 */
export function analysisFor(ctx: Deno.lint.RuleContext): ModuleAnalysis {
  const program = ctx.sourceCode.ast;
  const cached = analyses.get(program);
  if (cached) return cached;
  let analysis: ModuleAnalysis;
  try {
    analysis = analyzeModule(program, ctx.sourceCode.text, ctx.filename);
  } catch (error) {
    // A bug in the analysis must not break `deno lint` for the whole project.
    console.error(
      `floe lint: could not analyse ${ctx.filename}: ${(error as Error).stack ?? error}`,
    );
    analysis = NO_FINDINGS;
  }
  analyses.set(program, analysis);
  return analysis;
}

/**
 * Per-AST cache of analyses. A WeakMap keyed by the AST object: entries go
 * away with the AST, and nothing is shared across files or threads.
 */
const analyses = new WeakMap<object, ModuleAnalysis>();

/**
 * Creates a rule that reports the findings of `rule` from the shared analysis.
 *
 * @example
 * ```ts
 * import { createRule } from "./analysis.ts";
 * const rule: Deno.lint.Rule = createRule("no-unsafe-memo");
 * ```
 */
export function createRule(rule: RuleName): Deno.lint.Rule {
  return {
    create(ctx: Deno.lint.RuleContext): Deno.lint.LintVisitor {
      return {
        Program(): void {
          for (const finding of analysisFor(ctx).findings) {
            if (finding.rule !== rule) continue;
            const fix = finding.fix;
            ctx.report({
              node: finding.node,
              message: finding.message,
              hint: finding.hint,
              ...(fix
                ? {
                  fix: (fixer: Deno.lint.Fixer) => fixer.replaceTextRange(fix.range, fix.text),
                }
                : {}),
            });
          }
        },
      };
    },
  };
}
