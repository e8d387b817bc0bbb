/**
 * Expression-level facts shared by the floe rules: what a node writes or
 * mutates, what kind of container an initialiser creates, whether a value is
 * frozen, a promise or a fresh mutable object, and what a type annotation
 * denotes. Pure functions of the AST (and, for promises, of the scope).
 *
 * @module
 */

import {
  isFunctionNode,
  isStaticCall,
  memberName,
  type Node,
  nodeKey,
  outer,
  parentOf,
  same,
  unwrap,
  walkOwn,
} from "./ast.ts";
import type { ModuleScope } from "./module_scope.ts";

// -- writes and mutations -----------------------------------------------------

/** The write (assignment, update, for-in/of target) an expression is the target of. */
export interface Write {
  /** The assignment, update or loop node. */
  readonly node: Node;
  /** `=`, `??=`, `++`, … or `for`. */
  readonly operator: string;
  /** The assigned value for a plain target (`x = v`, `x ??= v`), else `null`. */
  readonly value: Node | null;
}

/** Is `child` inside an assignment pattern (`[a, b] = …`, `({ a } = …)`) under `parent`? */
function inPattern(parent: Node, child: Node): boolean {
  if (
    parent.type === "ArrayPattern" || parent.type === "ObjectPattern" ||
    parent.type === "RestElement"
  ) {
    return true;
  }
  if (parent.type === "AssignmentPattern") return same(parent.left as Node, child);
  return parent.type === "Property" && parentOf(parent)?.type === "ObjectPattern" &&
    same(parent.value as Node, child);
}

/**
 * The write whose target is `target` (possibly inside a destructuring
 * pattern), or `null` when `target` is only read.
 *
 * @example
 * ```ts
 * import { writeOf } from "./patterns.ts";
 * declare const id: Deno.lint.Identifier; // the `n` of `n++`
 * writeOf(id)?.operator; // "++"
 * ```
 */
export function writeOf(target: Node): Write | null {
  let child = outer(target);
  let parent = parentOf(child);
  while (parent && inPattern(parent, child)) {
    child = parent;
    parent = parentOf(parent);
  }
  if (!parent) return null;
  if (parent.type === "AssignmentExpression" && same(parent.left as Node, child)) {
    const plain = child.type === "Identifier" || child.type === "MemberExpression";
    return { node: parent, operator: parent.operator, value: plain ? parent.right as Node : null };
  }
  if (parent.type === "UpdateExpression") {
    return { node: parent, operator: parent.operator, value: null };
  }
  if (
    (parent.type === "ForInStatement" || parent.type === "ForOfStatement") &&
    same(parent.left as Node, child)
  ) {
    return { node: parent, operator: "for", value: null };
  }
  return null;
}

/** Method names that change the array, Map or Set they are called on. */
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

const OBJECT_MUTATORS = ["assign", "defineProperty", "defineProperties", "setPrototypeOf"];
const REFLECT_MUTATORS = ["set", "defineProperty", "deleteProperty", "setPrototypeOf"];

/** A mutation of a container reached from an expression. */
export interface Mutation {
  /** The mutating expression. */
  readonly node: Node;
  /** 0: the container itself; 1+: a value nested inside it. */
  readonly level: number;
  /** A short description (`.set()`, `a property write`, `Object.assign`). */
  readonly how: string;
}

/** Climbs the member chain `x.a.b` above `node`; returns the top and its depth. */
export function memberChain(node: Node): { top: Node; depth: number } {
  let current = outer(node);
  let depth = 0;
  for (
    let parent = parentOf(current);
    parent?.type === "MemberExpression";
    parent = parentOf(current)
  ) {
    if (!same(parent.object as Node, current)) break;
    current = outer(parent);
    depth++;
  }
  return { top: current, depth };
}

function memberMutation(top: Node, depth: number): Mutation | null {
  const parent = parentOf(top);
  if (!parent) return null;
  const level = depth - 1;
  if (writeOf(top)) return { node: writeOf(top)!.node, level, how: "a property write" };
  if (parent.type === "UnaryExpression" && parent.operator === "delete") {
    return { node: parent, level, how: "`delete`" };
  }
  const member = unwrap(top);
  if (parent.type !== "CallExpression" || !same(parent.callee as Node, top)) return null;
  if (member.type !== "MemberExpression") return null;
  const name = memberName(member);
  return name !== null && MUTATORS.has(name)
    ? { node: parent, level, how: `\`.${name}()\`` }
    : null;
}

/**
 * The mutation that the expression `node` (an identifier or member
 * expression denoting a value) undergoes: a method call such as `.push()`, a
 * property write or `delete` on it or on a value nested in it, or
 * `Object.assign(node, …)`.
 *
 * @example
 * ```ts
 * import { mutationOf } from "./patterns.ts";
 * declare const id: Deno.lint.Identifier, text: string; // the `cache` of `cache.set(k, v)`
 * mutationOf(id, text)?.how; // "`.set()`"
 * ```
 */
export function mutationOf(node: Node, text: string): Mutation | null {
  const { top, depth } = memberChain(node);
  if (depth >= 1) {
    const mutation = memberMutation(top, depth);
    if (mutation) return mutation;
  }
  const parent = parentOf(top);
  if (
    parent?.type === "CallExpression" && parent.arguments.length > 0 &&
    same(parent.arguments[0] as Node, top) &&
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

// -- values -------------------------------------------------------------------

/**
 * True for `Object.freeze(x)`, `deepFreeze(x)` and other `…freeze(x)` calls.
 *
 * @example
 * ```ts
 * import { isFreezeCall, type Node } from "./patterns.ts";
 * declare const init: Node; // `Object.freeze([1])`
 * isFreezeCall(init); // true
 * ```
 */
export function isFreezeCall(node: Node): boolean {
  const call = unwrap(node);
  if (call.type !== "CallExpression") return false;
  const callee = unwrap(call.callee as Node);
  const name = callee.type === "Identifier"
    ? callee.name
    : callee.type === "MemberExpression"
    ? memberName(callee)
    : null;
  return name !== null && /^(?:deep)?freeze$/i.test(name);
}

/** What a module binding's initialiser makes it. */
export type ContainerKind =
  | "array"
  | "object"
  | "map"
  | "weakmap"
  | "set"
  | "instance"
  | "unknown"
  | "immutable"
  | "none";

const CONTAINER_CLASSES: Readonly<Record<string, ContainerKind>> = Object.freeze({
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
  "URL",
]);

const IMMUTABLE_NODES: ReadonlySet<string> = new Set([
  "Literal",
  "TemplateLiteral",
  "UnaryExpression",
  "BinaryExpression",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ClassExpression",
]);

function newKind(node: Deno.lint.NewExpression): ContainerKind {
  const callee = unwrap(node.callee as Node);
  if (callee.type === "Identifier") {
    if (STATELESS_CLASSES.has(callee.name)) return "immutable";
    return CONTAINER_CLASSES[callee.name] ?? "instance";
  }
  const object = callee.type === "MemberExpression" ? unwrap(callee.object as Node) : null;
  return object?.type === "Identifier" && object.name === "Intl" ? "immutable" : "instance";
}

function callKind(node: Deno.lint.CallExpression): ContainerKind {
  if (isFreezeCall(node)) {
    const argument = node.arguments[0] as Node | undefined;
    return argument ? containerKind(argument) : "immutable";
  }
  if (isStaticCall(node, "Object", ["create", "fromEntries"])) return "object";
  if (isStaticCall(node, "Array", ["from", "of"])) return "array";
  const callee = unwrap(node.callee as Node);
  const primitive = ["Symbol", "String", "Number", "Boolean", "BigInt"];
  return callee.type === "Identifier" && primitive.includes(callee.name) ? "immutable" : "unknown";
}

/**
 * What an initialiser creates: a container (`[]`, `{}`, `new Map()`, a class
 * instance), an immutable value (primitives, functions, regexes), `none`
 * (no initialiser, `undefined`) or `unknown`. `a ??= new Map()` and
 * `a ?? new Map()` count as what their right side creates.
 *
 * @example
 * ```ts
 * import { containerKind, type Node } from "./patterns.ts";
 * declare const init: Node; // `new Map<string, number>()`
 * containerKind(init); // "map"
 * ```
 */
export function containerKind(init: Node | null): ContainerKind {
  if (!init) return "none";
  const node = unwrap(init);
  if (IMMUTABLE_NODES.has(node.type)) return "immutable";
  switch (node.type) {
    case "ArrayExpression":
      return "array";
    case "ObjectExpression":
      return "object";
    case "Identifier":
      return node.name === "undefined" ? "none" : "unknown";
    case "NewExpression":
      return newKind(node);
    case "CallExpression":
      return callKind(node);
    case "AssignmentExpression":
      return node.operator === "=" || node.operator === "??=" || node.operator === "||="
        ? containerKind(node.right as Node)
        : "unknown";
    case "LogicalExpression":
      return node.operator === "&&" ? "unknown" : containerKind(node.right as Node);
    default:
      return "unknown";
  }
}

/**
 * The container kind a type annotation denotes (`Map<…>` → `map`), for
 * bindings declared without an initialiser.
 *
 * @example
 * ```ts
 * import { kindOfType } from "./patterns.ts";
 * kindOfType(": Map<string, number> | undefined"); // "map"
 * ```
 */
export function kindOfType(typeText: string): ContainerKind {
  const type = typeText.replace(/^:\s*/, "").trim();
  if (/^(?:Readonly|ReadonlyMap|ReadonlySet|ReadonlyArray)\b|^readonly\s/.test(type)) return "none";
  if (/^WeakMap\s*</.test(type)) return "weakmap";
  if (/^Map\s*</.test(type)) return "map";
  if (/^(?:Weak)?Set\s*</.test(type)) return "set";
  if (/^Record\s*</.test(type) || /^\{/.test(type)) return "object";
  if (/^Array\s*</.test(type) || /^[\w$.]+\[\]/.test(type)) return "array";
  return "none";
}

/** Human labels of the container kinds, for messages. */
export const KIND_LABEL: Readonly<Record<ContainerKind, string>> = Object.freeze({
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

/** Calls whose result is a fresh mutable array or object. */
const FRESH_CALLS: ReadonlySet<string> = new Set([
  "parse",
  "structuredClone",
  "map",
  "filter",
  "slice",
  "concat",
  "split",
  "flat",
  "flatMap",
  "entries",
  "keys",
  "values",
  "fromEntries",
  "from",
  "toSorted",
  "toReversed",
  "json",
  "matchAll",
]);

/**
 * True when `value` creates a fresh mutable object: an array, object, Map or
 * Set literal or construction, a copy (`[...x]`, `structuredClone`), or the
 * result of `JSON.parse`, `.map()`, `.filter()`, `Object.entries()` and the
 * like — and is not frozen.
 *
 * @example
 * ```ts
 * import { isFreshMutable, type Node } from "./patterns.ts";
 * declare const value: Node; // `JSON.parse(text)`
 * isFreshMutable(value); // true
 * ```
 */
export function isFreshMutable(value: Node): boolean {
  if (isFreezeCall(value)) return false;
  const node = unwrap(value);
  const kind = containerKind(node);
  if (kind === "array" || kind === "object" || kind === "map" || kind === "set") return true;
  if (node.type === "AwaitExpression") return isFreshMutable(node.argument as Node);
  if (node.type !== "CallExpression") return false;
  const callee = unwrap(node.callee as Node);
  if (callee.type === "Identifier") return callee.name === "structuredClone";
  const name = callee.type === "MemberExpression" ? memberName(callee) : null;
  if (name === "parse") {
    const object = unwrap((callee as Deno.lint.MemberExpression).object as Node);
    return object.type === "Identifier" && object.name === "JSON";
  }
  return name !== null && FRESH_CALLS.has(name);
}

/**
 * True when the function returns a value (an expression-bodied arrow, or `return x`).
 *
 * @example
 * ```ts
 * import { returnsValue, type Node } from "./patterns.ts";
 * declare const fn: Node; // `(k) => cache.get(k)`
 * returnsValue(fn); // true
 * ```
 */
export function returnsValue(fn: Node): boolean {
  if (fn.type === "ArrowFunctionExpression" && fn.body.type !== "BlockStatement") return true;
  let found = false;
  walkOwn(fn, (node) => {
    if (node.type === "ReturnStatement" && node.argument) found = true;
  });
  return found;
}

// -- promises -----------------------------------------------------------------

function isPromiseCall(node: Deno.lint.CallExpression, scope: ModuleScope): boolean {
  const callee = unwrap(node.callee as Node);
  if (isFunctionNode(callee)) return callee.async;
  if (callee.type === "MemberExpression") {
    const name = memberName(callee);
    if (name === "then" || name === "catch" || name === "finally") return true;
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
    return (binding.declaration as Deno.lint.FunctionDeclaration | null)?.async ?? false;
  }
  const init = binding.init ? unwrap(binding.init) : null;
  return !!init && isFunctionNode(init) && init.async;
}

/**
 * True when `value` is known to be a promise (not awaited): a call of an async
 * function of the module, `fetch()`, `import()`, `.then()`, `new Promise`, or
 * anything when the target's type annotation says `Promise<…>`.
 *
 * @example
 * ```ts
 * import { isPromiseValued, type Node } from "./patterns.ts";
 * import type { ModuleScope } from "./module_scope.ts";
 * declare const value: Node, scope: ModuleScope; // `open()` with `async function open()`
 * isPromiseValued(value, "", scope); // true
 * ```
 */
export function isPromiseValued(value: Node | null, typeText: string, scope: ModuleScope): boolean {
  if (!value) return false;
  const node = unwrap(value);
  if (node.type === "AwaitExpression") return false;
  if (/\bPromise(?:Like)?\s*</.test(typeText)) return true;
  switch (node.type) {
    case "ImportExpression":
      return true;
    case "NewExpression": {
      const callee = unwrap(node.callee as Node);
      return callee.type === "Identifier" && callee.name === "Promise";
    }
    case "ConditionalExpression":
      return isPromiseValued(node.consequent as Node, "", scope) &&
        isPromiseValued(node.alternate as Node, "", scope);
    case "LogicalExpression":
      return isPromiseValued(node.right as Node, "", scope);
    case "CallExpression":
      return isPromiseCall(node, scope);
    default:
      return false;
  }
}

// -- types --------------------------------------------------------------------

/** Type names that denote primitives (or values compared by content). */
const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  "string",
  "number",
  "boolean",
  "bigint",
  "symbol",
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "Symbol",
  "PropertyKey",
  "unknown",
  "any",
  "never",
]);

/**
 * Does a type annotation (`: Page`, `: {…}`, `: X[]`, `object`) denote an
 * object, compared by identity? Names in `objectTypes` (interfaces and
 * classes of the module) and capitalised names not in `primitiveAliases`
 * count as objects.
 *
 * @example
 * ```ts
 * import { isObjectType } from "./patterns.ts";
 * isObjectType(": Page", new Set(["Page"]), new Set()); // true
 * isObjectType(": string", new Set(), new Set()); // false
 * ```
 */
export function isObjectType(
  typeText: string,
  objectTypes: ReadonlySet<string>,
  primitiveAliases: ReadonlySet<string>,
): boolean {
  const type = typeText.replace(/^:\s*/, "").trim();
  if (!type) return false;
  if (/^(?:object\b|\{|Record<|Map<|Set<|Array<|ReadonlyArray<|Readonly<|WeakKey\b)/.test(type)) {
    return true;
  }
  if (/\[\]$/.test(type)) return true;
  const name = /^([A-Za-z_$][\w$.]*)(?:<.*>)?$/.exec(type)?.[1];
  if (name === undefined || PRIMITIVE_TYPES.has(name) || primitiveAliases.has(name)) return false;
  return objectTypes.has(name) || /^[A-Z]/.test(name.split(".").pop()!);
}

/**
 * Does a type (`string[]`, `{ a: number }`, `Record<…>`, a module interface)
 * denote a mutable object? `Readonly…`/`readonly` types and primitives do not.
 *
 * @example
 * ```ts
 * import { isMutableObjectType } from "./patterns.ts";
 * isMutableObjectType("string[]", new Set()); // true
 * isMutableObjectType("readonly string[]", new Set()); // false
 * ```
 */
export function isMutableObjectType(type: string, objectTypes: ReadonlySet<string>): boolean {
  const t = type.trim();
  if (/^(?:Readonly|ReadonlyArray|ReadonlyMap|ReadonlySet)\b|^readonly\s/.test(t)) return false;
  if (/^(?:\{|Record<|Map<|Set<|Array<)/.test(t) || /\[\]$/.test(t)) return true;
  return objectTypes.has(/^([A-Za-z_$][\w$]*)/.exec(t)?.[1] ?? "");
}

/**
 * Splits the top-level type arguments of `Map<K, V>` (or of any generic
 * annotation) into their texts.
 *
 * @example
 * ```ts
 * import { typeArguments } from "./patterns.ts";
 * typeArguments("Map<string, Array<Page>>"); // ["string", "Array<Page>"]
 * ```
 */
export function typeArguments(text: string): string[] {
  const start = text.indexOf("<");
  if (start < 0) return [];
  const out: string[] = [];
  let depth = 0, from = start + 1;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === "<" || ch === "{" || ch === "(" || ch === "[") depth++;
    else if (ch === ">" && text[i - 1] === "=") continue;
    else if (ch === ">" || ch === "}" || ch === ")" || ch === "]") {
      if (depth === 0) {
        out.push(text.slice(from, i).trim());
        return out;
      }
      depth--;
    } else if (ch === "," && depth === 0) {
      out.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  return out;
}
