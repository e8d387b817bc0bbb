/**
 * Scope tracking for the floe lint rules. Deno's lint plugin API exposes the
 * AST but no scope analysis, so this module resolves every identifier
 * reference itself: it collects the module-level bindings (with hoisting of
 * `var` and function declarations), tracks parameters, locals, catch
 * parameters, loop variables and class names as shadowing scopes, and records
 * for each reference to a module binding which function it occurs in (or that
 * it runs during module initialisation).
 *
 * @module
 */

import {
  childrenOf,
  isFunctionNode,
  isNode,
  keyName,
  memberName,
  type Node,
  nodeKey,
  parentOf,
  prop,
  type Range,
  same,
  unwrap,
} from "./ast.ts";

/** How a module-level name was declared. */
export type BindingKind =
  | "let"
  | "var"
  | "const"
  | "using"
  | "function"
  | "class"
  | "import"
  | "enum"
  | "namespace";

/** A name declared at module scope. */
export interface ModuleBinding {
  /** The declared name. */
  readonly name: string;
  /** The declaration keyword or form. */
  readonly kind: BindingKind;
  /** The identifier at the declaration site (where findings are reported). */
  readonly id: Deno.lint.Identifier;
  /** The `VariableDeclaration` / function / class node that declares it. */
  readonly declaration: Node | null;
  /** The initialiser of a simple `name = init` declarator, else `null`. */
  readonly init: Node | null;
  /** True when the name comes out of a destructuring pattern. */
  readonly destructured: boolean;
  /** Source text of the declared type annotation, or `""`. */
  readonly typeText: string;
  /** True when exported (`export let`, `export { x }`, `export default x`). */
  exported: boolean;
  /** The module binding this one aliases (`const a = registry`), if any. */
  aliasOf: ModuleBinding | null;
  /** The global object this one aliases (`const g = globalThis`), if any. */
  globalAlias: string | null;
  /** Every resolved reference, direct or through an alias. */
  readonly refs: Ref[];
}

/** One function (or deferred class-field initialiser) in the module. */
export interface FunctionInfo {
  /** The function node (or the `PropertyDefinition` of an instance field). */
  readonly node: Node;
  /** A readable name: `render`, `Cache.get`, `<anonymous>`. */
  readonly name: string;
  /** True for `async` functions. */
  readonly async: boolean;
  /** True when it runs later (not an IIFE or a synchronous init callback). */
  readonly deferred: boolean;
  /** True for static methods / static blocks / static field initialisers. */
  readonly isStatic: boolean;
  /** The class whose member this is, if any. */
  readonly classNode: Node | null;
  /** Ranges of the `await` expressions directly inside (not nested functions). */
  readonly awaits: Range[];
}

/** A reference to a module binding. */
export interface Ref {
  /** The identifier node of the reference. */
  readonly node: Deno.lint.Identifier;
  /** The module binding it resolves to (the aliased binding for aliases). */
  readonly binding: ModuleBinding;
  /** True when reached through a local or module alias of the binding. */
  readonly alias: boolean;
  /** The innermost deferred function, or `null` at module initialisation. */
  readonly fn: FunctionInfo | null;
  /** The innermost syntactic function of any kind (for `await` ranges). */
  readonly syntacticFn: FunctionInfo | null;
}

/** A reference to a name no scope declares (a global such as `globalThis`). */
export interface GlobalRef {
  /** The identifier node. */
  readonly node: Deno.lint.Identifier;
  /** The global's name (for an alias of the global object, `globalThis` and the like). */
  readonly name: string;
  /** The innermost deferred function, or `null` at module initialisation. */
  readonly fn: FunctionInfo | null;
  /** The innermost syntactic function of any kind (for `await` ranges). */
  readonly syntacticFn: FunctionInfo | null;
}

/** A binding declared inside a function or block. */
export interface LocalBinding {
  /** The declared name. */
  readonly name: string;
  /** `param`, `let`, `const`, `var`, `function`, `class` or `catch`. */
  readonly kind: string;
  /** The declarator initialiser, if a simple declarator. */
  init: Node | null;
  /** Source text of the type annotation, or `""`. */
  readonly typeText: string;
  /** The module binding this local aliases (`const m = registry`), if any. */
  aliasOf: ModuleBinding | null;
  /** The global object this local aliases (`const g = globalThis as …`), if any. */
  globalAlias: string | null;
  /** True for `async function` declarations / `const f = async () => …`. */
  asyncFn: boolean;
}

/** The result of {@link analyzeScopes}. */
export interface ModuleScope {
  /** Module-level bindings by name. */
  readonly bindings: Map<string, ModuleBinding>;
  /** All references to module bindings, in source order. */
  readonly refs: Ref[];
  /** References to undeclared (global) names. */
  readonly globals: GlobalRef[];
  /** Every function, keyed by {@link nodeKey}. */
  readonly functions: Map<string, FunctionInfo>;
  /** Locals that identifiers (references and declaring identifiers) resolve to, keyed by {@link nodeKey}. */
  readonly locals: Map<string, LocalBinding>;
  /** Ranges of the top-level `await`s (outside every function). */
  readonly moduleAwaits: Range[];
  /** The full source text. */
  readonly text: string;
}

type Scope = {
  readonly parent: Scope | null;
  readonly names: Map<string, LocalBinding | ModuleBinding>;
  readonly module: boolean;
};

type Context = {
  readonly fn: FunctionInfo | null;
  readonly syn: FunctionInfo | null;
};

type ClassNode = Deno.lint.ClassDeclaration | Deno.lint.ClassExpression;

/** Names under which module code reaches the global object. */
const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(["globalThis", "self", "window", "global"]);

/**
 * True for the names under which module code reaches the global object:
 * `globalThis`, `self`, `window`, `global` (when no scope declares them).
 *
 * @example
 * ```ts
 * import { isGlobalObjectName } from "./module_scope.ts";
 * isGlobalObjectName("self"); // true
 * ```
 */
export function isGlobalObjectName(name: string): boolean {
  return GLOBAL_OBJECTS.has(name);
}

/**
 * Array methods whose callback runs synchronously before the call returns; a
 * callback passed to one of them during module initialisation is treated as
 * initialisation code too.
 */
const SYNC_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  "forEach",
  "map",
  "filter",
  "reduce",
  "reduceRight",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "flatMap",
]);

/** Node types that neither declare nor reference a value. */
const INERT: ReadonlySet<string> = new Set([
  "ImportDeclaration",
  "ExportAllDeclaration",
  "BreakStatement",
  "ContinueStatement",
  "TSTypeAliasDeclaration",
  "TSInterfaceDeclaration",
  "TSDeclareFunction",
  "TSEnumDeclaration",
  "TSModuleDeclaration",
  "TSImportEqualsDeclaration",
  "Literal",
  "ThisExpression",
  "Super",
  "MetaProperty",
  "PrivateIdentifier",
  "TemplateElement",
]);

/**
 * The statements of a `StaticBlock`: typed as `Statement[]`, but Deno's AST
 * wraps them in a `BlockStatement`, so accept both shapes.
 *
 * @example
 * ```ts
 * import { staticBlockStatements } from "./module_scope.ts";
 * declare const block: Deno.lint.StaticBlock;
 * staticBlockStatements(block).length;
 * ```
 */
export function staticBlockStatements(block: Deno.lint.StaticBlock): Node[] {
  const body = prop(block, "body");
  if (Array.isArray(body)) return body as Node[];
  if (isNode(body) && body.type === "BlockStatement") {
    return body.body as Node[];
  }
  return [];
}

/**
 * Collects the identifiers bound by a declaration pattern.
 *
 * @example
 * ```ts
 * import { patternIdentifiers } from "./module_scope.ts";
 * declare const pattern: Deno.lint.Node; // `{ a, b: [c] }`
 * patternIdentifiers(pattern).map((id) => id.name); // ["a", "c"]
 * ```
 */
export function patternIdentifiers(
  pattern: Node | null | undefined,
): Deno.lint.Identifier[] {
  const out: Deno.lint.Identifier[] = [];
  collectPattern(pattern, out);
  return out;
}

function collectPattern(node: Node | null | undefined, out: Deno.lint.Identifier[]): void {
  if (!node) return;
  switch (node.type) {
    case "Identifier":
      out.push(node);
      return;
    case "ObjectPattern":
      for (const property of node.properties) {
        collectPattern(
          (property.type === "RestElement" ? property.argument : property.value) as Node,
          out,
        );
      }
      return;
    case "ArrayPattern":
      for (const element of node.elements) collectPattern(element as Node | null, out);
      return;
    case "AssignmentPattern":
      collectPattern(node.left as Node, out);
      return;
    case "RestElement":
      collectPattern(node.argument as Node, out);
      return;
    default:
      if ((node.type as string) === "TSParameterProperty") {
        collectPattern(prop(node, "parameter") as Node, out);
      }
  }
}

/** The declaration an `export` statement wraps, and whether it is exported. */
function unwrapExport(statement: Node): { statement: Node | null; exported: boolean } {
  if (statement.type === "ExportNamedDeclaration") {
    return statement.declaration
      ? { statement: statement.declaration as Node, exported: true }
      : { statement: null, exported: false };
  }
  if (statement.type === "ExportDefaultDeclaration") {
    const declaration = statement.declaration as Node;
    const named = (declaration.type === "FunctionDeclaration" ||
      declaration.type === "ClassDeclaration") && !!declaration.id;
    return { statement: named ? declaration : null, exported: named };
  }
  return { statement, exported: false };
}

/** The readable name of a function from its syntactic position. */
function functionName(node: Node, text: string): string {
  if (
    (node.type === "FunctionDeclaration" || node.type === "FunctionExpression") && node.id
  ) return node.id.name;
  const parent = parentOf(node);
  if (!parent) return "<anonymous>";
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") {
    return parent.id.name;
  }
  if (parent.type === "Property") {
    return keyName(parent.key as Node, parent.computed) ?? "<computed>";
  }
  if (parent.type === "MethodDefinition") {
    const name = keyName(parent.key as Node, parent.computed) ?? "<computed>";
    const cls = parentOf(parentOf(parent) ?? parent);
    const isClass = cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression");
    return (isClass && cls.id ? cls.id.name + "." : "") + name;
  }
  if (parent.type === "AssignmentExpression") {
    const left = parent.left as Node;
    if (left.type === "Identifier") return left.name;
    if (left.type === "MemberExpression") return text.slice(left.range[0], left.range[1]);
  }
  return "<anonymous>";
}

/** Is this function run synchronously as part of the surrounding code? */
function runsInline(node: Node): boolean {
  const parent = parentOf(node);
  if (!parent || parent.type !== "CallExpression") return false;
  if (parent.callee === node) return true; // IIFE
  const callee = unwrap(parent.callee as Node);
  if (callee.type !== "MemberExpression") return false;
  const name = memberName(callee);
  // The callback is the first argument of every one of these methods: a function
  // passed later (`site.filter("name", fn)`, a floe plugin registration) runs later.
  return name !== null && SYNC_CALLBACK_METHODS.has(name) &&
    same(parent.arguments[0] as Node | undefined, node);
}

/**
 * Builds a {@link ModuleScope}: declares names scope by scope (hoisting
 * first), then resolves every identifier it visits.
 */
class ScopeBuilder {
  readonly bindings = new Map<string, ModuleBinding>();
  readonly refs: Ref[] = [];
  readonly globals: GlobalRef[] = [];
  readonly functions = new Map<string, FunctionInfo>();
  readonly locals = new Map<string, LocalBinding>();
  readonly moduleAwaits: Range[] = [];
  readonly moduleScope: Scope = { parent: null, names: new Map(), module: true };

  constructor(readonly text: string) {}

  // -- declaring ------------------------------------------------------------

  typeText(id: Node): string {
    const annotation = prop(id, "typeAnnotation");
    return isNode(annotation) ? this.text.slice(annotation.range[0], annotation.range[1]) : "";
  }

  declareModule(
    id: Deno.lint.Identifier,
    kind: BindingKind,
    declaration: Node | null,
    init: Node | null = null,
    flags: { destructured?: boolean; exported?: boolean } = {},
  ): void {
    if (this.bindings.has(id.name)) return;
    const binding: ModuleBinding = {
      name: id.name,
      kind,
      id,
      declaration,
      init,
      destructured: flags.destructured ?? false,
      typeText: this.typeText(id),
      exported: flags.exported ?? false,
      aliasOf: null,
      globalAlias: null,
      refs: [],
    };
    this.bindings.set(id.name, binding);
    this.moduleScope.names.set(id.name, binding);
  }

  declareLocal(
    scope: Scope,
    id: Deno.lint.Identifier,
    kind: string,
    init: Node | null,
    asyncFn = false,
  ): void {
    const local: LocalBinding = {
      name: id.name,
      kind,
      init,
      typeText: this.typeText(id),
      aliasOf: null,
      globalAlias: null,
      asyncFn,
    };
    scope.names.set(id.name, local);
    this.locals.set(nodeKey(id), local);
  }

  /** Declares a named declaration in the module scope or a local one. */
  declareNamed(
    scope: Scope,
    id: Deno.lint.Identifier,
    kind: BindingKind,
    node: Node,
    exported: boolean,
    asyncFn = false,
  ): void {
    if (scope.module) this.declareModule(id, kind, node, null, { exported });
    else this.declareLocal(scope, id, kind, null, asyncFn);
  }

  /** Declares the block-scoped names (and, for function scopes, `var`s). */
  hoist(scope: Scope, statements: readonly Node[], functionScope: boolean): void {
    for (const raw of statements) {
      const { statement, exported } = unwrapExport(raw);
      if (statement) this.declareStatement(scope, statement, exported);
    }
    if (functionScope) {
      for (const statement of statements) this.hoistVars(scope, statement);
    }
  }

  declareStatement(scope: Scope, statement: Node, exported: boolean): void {
    switch (statement.type) {
      case "VariableDeclaration":
        return this.declareVariables(scope, statement, exported);
      case "FunctionDeclaration":
        if (statement.id) {
          this.declareNamed(scope, statement.id, "function", statement, exported, statement.async);
        }
        return;
      case "ClassDeclaration":
        if (statement.id) this.declareNamed(scope, statement.id, "class", statement, exported);
        return;
      case "TSEnumDeclaration":
        return this.declareNamed(scope, statement.id, "enum", statement, exported);
      case "TSModuleDeclaration":
        if (statement.id.type === "Identifier") {
          this.declareNamed(scope, statement.id, "namespace", statement, exported);
        }
        return;
      case "ImportDeclaration":
        return this.declareImports(statement);
      case "TSImportEqualsDeclaration":
        if (scope.module) this.declareModule(statement.id, "import", statement);
        return;
    }
  }

  declareVariables(
    scope: Scope,
    statement: Deno.lint.VariableDeclaration,
    exported: boolean,
  ): void {
    if (statement.kind === "var") return; // handled by hoistVars
    if (statement.declare && scope.module) return; // ambient: no run-time binding
    const kind = statement.kind === "let" ? "let" : statement.kind === "const" ? "const" : "using";
    for (const declarator of statement.declarations) {
      this.declarePattern(scope, declarator, kind, statement, exported);
    }
  }

  declareImports(statement: Deno.lint.ImportDeclaration): void {
    if (statement.importKind === "type") return;
    for (const specifier of statement.specifiers) {
      if (specifier.type === "ImportSpecifier" && specifier.importKind === "type") continue;
      this.declareModule(specifier.local, "import", statement);
    }
  }

  declarePattern(
    scope: Scope,
    declarator: Deno.lint.VariableDeclarator,
    kind: BindingKind,
    declaration: Node,
    exported: boolean,
  ): void {
    const id = declarator.id as Node;
    const simple = id.type === "Identifier";
    const init = simple ? (declarator.init as Node | null) : null;
    for (const name of patternIdentifiers(id)) {
      if (scope.module) {
        this.declareModule(name, kind, declaration, init, { destructured: !simple, exported });
        continue;
      }
      const unwrapped = init ? unwrap(init) : null;
      this.declareLocal(
        scope,
        name,
        kind,
        init,
        !!unwrapped && isFunctionNode(unwrapped) && unwrapped.async,
      );
    }
  }

  /** Hoists `var` declarations (not crossing function or class boundaries). */
  hoistVars(scope: Scope, node: Node | null | undefined): void {
    if (!node || isFunctionNode(node)) return;
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") return;
    if (node.type === "VariableDeclaration") {
      if (node.kind !== "var" || node.declare) return;
      for (const declarator of node.declarations) {
        this.declarePattern(scope, declarator, "var", node, false);
      }
      return;
    }
    if (node.type === "ExportNamedDeclaration") {
      const declaration = node.declaration as Node | null;
      if (
        declaration?.type === "VariableDeclaration" && declaration.kind === "var" &&
        !declaration.declare
      ) {
        for (const declarator of declaration.declarations) {
          this.declarePattern(scope, declarator, "var", declaration, true);
        }
      }
      return;
    }
    for (const child of this.varContainers(node)) this.hoistVars(scope, child);
  }

  /** The statements (and loop heads) of `node` that may hold a `var`. */
  varContainers(node: Node): (Node | null)[] {
    switch (node.type) {
      case "BlockStatement":
        return node.body as Node[];
      case "StaticBlock":
        return staticBlockStatements(node);
      case "IfStatement":
        return [node.consequent as Node, node.alternate as Node | null];
      case "ForStatement":
        return [node.init as Node | null, node.body as Node];
      case "ForInStatement":
      case "ForOfStatement":
        return [node.left as Node, node.body as Node];
      case "WhileStatement":
      case "DoWhileStatement":
      case "LabeledStatement":
      case "WithStatement":
        return [node.body as Node];
      case "TryStatement":
        return [node.block, node.handler?.body ?? null, node.finalizer];
      case "SwitchStatement":
        return node.cases.flatMap((c) => c.consequent as Node[]);
      default:
        return [];
    }
  }

  // -- resolution -----------------------------------------------------------

  lookup(scope: Scope, name: string): LocalBinding | ModuleBinding | null {
    for (let current: Scope | null = scope; current; current = current.parent) {
      const found = current.names.get(name);
      if (found) return found;
    }
    return null;
  }

  addRef(ref: Ref): void {
    ref.binding.refs.push(ref);
    this.refs.push(ref);
  }

  reference(id: Deno.lint.Identifier, scope: Scope, ctx: Context): void {
    const found = this.lookup(scope, id.name);
    if (!found) {
      this.globals.push({ node: id, name: id.name, fn: ctx.fn, syntacticFn: ctx.syn });
      return;
    }
    const base = { node: id, fn: ctx.fn, syntacticFn: ctx.syn };
    if (found.globalAlias) this.globals.push({ ...base, name: found.globalAlias });
    if (isModuleBinding(found)) {
      this.addRef({ ...base, binding: found, alias: false });
    } else {
      this.locals.set(nodeKey(id), found);
    }
    if (found.aliasOf) this.addRef({ ...base, binding: found.aliasOf, alias: true });
  }

  /** The module binding an initialiser aliases: `x`, `x.a.b`, `x as T`. */
  aliasTarget(init: Node | null, scope: Scope): ModuleBinding | null {
    if (!init) return null;
    let current = unwrap(init);
    while (current.type === "MemberExpression") current = unwrap(current.object as Node);
    if (current.type !== "Identifier") return null;
    const found = this.lookup(scope, current.name);
    if (!found) return null;
    if (isModuleBinding(found)) {
      const opaque = found.kind === "function" || found.kind === "class" || found.kind === "import";
      return opaque ? null : found.aliasOf ?? found;
    }
    return found.aliasOf;
  }

  /** The global object an initialiser denotes (`globalThis`, `self as X`), if any. */
  globalTarget(init: Node | null, scope: Scope): string | null {
    const node = init ? unwrap(init) : null;
    if (node?.type !== "Identifier" || !GLOBAL_OBJECTS.has(node.name)) return null;
    const found = this.lookup(scope, node.name);
    return found ? found.globalAlias : node.name;
  }

  // -- walking --------------------------------------------------------------

  newFunction(
    node: Node,
    name: string,
    fields: Omit<FunctionInfo, "node" | "name" | "awaits">,
  ): FunctionInfo {
    const info: FunctionInfo = { node, name, ...fields, awaits: [] };
    this.functions.set(nodeKey(node), info);
    return info;
  }

  childScope(parent: Scope): Scope {
    return { parent, names: new Map(), module: false };
  }

  visitFunction(
    node:
      | Deno.lint.FunctionDeclaration
      | Deno.lint.FunctionExpression
      | Deno.lint.ArrowFunctionExpression,
    scope: Scope,
    ctx: Context,
    member: { isStatic: boolean; classNode: Node | null } | null,
  ): void {
    const inline = !member && runsInline(node);
    const info = this.newFunction(node, functionName(node, this.text), {
      async: node.async,
      deferred: !inline,
      isStatic: member?.isStatic ?? false,
      classNode: member?.classNode ?? null,
    });
    const inner: Context = { fn: inline ? ctx.fn : info, syn: info };
    const fnScope = this.childScope(scope);
    // A named function expression sees its own name.
    if (node.type === "FunctionExpression" && node.id) {
      this.declareLocal(fnScope, node.id, "function", null, node.async);
    }
    for (const param of node.params as Node[]) {
      for (const id of patternIdentifiers(param)) this.declareLocal(fnScope, id, "param", null);
    }
    // Default values may reference outer names (and earlier params).
    for (const param of node.params as Node[]) this.visitPattern(param, fnScope, inner, false);
    this.visitBody(node.body as Node | null, fnScope, inner);
  }

  visitBody(body: Node | null, scope: Scope, ctx: Context): void {
    if (!body) return;
    if (body.type !== "BlockStatement") return this.visit(body, scope, ctx);
    this.hoist(scope, body.body as Node[], true);
    for (const statement of body.body) this.visit(statement as Node, scope, ctx);
  }

  visitClass(node: ClassNode, scope: Scope, ctx: Context): void {
    for (const decorator of (prop(node, "decorators") as Node[] | undefined) ?? []) {
      this.visit(decorator, scope, ctx);
    }
    if (node.superClass) this.visit(node.superClass as Node, scope, ctx);
    let classScope = scope;
    if (node.type === "ClassExpression" && node.id) {
      classScope = this.childScope(scope);
      this.declareLocal(classScope, node.id, "class", null);
    }
    for (const member of node.body.body as Node[]) this.visitMember(node, member, classScope, ctx);
  }

  visitMember(cls: ClassNode, member: Node, scope: Scope, ctx: Context): void {
    switch (member.type) {
      case "MethodDefinition": {
        if (member.computed) this.visit(member.key as Node, scope, ctx);
        const value = member.value as Node;
        if (value.type === "FunctionExpression") {
          this.visitFunction(value, scope, ctx, { isStatic: member.static, classNode: cls });
        }
        return;
      }
      case "PropertyDefinition":
        if (member.computed) this.visit(member.key as Node, scope, ctx);
        return this.visitField(cls, member, scope, ctx);
      case "StaticBlock":
        return this.visitStaticBlock(cls, member, scope, ctx);
    }
  }

  visitField(
    cls: ClassNode,
    member: Deno.lint.PropertyDefinition,
    scope: Scope,
    ctx: Context,
  ): void {
    const value = member.value as Node | null;
    if (!value) return;
    if (member.static) {
      const info = this.newFunction(member, functionName(cls as Node, this.text) + ".static", {
        async: false,
        deferred: false,
        isStatic: true,
        classNode: cls,
      });
      return this.visit(value, scope, { fn: ctx.fn, syn: info });
    }
    const name = (cls.id ? cls.id.name + "#" : "") +
      (keyName(member.key as Node, member.computed) ?? "field");
    const info = this.newFunction(member, name, {
      async: false,
      deferred: true,
      isStatic: false,
      classNode: cls,
    });
    this.visit(value, scope, { fn: info, syn: info });
  }

  visitStaticBlock(
    cls: ClassNode,
    member: Deno.lint.StaticBlock,
    scope: Scope,
    ctx: Context,
  ): void {
    const info = this.newFunction(member, "static {}", {
      async: false,
      deferred: false,
      isStatic: true,
      classNode: cls,
    });
    const blockScope = this.childScope(scope);
    const statements = staticBlockStatements(member);
    this.hoist(blockScope, statements, true);
    for (const statement of statements) {
      this.visit(statement, blockScope, { fn: ctx.fn, syn: info });
    }
  }

  /**
   * Visits a pattern. In a declaration, only default values and computed keys
   * are references; in an assignment target (`assigning`) every identifier is.
   */
  visitPattern(
    node: Node | null | undefined,
    scope: Scope,
    ctx: Context,
    assigning: boolean,
  ): void {
    if (!node) return;
    switch (node.type) {
      case "Identifier":
        if (assigning) this.reference(node, scope, ctx);
        return;
      case "ObjectPattern":
        for (const property of node.properties as Node[]) {
          if (property.type === "RestElement") {
            this.visitPattern(property.argument as Node, scope, ctx, assigning);
          } else if (property.type === "Property") {
            if (property.computed) this.visit(property.key as Node, scope, ctx);
            this.visitPattern(property.value as Node, scope, ctx, assigning);
          }
        }
        return;
      case "ArrayPattern":
        for (const element of node.elements) {
          this.visitPattern(element as Node | null, scope, ctx, assigning);
        }
        return;
      case "AssignmentPattern":
        this.visitPattern(node.left as Node, scope, ctx, assigning);
        return this.visit(node.right as Node, scope, ctx);
      case "RestElement":
        return this.visitPattern(node.argument as Node, scope, ctx, assigning);
      default:
        if ((node.type as string) === "TSParameterProperty") {
          return this.visitPattern(prop(node, "parameter") as Node, scope, ctx, assigning);
        }
        // Member expressions and other targets in assignment patterns.
        this.visit(node, scope, ctx);
    }
  }

  visitBlock(statements: readonly Node[], scope: Scope, ctx: Context): void {
    const blockScope = this.childScope(scope);
    this.hoist(blockScope, statements, false);
    for (const statement of statements) this.visit(statement, blockScope, ctx);
  }

  visitSwitch(node: Deno.lint.SwitchStatement, scope: Scope, ctx: Context): void {
    this.visit(node.discriminant as Node, scope, ctx);
    const blockScope = this.childScope(scope);
    this.hoist(blockScope, node.cases.flatMap((c) => c.consequent as Node[]), false);
    for (const switchCase of node.cases) {
      this.visit(switchCase.test as Node | null, blockScope, ctx);
      for (const statement of switchCase.consequent) this.visit(statement as Node, blockScope, ctx);
    }
  }

  visitLoop(
    node: Deno.lint.ForStatement | Deno.lint.ForInStatement | Deno.lint.ForOfStatement,
    scope: Scope,
    ctx: Context,
  ): void {
    const loopScope = this.childScope(scope);
    const head = (node.type === "ForStatement" ? node.init : node.left) as Node | null;
    if (head?.type === "VariableDeclaration" && head.kind !== "var") {
      this.hoist(loopScope, [head], false);
    }
    if (node.type === "ForStatement") {
      this.visit(node.init as Node | null, loopScope, ctx);
      this.visit(node.test as Node | null, loopScope, ctx);
      this.visit(node.update as Node | null, loopScope, ctx);
    } else {
      if (head?.type === "VariableDeclaration") this.visit(head, loopScope, ctx);
      else this.visitPattern(head, loopScope, ctx, true);
      this.visit(node.right as Node, scope, ctx);
      if (node.type === "ForOfStatement" && node.await) {
        (ctx.syn?.awaits ?? this.moduleAwaits).push([node.range[0], node.range[0] + 1]);
      }
    }
    this.visit(node.body as Node, loopScope, ctx);
  }

  visitCatch(node: Deno.lint.CatchClause, scope: Scope, ctx: Context): void {
    const catchScope = this.childScope(scope);
    for (const id of patternIdentifiers(node.param as Node | null)) {
      this.declareLocal(catchScope, id, "catch", null);
    }
    this.visitPattern(node.param as Node | null, catchScope, ctx, false);
    this.visitBlock(node.body.body as Node[], catchScope, ctx);
  }

  visitDeclarator(node: Deno.lint.VariableDeclarator, scope: Scope, ctx: Context): void {
    this.visitPattern(node.id as Node, scope, ctx, false);
    const init = node.init as Node | null;
    this.visit(init, scope, ctx);
    const global = this.globalTarget(init, scope);
    if (global && node.id.type === "Identifier") {
      const declared = this.lookup(scope, node.id.name);
      if (declared) declared.globalAlias = global;
    }
    const target = this.aliasTarget(init, scope);
    if (!target) return;
    for (const id of patternIdentifiers(node.id as Node)) {
      const declared = this.lookup(scope, id.name);
      if (declared && declared !== target) declared.aliasOf = target;
    }
  }

  visitExport(
    node: Deno.lint.ExportNamedDeclaration | Deno.lint.ExportDefaultDeclaration,
    scope: Scope,
    ctx: Context,
  ): void {
    if (node.type === "ExportDefaultDeclaration") {
      const declaration = node.declaration as Node;
      if (declaration.type === "Identifier" && scope.module) this.markExported(declaration.name);
      return this.visit(declaration, scope, ctx);
    }
    if (node.declaration) this.visit(node.declaration as Node, scope, ctx);
    if (node.source) return;
    for (const specifier of node.specifiers) {
      const local = specifier.local as Node;
      if (local.type === "Identifier") this.markExported(local.name);
    }
  }

  markExported(name: string): void {
    const binding = this.bindings.get(name);
    if (binding) binding.exported = true;
  }

  visit(node: Node | null | undefined, scope: Scope, ctx: Context): void {
    if (!node || INERT.has(node.type)) return;
    switch (node.type) {
      case "Identifier":
        return this.reference(node, scope, ctx);
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return this.visitFunction(node, scope, ctx, null);
      case "ClassDeclaration":
      case "ClassExpression":
        return this.visitClass(node, scope, ctx);
      case "BlockStatement":
        return this.visitBlock(node.body as Node[], scope, ctx);
      case "StaticBlock":
        return this.visitBlock(staticBlockStatements(node), scope, ctx);
      case "SwitchStatement":
        return this.visitSwitch(node, scope, ctx);
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
        return this.visitLoop(node, scope, ctx);
      case "CatchClause":
        return this.visitCatch(node, scope, ctx);
      case "VariableDeclarator":
        return this.visitDeclarator(node, scope, ctx);
      case "AssignmentExpression":
        this.visitPattern(node.left as Node, scope, ctx, true);
        return this.visit(node.right as Node, scope, ctx);
      case "MemberExpression":
        this.visit(node.object as Node, scope, ctx);
        if (node.computed) this.visit(node.property as Node, scope, ctx);
        return;
      case "Property":
        if (node.computed) this.visit(node.key as Node, scope, ctx);
        return this.visit(node.value as Node, scope, ctx);
      case "AwaitExpression":
        (ctx.syn?.awaits ?? this.moduleAwaits).push([node.range[0], node.range[1]]);
        return this.visit(node.argument as Node, scope, ctx);
      case "LabeledStatement":
        return this.visit(node.body as Node, scope, ctx);
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
        return this.visitExport(node, scope, ctx);
      default:
        for (const child of childrenOf(node)) this.visit(child, scope, ctx);
    }
  }

  build(program: Deno.lint.Program): ModuleScope {
    this.hoist(this.moduleScope, program.body as Node[], true);
    const top: Context = { fn: null, syn: null };
    for (const statement of program.body) this.visit(statement as Node, this.moduleScope, top);
    const { bindings, refs, globals, functions, locals, moduleAwaits, text } = this;
    return { bindings, refs, globals, functions, locals, moduleAwaits, text };
  }
}

function isModuleBinding(value: LocalBinding | ModuleBinding): value is ModuleBinding {
  return "refs" in value;
}

/**
 * Resolves every identifier of a module and returns the module-level bindings
 * with their references (see {@link ModuleScope}).
 *
 * @example
 * ```ts
 * import { analyzeScopes } from "./module_scope.ts";
 * declare const ctx: Deno.lint.RuleContext;
 * const scope = analyzeScopes(ctx.sourceCode.ast, ctx.sourceCode.text);
 * for (const [name, binding] of scope.bindings) {
 *   console.log(name, binding.kind, binding.refs.length);
 * }
 * ```
 */
export function analyzeScopes(program: Deno.lint.Program, text: string): ModuleScope {
  return new ScopeBuilder(text).build(program);
}

/**
 * The innermost function (as recorded by {@link analyzeScopes}) containing
 * `node`, or `null` at module level.
 *
 * @example
 * ```ts
 * import { analyzeScopes, enclosingFunction } from "./module_scope.ts";
 * declare const ctx: Deno.lint.RuleContext, node: Deno.lint.Node;
 * const scope = analyzeScopes(ctx.sourceCode.ast, ctx.sourceCode.text);
 * enclosingFunction(scope, node)?.name;
 * ```
 */
export function enclosingFunction(scope: ModuleScope, node: Node): FunctionInfo | null {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (
      isFunctionNode(current) || current.type === "PropertyDefinition" ||
      current.type === "StaticBlock"
    ) {
      const info = scope.functions.get(nodeKey(current));
      if (info) return info;
    }
  }
  return null;
}
