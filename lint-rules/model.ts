/**
 * The shared scope model of the floe rules: every *place* where a module keeps
 * state that outlives a call — a module-level binding, a static field of a
 * module-level class, a property of `globalThis` — with every expression that
 * reaches it (its *accesses*) and the function each access runs in. Built once
 * per module and shared by the three rules; each rule's detector reads it and
 * decides on its own what to report.
 *
 * @module
 */

import {
  calleeName,
  isFunctionNode,
  keyName,
  memberName,
  type Node,
  nodeKey,
  outer,
  parentOf,
  type Range,
  same,
  unwrap,
  walkOwn,
} from "./ast.ts";
import {
  analyzeScopes,
  type FunctionInfo,
  isGlobalObjectName,
  type ModuleBinding,
  type ModuleScope,
} from "./module_scope.ts";

/** What holds a place's state. */
export type PlaceKind = "binding" | "static" | "global";

/** One expression that reaches a place's value. */
export interface Access {
  /** The identifier (binding) or member expression (`Cls.x`, `this.x`, `globalThis.x`). */
  readonly node: Node;
  /** The innermost deferred function, or `null` when it runs at module initialisation. */
  readonly fn: FunctionInfo | null;
  /** The innermost syntactic function (for `await` ranges), or `null` at top level. */
  readonly syn: FunctionInfo | null;
  /** True when reached through an alias (`const s = state; s.x`). */
  readonly alias: boolean;
}

/** A module-level class and its name. */
export interface ModuleClass {
  /** The class node. */
  readonly node: Deno.lint.ClassDeclaration | Deno.lint.ClassExpression;
  /** Its name (`default` for an anonymous default export). */
  readonly name: string;
  /** The module binding of its name, if any. */
  readonly binding: ModuleBinding | null;
}

/** A place where the module keeps state. */
export interface Place {
  /** Binding, static field or `globalThis` property. */
  readonly kind: PlaceKind;
  /** How messages name it: `cache`, `Cls.cache`, `globalThis.__x`. */
  readonly label: string;
  /** Where a finding "at the declaration" goes (for globals: the first access). */
  readonly site: Node;
  /** The initial value, if declared with one. */
  readonly init: Node | null;
  /** Source text of the declared type, or `""`. */
  readonly typeText: string;
  /** The module binding (kind `binding`). */
  readonly binding: ModuleBinding | null;
  /** The field (kind `static`). */
  readonly field: Deno.lint.PropertyDefinition | null;
  /** The class (kind `static`). */
  readonly cls: ModuleClass | null;
  /** Every access, in source order. */
  readonly accesses: readonly Access[];
}

/** A place and a chain of static property names below it (`state.conn` → `state`, `["conn"]`). */
export interface PlacePath {
  /** The place at the root. */
  readonly place: Place;
  /** Property names from the place down. */
  readonly path: readonly string[];
}

/** The model of one module. */
export interface ModuleModel {
  /** The module's AST. */
  readonly program: Deno.lint.Program;
  /** Scope analysis (bindings, references, functions, locals). */
  readonly scope: ModuleScope;
  /** Source text. */
  readonly text: string;
  /** True for TypeScript modules (autofixes may add `readonly`). */
  readonly isTs: boolean;
  /** One place per module-level binding. */
  readonly bindings: readonly Place[];
  /** One place per static field of a module-level class. */
  readonly statics: readonly Place[];
  /** One place per property of the global object touched (plus `globalThis` itself). */
  readonly globals: readonly Place[];
  /** Module-level classes. */
  readonly classes: readonly ModuleClass[];
  /** Names of interfaces, object type literals and classes declared in the module. */
  readonly objectTypes: ReadonlySet<string>;
  /** Names of type aliases of primitives or literal unions declared in the module. */
  readonly primitiveAliases: ReadonlySet<string>;
  /** Resolves an expression (`x`, `this.x`, `state.a.b`) to the place and path it denotes. */
  pathOf(node: Node): PlacePath | null;
  /** The `await` ranges of a function (`null`: the module's top level). */
  awaitsOf(fn: FunctionInfo | null): readonly Range[];
}

// -- classes ------------------------------------------------------------------

function moduleClasses(program: Deno.lint.Program, scope: ModuleScope): ModuleClass[] {
  const out: ModuleClass[] = [];
  for (const raw of program.body as Node[]) {
    let statement: Node = raw;
    if (statement.type === "ExportNamedDeclaration" && statement.declaration) {
      statement = statement.declaration as Node;
    }
    if (statement.type === "ExportDefaultDeclaration") statement = statement.declaration as Node;
    if (statement.type === "ClassDeclaration" || statement.type === "ClassExpression") {
      const name = statement.id?.name ?? "default";
      out.push({
        node: statement,
        name,
        binding: statement.id ? scope.bindings.get(name) ?? null : null,
      });
      continue;
    }
    if (statement.type !== "VariableDeclaration") continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init ? unwrap(declarator.init as Node) : null;
      if (init?.type !== "ClassExpression" || declarator.id.type !== "Identifier") continue;
      const name = declarator.id.name;
      out.push({ node: init, name, binding: scope.bindings.get(name) ?? null });
    }
  }
  return out;
}

/** The innermost deferred function around `node` (`null` inside a static initialiser or block: init code). */
function deferredFunctionOf(scope: ModuleScope, node: Node): FunctionInfo | null {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (
      !isFunctionNode(current) && current.type !== "PropertyDefinition" &&
      current.type !== "StaticBlock"
    ) continue;
    const info = scope.functions.get(nodeKey(current));
    if (!info) continue;
    if (info.deferred) return info;
    if (info.isStatic && info.classNode) return null; // a static initialiser runs at init
  }
  return null;
}

function syntacticFunctionOf(scope: ModuleScope, node: Node): FunctionInfo | null {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (
      !isFunctionNode(current) && current.type !== "PropertyDefinition" &&
      current.type !== "StaticBlock"
    ) continue;
    const info = scope.functions.get(nodeKey(current));
    if (info) return info;
  }
  return null;
}

/** `this.<name>` member expressions inside the static members of a class, by name. */
function staticThisAccesses(cls: ModuleClass, scope: ModuleScope): Map<string, Access[]> {
  const out = new Map<string, Access[]>();
  for (const member of cls.node.body.body as Node[]) {
    const isStatic = (member.type === "MethodDefinition" || member.type === "PropertyDefinition") &&
      member.static;
    if (!isStatic && member.type !== "StaticBlock") continue;
    const fnNode = member.type === "MethodDefinition" ? member.value as Node : member;
    walkOwn(fnNode, (node) => {
      if (
        node.type !== "MemberExpression" || unwrap(node.object as Node).type !== "ThisExpression"
      ) return;
      const name = memberName(node);
      if (name === null) return;
      const list = out.get(name) ?? [];
      list.push({
        node,
        fn: deferredFunctionOf(scope, node),
        syn: syntacticFunctionOf(scope, node),
        alias: false,
      });
      out.set(name, list);
    }, true);
  }
  return out;
}

/** `Cls.<name>` member expressions reached through the class's binding. */
function staticNameAccesses(cls: ModuleClass, name: string): Access[] {
  const out: Access[] = [];
  for (const ref of cls.binding?.refs ?? []) {
    if (ref.alias) continue;
    const self = outer(ref.node);
    const member = parentOf(self);
    if (member?.type !== "MemberExpression" || !same(member.object as Node, self)) continue;
    if (memberName(member) === name) {
      out.push({ node: member, fn: ref.fn, syn: ref.syntacticFn, alias: false });
    }
  }
  return out;
}

function staticPlaces(classes: readonly ModuleClass[], scope: ModuleScope): Place[] {
  const out: Place[] = [];
  for (const cls of classes) {
    const viaThis = staticThisAccesses(cls, scope);
    for (const member of cls.node.body.body as Node[]) {
      if (member.type !== "PropertyDefinition" || !member.static || member.declare) continue;
      const name = keyName(member.key as Node, member.computed);
      if (name === null) continue;
      const accesses = [...staticNameAccesses(cls, name), ...(viaThis.get(name) ?? [])]
        .sort((a, b) => a.node.range[0] - b.node.range[0]);
      out.push({
        kind: "static",
        label: `${cls.name}.${name}`,
        site: member.key as Node,
        init: member.value as Node | null,
        typeText: typeTextOf(member, scope.text),
        binding: null,
        field: member,
        cls,
        accesses,
      });
    }
  }
  return out;
}

function typeTextOf(node: Node, text: string): string {
  const annotation = (node as unknown as { typeAnnotation?: Node | null }).typeAnnotation;
  return annotation ? text.slice(annotation.range[0], annotation.range[1]) : "";
}

// -- bindings and globals -----------------------------------------------------

function bindingPlaces(scope: ModuleScope): Place[] {
  const out: Place[] = [];
  for (const binding of scope.bindings.values()) {
    out.push({
      kind: "binding",
      label: binding.name,
      site: binding.id,
      init: binding.init,
      typeText: binding.typeText,
      binding,
      field: null,
      cls: null,
      accesses: binding.refs.map((ref) => ({
        node: ref.node,
        fn: ref.fn,
        syn: ref.syntacticFn,
        alias: ref.alias,
      })),
    });
  }
  return out;
}

/**
 * The static name of a member's property: `a.b` → `b`, `a["b"]` → `b`, and
 * `a[KEY]` → `[KEY]` when `KEY` is a module `const` holding a string, number
 * or symbol.
 */
function propertyName(
  member: Deno.lint.MemberExpression,
  constKeys: ReadonlyMap<string, string>,
): string | null {
  const name = memberName(member);
  if (name !== null || !member.computed) return name;
  const property = unwrap(member.property as Node);
  return property.type === "Identifier" ? constKeys.get(nodeKey(property)) ?? null : null;
}

/** References to module constants usable as property keys, by identifier node. */
function constKeyRefs(scope: ModuleScope): Map<string, string> {
  const out = new Map<string, string>();
  for (const binding of scope.bindings.values()) {
    if (binding.kind !== "const" || !binding.init) continue;
    const init = unwrap(binding.init);
    const literal = init.type === "Literal" &&
      (typeof init.value === "string" || typeof init.value === "number");
    const symbol = init.type === "CallExpression" &&
      ((init.callee as Node).type === "Identifier" || calleeName(init) === "for") &&
      /^Symbol\b/.test(scope.text.slice(init.range[0], init.range[1]));
    if (!literal && !symbol) continue;
    for (const ref of binding.refs) if (!ref.alias) out.set(nodeKey(ref.node), `[${binding.name}]`);
  }
  return out;
}

/**
 * Joins a label and a property name: `state` + `conn` → `state.conn`,
 * `globalThis` + `[KEY]` → `globalThis[KEY]`.
 *
 * @example
 * ```ts
 * import { joinLabel } from "./model.ts";
 * joinLabel("globalThis", "[KEY]"); // "globalThis[KEY]"
 * ```
 */
export function joinLabel(label: string, name: string): string {
  return name.startsWith("[") ? label + name : `${label}.${name}`;
}

function globalPlaces(scope: ModuleScope, constKeys: ReadonlyMap<string, string>): Place[] {
  const byName = new Map<string, { label: string; accesses: Access[] }>();
  for (const global of scope.globals) {
    if (!isGlobalObjectName(global.name)) continue;
    const self = outer(global.node);
    const member = parentOf(self);
    const property = member?.type === "MemberExpression" && same(member.object as Node, self)
      ? propertyName(member, constKeys)
      : null;
    const key = property ?? "";
    const entry = byName.get(key) ??
      { label: property === null ? global.name : joinLabel(global.name, property), accesses: [] };
    const node = property === null ? global.node : member!;
    entry.accesses.push({ node, fn: global.fn, syn: global.syntacticFn, alias: false });
    byName.set(key, entry);
  }
  return [...byName.values()].map(({ label, accesses }) => ({
    kind: "global",
    label,
    site: accesses[0].node,
    init: null,
    typeText: "",
    binding: null,
    field: null,
    cls: null,
    accesses,
  }));
}

// -- types declared in the module ---------------------------------------------

function declaredTypes(
  program: Deno.lint.Program,
): { objects: Set<string>; primitives: Set<string> } {
  const objects = new Set<string>();
  const primitives = new Set<string>();
  for (const raw of program.body as Node[]) {
    let statement: Node = raw;
    if (statement.type === "ExportNamedDeclaration" && statement.declaration) {
      statement = statement.declaration as Node;
    }
    if (statement.type === "TSInterfaceDeclaration" || statement.type === "ClassDeclaration") {
      if (statement.id) objects.add(statement.id.name);
    } else if (statement.type === "TSTypeAliasDeclaration") {
      const type = (statement.typeAnnotation as Node).type;
      if (type === "TSTypeLiteral") objects.add(statement.id.name);
      else if (type !== "TSTypeReference" && type !== "TSArrayType") {
        primitives.add(statement.id.name);
      }
    }
  }
  return { objects, primitives };
}

// -- the model ----------------------------------------------------------------

/**
 * Builds the model of a module.
 *
 * @example
 * ```ts
 * import { buildModel } from "./model.ts";
 * declare const ctx: Deno.lint.RuleContext;
 * const model = buildModel(ctx.sourceCode.ast, ctx.sourceCode.text, ctx.filename);
 * for (const place of model.bindings) console.log(place.label, place.accesses.length);
 * ```
 */
export function buildModel(
  program: Deno.lint.Program,
  text: string,
  filename: string,
): ModuleModel {
  const scope = analyzeScopes(program, text);
  const classes = moduleClasses(program, scope);
  const bindings = bindingPlaces(scope);
  const statics = staticPlaces(classes, scope);
  const constKeys = constKeyRefs(scope);
  const globals = globalPlaces(scope, constKeys);
  const byNode = new Map<string, Place>();
  for (const place of [...bindings, ...globals, ...statics]) {
    for (const access of place.accesses) if (!access.alias) byNode.set(nodeKey(access.node), place);
  }
  const pathOf = (node: Node): PlacePath | null => {
    const n = unwrap(node);
    const place = byNode.get(nodeKey(n));
    if (place) return { place, path: [] };
    if (n.type !== "MemberExpression") return null;
    const name = propertyName(n, constKeys);
    const base = name === null ? null : pathOf(n.object as Node);
    return base && { place: base.place, path: [...base.path, name!] };
  };
  const { objects, primitives } = declaredTypes(program);
  return {
    program,
    scope,
    text,
    isTs: /\.(?:ts|tsx|mts|cts)$/.test(filename),
    bindings,
    statics,
    globals,
    classes,
    objectTypes: objects,
    primitiveAliases: primitives,
    pathOf,
    awaitsOf: (fn) => fn?.awaits ?? scope.moduleAwaits,
  };
}

/**
 * `\`name()\`` for a function, `module initialisation` for `null`.
 *
 * @example
 * ```ts
 * import { fnName } from "./model.ts";
 * fnName(null); // "module initialisation"
 * ```
 */
export function fnName(fn: FunctionInfo | null): string {
  if (!fn) return "module initialisation";
  if (fn.name === "<anonymous>") {
    const call = callbackOf(fn.node);
    if (call) return `the callback of \`${call}\``;
  }
  return `\`${fn.name}()\``;
}

/**
 * `site.filter("slow", …)` for an anonymous function passed to that call, so a
 * message can name it; `null` when it is not a call's argument.
 */
function callbackOf(node: Node): string | null {
  const self = outer(node);
  const call = parentOf(self);
  if (call?.type !== "CallExpression" || same(call.callee as Node, self)) return null;
  const callee = unwrap(call.callee as Node);
  let name: string | null = null;
  if (callee.type === "Identifier") name = callee.name;
  else if (callee.type === "MemberExpression") {
    const object = unwrap(callee.object as Node);
    const method = memberName(callee);
    if (method !== null) {
      name = object.type === "Identifier" ? `${object.name}.${method}` : `….${method}`;
    }
  }
  if (name === null) return null;
  const first = unwrap(call.arguments[0] as Node);
  const literal = first.type === "Literal" && typeof first.value === "string" &&
      first.value.length <= 30 && !/[`\n:]/.test(first.value)
    ? `${JSON.stringify(first.value)}, …`
    : "…";
  return `${name}(${literal})`;
}

/**
 * The model of the module `ctx` is linting, built once and shared by the
 * three rules (they run one after the other on the same AST).
 *
 * @example
 * ```ts
 * import { modelFor } from "./model.ts";
 * declare const ctx: Deno.lint.RuleContext;
 * modelFor(ctx)?.bindings.length;
 * ```
 */
export function modelFor(ctx: Deno.lint.RuleContext): ModuleModel | null {
  // Declaration files describe types, not run-time state.
  if (/\.d\.[cm]?ts$/.test(ctx.filename)) return null;
  const program = ctx.sourceCode.ast;
  if (models.has(program)) return models.get(program)!;
  let model: ModuleModel | null = null;
  try {
    model = buildModel(program, ctx.sourceCode.text, ctx.filename);
  } catch (error) {
    // A bug in the analysis must not break `deno lint` for the whole project.
    console.error(
      `floe lint: could not analyse ${ctx.filename}: ${(error as Error).stack ?? error}`,
    );
  }
  models.set(program, model);
  return model;
}

/**
 * Per-AST cache of models. A WeakMap keyed by the AST object: entries go away
 * with the AST, and nothing is shared across files or threads.
 */
// deno-lint-ignore floe/no-module-mutable-state floe/no-unsafe-memo -- keyed by identity on purpose: one model per AST, shared by the three rules of one lint run, freed with the AST
const models = new WeakMap<object, ModuleModel | null>();
