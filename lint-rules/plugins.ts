/**
 * floe plugins as the rules see them, found from the code's shape alone: a
 * *plugin function* is a function whose first parameter is used as
 * `<param>.filter(name, fn)`, `.markdown(plugin)`, `.vento(plugin)`,
 * `.loader(extensions, load)`, `.computed(key, fn)`, `.outputs(list)` or
 * `.setup(init)` (the parameter need not be called `site`). For each one:
 * its registrations, the functions they register (and the local helpers those
 * call), and the functions that make it (`export function feeds(options) {
 * return (site) => {…} }`). Read from the shared {@link ModuleModel}.
 *
 * @module
 */

import {
  type FunctionNode,
  isFunctionNode,
  memberName,
  type Node,
  nodeKey,
  outer,
  parentOf,
  same,
  unwrap,
  walk,
  walkOwn,
} from "./ast.ts";
import type { ModuleModel } from "./model.ts";
import type { LocalBinding } from "./module_scope.ts";

/** The `PluginSite` methods a plugin registers its contributions with. */
export type SiteMethod =
  | "filter"
  | "markdown"
  | "vento"
  | "loader"
  | "computed"
  | "outputs"
  | "setup";

/** One `site.<method>(…)` call of a plugin function. */
export interface Registration {
  /** The call. */
  readonly call: Deno.lint.CallExpression;
  /** The method called. */
  readonly method: SiteMethod;
  /** How messages name it: ``the filter `slow` ``, `an output list`. */
  readonly label: string;
  /**
   * The functions it hands to floe: a filter, loader, computed function,
   * output list, markdown-it or Vento plugin, or a setup hook's `init` — inline or
   * a local function named by an identifier.
   */
  readonly fns: readonly FunctionNode[];
}

/** A plugin function and what it registers. */
export interface PluginFunction {
  /** The plugin function. */
  readonly node: FunctionNode;
  /** Its first parameter's name (`site`). */
  readonly site: string;
  /** How messages name it: ``the plugin function `feeds()` `` or `the plugin function`. */
  readonly label: string;
  /** Every registration, in source order. */
  readonly registrations: readonly Registration[];
  /**
   * The functions that run during builds: everything registered except setup
   * hooks, plus the local helpers (declared in the plugin or in a function
   * that makes it) that those call, transitively.
   */
  readonly buildFns: readonly FunctionNode[];
  /** The setup hooks' `init` functions. */
  readonly setupFns: readonly FunctionNode[];
  /**
   * The functions that make the plugin, innermost first: a function that
   * returns it (`feeds(options)` of `return (site) => {…}`), and so on outwards.
   */
  readonly makers: readonly FunctionNode[];
}

/** Methods whose registered function comes second, after a name, key or extension list. */
const NAMED: ReadonlySet<string> = new Set(["filter", "loader", "computed"]);
/** Methods that take the function first. */
const DIRECT: ReadonlySet<string> = new Set(["markdown", "vento", "outputs", "setup"]);

/** Can `node` be a function (a function, or a name or property that may hold one)? */
function mayBeFunction(node: Node): boolean {
  const n = unwrap(node);
  return isFunctionNode(n) || n.type === "Identifier" || n.type === "MemberExpression" ||
    n.type === "CallExpression" || n.type === "ConditionalExpression" ||
    n.type === "LogicalExpression";
}

/** Is `node` certainly a function: inline, or a name of a function declared in the module? */
function isFunctionValue(model: ModuleModel, node: Node): boolean {
  const n = unwrap(node);
  if (isFunctionNode(n)) return true;
  if (n.type !== "Identifier") return false;
  const local = model.scope.locals.get(nodeKey(n));
  if (local) {
    return local.kind === "function" || (!!local.init && isFunctionNode(unwrap(local.init)));
  }
  const binding = model.scope.bindings.get(n.name);
  if (!binding) return false;
  return binding.kind === "function" || (!!binding.init && isFunctionNode(unwrap(binding.init)));
}

/**
 * Is `call` a registration in the shape of the plugin contract? A filter,
 * loader or computed value takes a name (key, extension list) first and a
 * function second, so an array's `pages.filter(fn)` or `pages.filter(fn,
 * thisArg)` is not one; the others take the function first.
 */
function registrationMethod(model: ModuleModel, call: Deno.lint.CallExpression): SiteMethod | null {
  const callee = unwrap(call.callee as Node);
  if (callee.type !== "MemberExpression") return null;
  const name = memberName(callee);
  const args = call.arguments as Node[];
  if (name === null || args.some((a) => a.type === "SpreadElement")) return null;
  if (NAMED.has(name)) {
    if (args.length !== 2 || isFunctionValue(model, args[0])) return null;
    return mayBeFunction(args[1]) ? name as SiteMethod : null;
  }
  if (!DIRECT.has(name) || args.length === 0) return null;
  if (name !== "markdown" && args.length !== 1) return null;
  const first = unwrap(args[0]);
  return first.type === "Literal" || first.type === "TemplateLiteral" ? null : name as SiteMethod;
}

function registrationLabel(
  method: SiteMethod,
  call: Deno.lint.CallExpression,
  text: string,
): string {
  const first = unwrap(call.arguments[0] as Node);
  // Names that cannot break the message format (`binding` pattern: why).
  const literal = first.type === "Literal" && typeof first.value === "string" &&
      /^[\w$.-]{1,40}$/.test(first.value)
    ? first.value
    : null;
  switch (method) {
    case "filter":
      return literal === null ? "a filter" : `the filter \`${literal}\``;
    case "computed":
      return literal === null ? "a computed value" : `the computed value \`${literal}\``;
    case "loader": {
      const list = first.type === "ArrayExpression"
        ? text.slice(first.range[0], first.range[1])
        : null;
      return list !== null && list.length <= 40 && !/[`:\n]/.test(list)
        ? `the loader for \`${list}\``
        : "a data loader";
    }
    case "outputs":
      return "the plugin's outputs";
    case "markdown":
      return "a markdown-it plugin";
    case "vento":
      return "a Vento plugin";
    case "setup":
      return "a setup hook";
  }
}

/** Local functions (declarations and `const f = () => …`) by the binding of their name. */
function localFunctions(model: ModuleModel): Map<LocalBinding, FunctionNode> {
  const out = new Map<LocalBinding, FunctionNode>();
  walk(model.program, (node) => {
    let id: Node | null = null;
    let fn: Node | null = null;
    if (node.type === "FunctionDeclaration" && node.id) {
      id = node.id;
      fn = node;
    } else if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) {
      id = node.id;
      fn = unwrap(node.init as Node);
    }
    const local = id ? model.scope.locals.get(nodeKey(id)) : undefined;
    if (local && isFunctionNode(fn)) out.set(local, fn);
  });
  return out;
}

/** The local function an argument denotes: inline, or a local function's name. */
function functionOf(
  model: ModuleModel,
  arg: Node | undefined,
  locals: ReadonlyMap<LocalBinding, FunctionNode>,
): FunctionNode | null {
  if (!arg) return null;
  const node = unwrap(arg);
  if (isFunctionNode(node)) return node;
  const local = node.type === "Identifier" ? model.scope.locals.get(nodeKey(node)) : undefined;
  return local ? locals.get(local) ?? null : null;
}

/** The functions that make `fn`: each one returns it (or the function that returns it). */
function makersOf(model: ModuleModel, fn: FunctionNode): FunctionNode[] {
  const out: FunctionNode[] = [];
  let inner: FunctionNode = fn;
  for (;;) {
    const maker = makerOf(model, inner);
    if (!maker) return out;
    out.push(maker);
    inner = maker;
  }
}

/** The function that returns `fn`: `return (site) => …`, `(o) => (site) => …`, `return plugin`. */
function makerOf(model: ModuleModel, fn: FunctionNode): FunctionNode | null {
  if (fn.type === "FunctionDeclaration") {
    // `function plugin(site) {…}` declared in the maker and returned by name.
    return fn.id ? makerReturning(model, fn.id, enclosingFunctionNode(fn)) : null;
  }
  const value = outer(fn);
  const parent = parentOf(value);
  if (parent?.type === "ReturnStatement") return enclosingFunctionNode(parent);
  if (parent?.type === "ArrowFunctionExpression" && same(parent.body as Node, value)) {
    return parent;
  }
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") {
    // `const plugin = (site) => {…}; return plugin;`
    return makerReturning(model, parent.id, enclosingFunctionNode(parent));
  }
  return null;
}

/** `maker`, when one of its own `return`s hands back the local named by `id`. */
function makerReturning(
  model: ModuleModel,
  id: Node,
  maker: FunctionNode | null,
): FunctionNode | null {
  const local = model.scope.locals.get(nodeKey(id));
  if (!local || !maker) return null;
  let found = false;
  walkOwn(maker, (node) => {
    if (found || node.type !== "ReturnStatement" || !node.argument) return;
    const arg = unwrap(node.argument as Node);
    found = arg.type === "Identifier" && model.scope.locals.get(nodeKey(arg)) === local;
  });
  return found ? maker : null;
}

function enclosingFunctionNode(node: Node): FunctionNode | null {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

function pluginLabel(model: ModuleModel, fn: FunctionNode): string {
  const name = model.scope.functions.get(nodeKey(fn))?.name;
  return name && !name.startsWith("<") && name !== "default"
    ? `the plugin function \`${name}()\``
    : "the plugin function";
}

/** Adds the local helpers that `fns` call (by name), transitively. */
function withHelpers(
  model: ModuleModel,
  fns: FunctionNode[],
  locals: ReadonlyMap<LocalBinding, FunctionNode>,
): FunctionNode[] {
  const out = [...fns];
  const seen = new Set(out.map((fn) => nodeKey(fn)));
  for (let i = 0; i < out.length; i++) {
    walk(out[i], (node) => {
      if (node.type !== "Identifier") return;
      const local = model.scope.locals.get(nodeKey(node));
      const helper = local ? locals.get(local) : undefined;
      if (helper && !seen.has(nodeKey(helper))) {
        seen.add(nodeKey(helper));
        out.push(helper);
      }
    });
  }
  return out;
}

/**
 * The plugin functions of a module, in source order.
 *
 * @example
 * ```ts
 * import { pluginFunctions } from "./plugins.ts";
 * import type { ModuleModel } from "./model.ts";
 * declare const model: ModuleModel;
 * for (const plugin of pluginFunctions(model)) console.log(plugin.site, plugin.registrations.length);
 * ```
 */
export function pluginFunctions(model: ModuleModel): PluginFunction[] {
  // One pass: the first parameter of every function, and every call of a method on one.
  const firsts = new Map<LocalBinding, { fn: FunctionNode; id: Deno.lint.Identifier }>();
  const calls = new Map<LocalBinding, { call: Deno.lint.CallExpression; method: SiteMethod }[]>();
  walk(model.program, (node) => {
    if (isFunctionNode(node)) {
      const param = node.params[0] as Node | undefined;
      const id = param?.type === "AssignmentPattern" ? param.left as Node : param;
      const local = id?.type === "Identifier" ? model.scope.locals.get(nodeKey(id)) : undefined;
      if (local) firsts.set(local, { fn: node, id: id as Deno.lint.Identifier });
      return;
    }
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee as Node);
    if (callee.type !== "MemberExpression") return;
    const object = unwrap(callee.object as Node);
    const local = object.type === "Identifier"
      ? model.scope.locals.get(nodeKey(object))
      : undefined;
    if (!local || local.kind !== "param") return;
    const method = registrationMethod(model, node);
    if (method) calls.set(local, [...calls.get(local) ?? [], { call: node, method }]);
  });
  if (calls.size === 0) return [];
  const locals = localFunctions(model);
  const out: PluginFunction[] = [];
  for (const [site, list] of calls) {
    const first = firsts.get(site);
    if (!first) continue;
    const registrations: Registration[] = list.map(({ call, method }) => {
      const args = call.arguments as Node[];
      const fn = functionOf(model, NAMED.has(method) ? args[1] : args[0], locals);
      return {
        call,
        method,
        label: registrationLabel(method, call, model.text),
        fns: fn ? [fn] : [],
      };
    });
    const build = registrations.filter((r) => r.method !== "setup").flatMap((r) => r.fns);
    out.push({
      node: first.fn,
      site: first.id.name,
      label: pluginLabel(model, first.fn),
      registrations,
      buildFns: withHelpers(model, build, locals),
      setupFns: registrations.filter((r) => r.method === "setup").flatMap((r) => r.fns),
      makers: makersOf(model, first.fn),
    });
  }
  return out.sort((a, b) => a.node.range[0] - b.node.range[0]);
}
