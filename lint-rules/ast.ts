/**
 * AST helpers for the floe lint plugin: child traversal (the plugin API's nodes
 * are facades without enumerable own keys, so the walker needs its own table of
 * value-level child keys), unwrapping of TypeScript-only wrappers and small
 * predicates shared by the rules.
 *
 * @module
 */

/** Any node of the Deno lint AST. */
export type Node = Deno.lint.Node;

/** A `[start, end)` byte range in the linted source. */
export type Range = [number, number];

/**
 * Value-level child keys per node type. Type annotations, type parameters and
 * other type-only positions are deliberately absent: the rules reason about
 * runtime bindings only, so the walker never descends into types.
 *
 * @example
 * ```ts
 * import { VISITOR_KEYS } from "./ast.ts";
 * console.log(VISITOR_KEYS.IfStatement); // ["test", "consequent", "alternate"]
 * ```
 */
export const VISITOR_KEYS: Readonly<Record<string, readonly string[]>> = Object
  .freeze({
    Program: ["body"],
    ExpressionStatement: ["expression"],
    BlockStatement: ["body"],
    StaticBlock: ["body"],
    WithStatement: ["object", "body"],
    ReturnStatement: ["argument"],
    LabeledStatement: ["body"],
    IfStatement: ["test", "consequent", "alternate"],
    SwitchStatement: ["discriminant", "cases"],
    SwitchCase: ["test", "consequent"],
    ThrowStatement: ["argument"],
    TryStatement: ["block", "handler", "finalizer"],
    CatchClause: ["param", "body"],
    WhileStatement: ["test", "body"],
    DoWhileStatement: ["body", "test"],
    ForStatement: ["init", "test", "update", "body"],
    ForInStatement: ["left", "right", "body"],
    ForOfStatement: ["left", "right", "body"],
    FunctionDeclaration: ["params", "body"],
    FunctionExpression: ["params", "body"],
    ArrowFunctionExpression: ["params", "body"],
    VariableDeclaration: ["declarations"],
    VariableDeclarator: ["id", "init"],
    ClassDeclaration: ["decorators", "superClass", "body"],
    ClassExpression: ["decorators", "superClass", "body"],
    ClassBody: ["body"],
    MethodDefinition: ["decorators", "key", "value"],
    PropertyDefinition: ["decorators", "key", "value"],
    AccessorProperty: ["decorators", "key", "value"],
    TSAbstractMethodDefinition: ["key"],
    TSAbstractPropertyDefinition: ["key"],
    Decorator: ["expression"],
    ArrayExpression: ["elements"],
    ObjectExpression: ["properties"],
    Property: ["key", "value"],
    UnaryExpression: ["argument"],
    UpdateExpression: ["argument"],
    BinaryExpression: ["left", "right"],
    LogicalExpression: ["left", "right"],
    AssignmentExpression: ["left", "right"],
    MemberExpression: ["object", "property"],
    ChainExpression: ["expression"],
    ConditionalExpression: ["test", "consequent", "alternate"],
    CallExpression: ["callee", "arguments"],
    NewExpression: ["callee", "arguments"],
    SequenceExpression: ["expressions"],
    TemplateLiteral: ["expressions"],
    TaggedTemplateExpression: ["tag", "quasi"],
    YieldExpression: ["argument"],
    AwaitExpression: ["argument"],
    ImportExpression: ["source", "options"],
    SpreadElement: ["argument"],
    RestElement: ["argument"],
    ObjectPattern: ["properties"],
    ArrayPattern: ["elements"],
    AssignmentPattern: ["left", "right"],
    ExportNamedDeclaration: ["declaration", "specifiers"],
    ExportDefaultDeclaration: ["declaration"],
    ExportSpecifier: ["local"],
    TSAsExpression: ["expression"],
    TSSatisfiesExpression: ["expression"],
    TSNonNullExpression: ["expression"],
    TSTypeAssertion: ["expression"],
    TSInstantiationExpression: ["expression"],
    TSParameterProperty: ["parameter"],
    TSExportAssignment: ["expression"],
    JSXElement: ["openingElement", "children"],
    JSXFragment: ["children"],
    JSXOpeningElement: ["attributes"],
    JSXAttribute: ["value"],
    JSXSpreadAttribute: ["argument"],
    JSXExpressionContainer: ["expression"],
  });

/**
 * Reads a property of a facade node without fighting the node union's types.
 *
 * @example
 * ```ts
 * import { prop, type Node } from "./ast.ts";
 * declare const node: Node;
 * const test = prop(node, "test"); // Node | undefined
 * ```
 */
export function prop(node: Node, key: string): unknown {
  return (node as unknown as Record<string, unknown>)[key];
}

/**
 * The value-level children of a node, in source order of {@link VISITOR_KEYS}.
 *
 * @example
 * ```ts
 * import { childrenOf, type Node } from "./ast.ts";
 * declare const program: Node;
 * for (const child of childrenOf(program)) console.log(child.type);
 * ```
 */
export function childrenOf(node: Node): Node[] {
  const keys = VISITOR_KEYS[node.type];
  if (!keys) return [];
  const out: Node[] = [];
  for (const key of keys) {
    const value = prop(node, key);
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/**
 * True for a value that is an AST node (an object with a string `type`).
 *
 * @example
 * ```ts
 * import { isNode } from "./ast.ts";
 * isNode({ type: "Identifier" }); // true
 * isNode(null); // false
 * ```
 */
export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null &&
    typeof (value as { type?: unknown }).type === "string";
}

/** The node types that start a new function (a new `this` and `await` scope). */
export type FunctionNode =
  | Deno.lint.FunctionDeclaration
  | Deno.lint.FunctionExpression
  | Deno.lint.ArrowFunctionExpression;

/**
 * True for function declarations, function expressions and arrows.
 *
 * @example
 * ```ts
 * import { isFunctionNode, type Node } from "./ast.ts";
 * declare const node: Node;
 * if (isFunctionNode(node)) console.log(node.async);
 * ```
 */
export function isFunctionNode(
  node: Node | null | undefined,
): node is FunctionNode {
  return !!node && (node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression");
}

/**
 * Strips TypeScript-only wrappers (`as`, `satisfies`, `!`, `<T>x`) and optional
 * chains, which do not change what value an expression denotes at run time.
 *
 * @example
 * ```ts
 * import { unwrap, type Node } from "./ast.ts";
 * declare const init: Node; // `[] as string[]`
 * unwrap(init).type; // "ArrayExpression"
 * ```
 */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TSInstantiationExpression":
      case "ChainExpression":
        current = current.expression as Node;
        continue;
      default:
        return current;
    }
  }
}

/**
 * True when the expression is `x as const` (possibly nested in other wrappers).
 *
 * @example
 * ```ts
 * import { isAsConst, type Node } from "./ast.ts";
 * declare const init: Node; // `["a", "b"] as const`
 * isAsConst(init); // true
 * ```
 */
export function isAsConst(node: Node): boolean {
  let current: Node = node;
  while (
    current.type === "TSAsExpression" ||
    current.type === "TSSatisfiesExpression" ||
    current.type === "TSNonNullExpression"
  ) {
    if (current.type === "TSAsExpression") {
      const annotation = current.typeAnnotation as Node;
      if (
        annotation.type === "TSTypeReference" &&
        annotation.typeName.type === "Identifier" &&
        annotation.typeName.name === "const"
      ) return true;
    }
    current = current.expression as Node;
  }
  return false;
}

/**
 * The static name of a member expression's property (`a.b` → `"b"`,
 * `a["b"]` → `"b"`, `a.#b` → `"#b"`), or `null` when it is computed.
 *
 * @example
 * ```ts
 * import { memberName, type Node } from "./ast.ts";
 * declare const member: Deno.lint.MemberExpression; // `cache.set`
 * memberName(member); // "set"
 * ```
 */
export function memberName(node: Deno.lint.MemberExpression): string | null {
  const property = node.property as Node;
  if (!node.computed) {
    if (property.type === "Identifier") return property.name;
    if (property.type === "PrivateIdentifier") return "#" + property.name;
    return null;
  }
  if (property.type === "Literal" && typeof property.value === "string") {
    return property.value;
  }
  return null;
}

/**
 * The static name of a property key (`{ a: 1 }`, `static a = 1`, `#a`), or
 * `null` for computed keys.
 *
 * @example
 * ```ts
 * import { keyName, type Node } from "./ast.ts";
 * declare const field: Deno.lint.PropertyDefinition; // `static count = 0`
 * keyName(field.key as Node, field.computed); // "count"
 * ```
 */
export function keyName(key: Node, computed: boolean): string | null {
  if (key.type === "Identifier" && !computed) return key.name;
  if (key.type === "PrivateIdentifier") return "#" + key.name;
  if (key.type === "Literal" && typeof key.value === "string") return key.value;
  return null;
}

/**
 * Is `node` the global call `object.method(...)`'s callee, e.g. `Object.freeze`?
 * Only checks the syntax; callers make sure `object` is not shadowed.
 *
 * @example
 * ```ts
 * import { isStaticCall, type Node } from "./ast.ts";
 * declare const call: Deno.lint.CallExpression; // `Object.freeze(x)`
 * isStaticCall(call, "Object", "freeze"); // true
 * ```
 */
export function isStaticCall(
  call: Node,
  object: string,
  method: string | readonly string[],
): boolean {
  if (call.type !== "CallExpression") return false;
  const callee = unwrap(call.callee as Node);
  if (callee.type !== "MemberExpression") return false;
  const target = unwrap(callee.object as Node);
  if (target.type !== "Identifier" || target.name !== object) return false;
  const name = memberName(callee);
  return name !== null &&
    (typeof method === "string" ? name === method : method.includes(name));
}

/**
 * The parent of a node (the plugin API exposes it; `Program` has none).
 *
 * @example
 * ```ts
 * import { parentOf, type Node } from "./ast.ts";
 * declare const node: Node;
 * parentOf(node)?.type;
 * ```
 */
export function parentOf(node: Node): Node | null {
  const parent = prop(node, "parent");
  return isNode(parent) ? parent : null;
}

/**
 * True when `inner`'s range lies within `outer`'s range.
 *
 * @example
 * ```ts
 * import { contains, type Node } from "./ast.ts";
 * declare const fn: Node, id: Node;
 * contains(fn, id);
 * ```
 */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * A stable key for a node: its type and range. Facade nodes are recreated on
 * some accesses, so identity is not relied upon.
 *
 * @example
 * ```ts
 * import { nodeKey, type Node } from "./ast.ts";
 * declare const node: Node;
 * const key: string = nodeKey(node); // "Identifier:10:15"
 * ```
 */
export function nodeKey(node: Node): string {
  return `${node.type}:${node.range[0]}:${node.range[1]}`;
}

/**
 * True when `a` and `b` are the same node (same type and range; facade nodes
 * are not identity-stable).
 *
 * @example
 * ```ts
 * import { same, type Node } from "./ast.ts";
 * declare const a: Node, b: Node;
 * same(a, b);
 * ```
 */
export function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.type === b.type && a.range[0] === b.range[0] &&
    a.range[1] === b.range[1];
}

const WRAPPERS: ReadonlySet<string> = new Set([
  "TSNonNullExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSTypeAssertion",
  "ChainExpression",
]);

/**
 * Climbs out of the TypeScript wrappers and optional chains around `node`
 * (the inverse of {@link unwrap}).
 *
 * @example
 * ```ts
 * import { outer, type Node } from "./ast.ts";
 * declare const id: Node; // the `x` of `x!.y`
 * outer(id).type; // "TSNonNullExpression"
 * ```
 */
export function outer(node: Node): Node {
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

/**
 * Walks `node`'s subtree depth-first in source order; `enter` returning
 * `false` skips the children.
 *
 * @example
 * ```ts
 * import { walk, type Node } from "./ast.ts";
 * declare const fn: Node;
 * walk(fn, (node) => node.type !== "ClassBody");
 * ```
 */
export function walk(node: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (enter(current) === false) continue;
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The body of a function-like node (function, field initialiser, static block). */
function ownBody(fn: Node): Node | null {
  if (fn.type === "PropertyDefinition") return fn.value as Node | null;
  if (fn.type === "StaticBlock") return fn;
  return isFunctionNode(fn) ? fn.body as Node | null : null;
}

/**
 * Walks a function's own body without entering nested functions and classes
 * (arrow functions are entered when `arrows` is true).
 *
 * @example
 * ```ts
 * import { walkOwn, type Node } from "./ast.ts";
 * declare const fn: Node;
 * walkOwn(fn, (node) => console.log(node.type));
 * ```
 */
export function walkOwn(fn: Node, enter: (node: Node) => void, arrows = false): void {
  const body = ownBody(fn);
  if (!body) return;
  walk(body, (node) => {
    if (node === body) return enter(node);
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression") return false;
    if (node.type === "ArrowFunctionExpression" && !arrows) return false;
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") return false;
    enter(node);
  });
}

/**
 * The name a call is made by: `f()` → `f`, `a.b.c()` → `c`, else `null`.
 *
 * @example
 * ```ts
 * import { calleeName, type Node } from "./ast.ts";
 * declare const call: Deno.lint.CallExpression; // `Deno.readTextFile(p)`
 * calleeName(call); // "readTextFile"
 * ```
 */
export function calleeName(call: Node): string | null {
  if (call.type !== "CallExpression" && call.type !== "NewExpression") return null;
  const callee = unwrap(call.callee as Node);
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression") return memberName(callee);
  return null;
}
