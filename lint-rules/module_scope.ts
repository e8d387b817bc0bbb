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
  /** The innermost deferred function, or `null` at module initialisation. */
  readonly fn: FunctionInfo | null;
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
  /** Locals that identifiers resolved to, keyed by the identifier's {@link nodeKey}. */
  readonly locals: Map<string, LocalBinding>;
  /** The full source text. */
  readonly text: string;
}

type Scope = {
  readonly parent: Scope | null;
  readonly names: Map<string, LocalBinding | ModuleBinding>;
  readonly module: boolean;
};

type Context = {
  fn: FunctionInfo | null;
  syn: FunctionInfo | null;
};

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
  const visit = (node: Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case "Identifier":
        out.push(node);
        return;
      case "ObjectPattern":
        for (const property of node.properties) {
          if (property.type === "RestElement") visit(property.argument as Node);
          else visit(property.value as Node);
        }
        return;
      case "ArrayPattern":
        for (const element of node.elements) visit(element as Node | null);
        return;
      case "AssignmentPattern":
        visit(node.left as Node);
        return;
      case "RestElement":
        visit(node.argument as Node);
        return;
      default:
        if ((node.type as string) === "TSParameterProperty") {
          visit(prop(node, "parameter") as Node);
        }
    }
  };
  visit(pattern);
  return out;
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
export function analyzeScopes(
  program: Deno.lint.Program,
  text: string,
): ModuleScope {
  const bindings = new Map<string, ModuleBinding>();
  const refs: Ref[] = [];
  const globals: GlobalRef[] = [];
  const functions = new Map<string, FunctionInfo>();
  const locals = new Map<string, LocalBinding>();
  const typeText = (id: Node): string => {
    const annotation = prop(id, "typeAnnotation");
    return isNode(annotation) ? text.slice(annotation.range[0], annotation.range[1]) : "";
  };

  const moduleScope: Scope = { parent: null, names: new Map(), module: true };

  const declareModule = (
    id: Deno.lint.Identifier,
    kind: BindingKind,
    declaration: Node | null,
    init: Node | null,
    destructured: boolean,
    exported: boolean,
  ): void => {
    if (bindings.has(id.name)) return;
    const binding: ModuleBinding = {
      name: id.name,
      kind,
      id,
      declaration,
      init,
      destructured,
      typeText: typeText(id),
      exported,
      aliasOf: null,
      refs: [],
    };
    bindings.set(id.name, binding);
    moduleScope.names.set(id.name, binding);
  };

  const declareLocal = (
    scope: Scope,
    id: Deno.lint.Identifier,
    kind: string,
    init: Node | null,
    asyncFn = false,
  ): void => {
    scope.names.set(id.name, {
      name: id.name,
      kind,
      init,
      typeText: typeText(id),
      aliasOf: null,
      asyncFn,
    });
  };

  // -- hoisting -------------------------------------------------------------

  /** Declares the block-scoped names (and, for function scopes, `var`s). */
  const hoist = (
    scope: Scope,
    statements: readonly Node[],
    functionScope: boolean,
  ): void => {
    for (const raw of statements) {
      let statement = raw;
      let exported = false;
      if (
        statement.type === "ExportNamedDeclaration" && statement.declaration
      ) {
        statement = statement.declaration as Node;
        exported = true;
      } else if (statement.type === "ExportDefaultDeclaration") {
        const declaration = statement.declaration as Node;
        if (
          (declaration.type === "FunctionDeclaration" ||
            declaration.type === "ClassDeclaration") && declaration.id
        ) {
          statement = declaration;
          exported = true;
        } else continue;
      }
      declareStatement(scope, statement, exported);
    }
    if (functionScope) {
      for (const statement of statements) hoistVars(scope, statement);
    }
  };

  const declareStatement = (
    scope: Scope,
    statement: Node,
    exported: boolean,
  ): void => {
    switch (statement.type) {
      case "VariableDeclaration": {
        if (statement.kind === "var") return; // handled by hoistVars
        if (statement.declare && scope.module) return; // ambient: no run-time binding
        const kind = statement.kind === "let"
          ? "let"
          : statement.kind === "const"
          ? "const"
          : "using";
        for (const declarator of statement.declarations) {
          declarePattern(scope, declarator, kind, statement, exported);
        }
        return;
      }
      case "FunctionDeclaration":
        if (statement.id) {
          if (scope.module) {
            declareModule(
              statement.id,
              "function",
              statement,
              null,
              false,
              exported,
            );
          } else {declareLocal(
              scope,
              statement.id,
              "function",
              null,
              statement.async,
            );}
        }
        return;
      case "ClassDeclaration":
        if (statement.id) {
          if (scope.module) {
            declareModule(
              statement.id,
              "class",
              statement,
              null,
              false,
              exported,
            );
          } else declareLocal(scope, statement.id, "class", null);
        }
        return;
      case "TSEnumDeclaration":
        if (scope.module) {
          declareModule(statement.id, "enum", statement, null, false, exported);
        } else declareLocal(scope, statement.id, "enum", null);
        return;
      case "TSModuleDeclaration":
        if (statement.id.type === "Identifier") {
          if (scope.module) {
            declareModule(
              statement.id,
              "namespace",
              statement,
              null,
              false,
              exported,
            );
          } else declareLocal(scope, statement.id, "namespace", null);
        }
        return;
      case "ImportDeclaration":
        if (statement.importKind === "type") return;
        for (const specifier of statement.specifiers) {
          if (
            specifier.type === "ImportSpecifier" &&
            specifier.importKind === "type"
          ) continue;
          declareModule(
            specifier.local,
            "import",
            statement,
            null,
            false,
            false,
          );
        }
        return;
      case "TSImportEqualsDeclaration":
        if (scope.module) {
          declareModule(statement.id, "import", statement, null, false, false);
        }
        return;
    }
  };

  const declarePattern = (
    scope: Scope,
    declarator: Deno.lint.VariableDeclarator,
    kind: BindingKind,
    declaration: Node,
    exported: boolean,
  ): void => {
    const id = declarator.id as Node;
    const simple = id.type === "Identifier";
    for (const name of patternIdentifiers(id)) {
      const init = simple ? (declarator.init as Node | null) : null;
      if (scope.module) {
        declareModule(name, kind, declaration, init, !simple, exported);
      } else {
        const unwrapped = init ? unwrap(init) : null;
        declareLocal(
          scope,
          name,
          kind,
          init,
          !!unwrapped && isFunctionNode(unwrapped) && unwrapped.async,
        );
      }
    }
  };

  /** Hoists `var` declarations (not crossing function boundaries). */
  const hoistVars = (scope: Scope, node: Node | null | undefined): void => {
    if (!node || isFunctionNode(node) || node.type === "ClassDeclaration") {
      return;
    }
    if (node.type === "ClassExpression") return;
    if (node.type === "VariableDeclaration") {
      if (node.kind !== "var" || node.declare) return;
      for (const declarator of node.declarations) {
        declarePattern(scope, declarator, "var", node, false);
      }
      return;
    }
    if (node.type === "ExportNamedDeclaration") {
      const declaration = node.declaration as Node | null;
      if (
        declaration?.type === "VariableDeclaration" &&
        declaration.kind === "var" && !declaration.declare
      ) {
        for (const declarator of declaration.declarations) {
          declarePattern(scope, declarator, "var", declaration, true);
        }
      }
      return;
    }
    switch (node.type) {
      case "BlockStatement":
        for (const child of node.body) hoistVars(scope, child as Node);
        return;
      case "StaticBlock":
        for (const child of staticBlockStatements(node)) {
          hoistVars(scope, child);
        }
        return;
      case "IfStatement":
        hoistVars(scope, node.consequent as Node);
        hoistVars(scope, node.alternate as Node | null);
        return;
      case "ForStatement":
        hoistVars(scope, node.init as Node | null);
        hoistVars(scope, node.body as Node);
        return;
      case "ForInStatement":
      case "ForOfStatement":
        hoistVars(scope, node.left as Node);
        hoistVars(scope, node.body as Node);
        return;
      case "WhileStatement":
      case "DoWhileStatement":
      case "LabeledStatement":
      case "WithStatement":
        hoistVars(scope, node.body as Node);
        return;
      case "TryStatement":
        hoistVars(scope, node.block);
        if (node.handler) hoistVars(scope, node.handler.body);
        hoistVars(scope, node.finalizer);
        return;
      case "SwitchStatement":
        for (const switchCase of node.cases) {
          for (const child of switchCase.consequent) {
            hoistVars(scope, child as Node);
          }
        }
        return;
    }
  };

  // -- resolution -----------------------------------------------------------

  const lookup = (
    scope: Scope,
    name: string,
  ): LocalBinding | ModuleBinding | null => {
    for (let current: Scope | null = scope; current; current = current.parent) {
      const found = current.names.get(name);
      if (found) return found;
    }
    return null;
  };

  const isModuleBinding = (
    value: LocalBinding | ModuleBinding,
  ): value is ModuleBinding => "refs" in value;

  const reference = (
    id: Deno.lint.Identifier,
    scope: Scope,
    ctx: Context,
  ): void => {
    const found = lookup(scope, id.name);
    if (!found) {
      globals.push({ node: id, fn: ctx.fn });
      return;
    }
    if (isModuleBinding(found)) {
      const ref: Ref = {
        node: id,
        binding: found,
        alias: false,
        fn: ctx.fn,
        syntacticFn: ctx.syn,
      };
      found.refs.push(ref);
      refs.push(ref);
      if (found.aliasOf) {
        const aliasRef: Ref = { ...ref, binding: found.aliasOf, alias: true };
        found.aliasOf.refs.push(aliasRef);
        refs.push(aliasRef);
      }
      return;
    }
    locals.set(nodeKey(id), found);
    if (found.aliasOf) {
      const aliasRef: Ref = {
        node: id,
        binding: found.aliasOf,
        alias: true,
        fn: ctx.fn,
        syntacticFn: ctx.syn,
      };
      found.aliasOf.refs.push(aliasRef);
      refs.push(aliasRef);
    }
  };

  /** The module binding an initialiser aliases: `x`, `x.a.b`, `x as T`. */
  const aliasTarget = (
    init: Node | null,
    scope: Scope,
  ): ModuleBinding | null => {
    if (!init) return null;
    let current = unwrap(init);
    while (current.type === "MemberExpression") {
      current = unwrap(current.object as Node);
    }
    if (current.type !== "Identifier") return null;
    const found = lookup(scope, current.name);
    if (!found) return null;
    if (isModuleBinding(found)) {
      if (
        found.kind === "function" || found.kind === "class" ||
        found.kind === "import"
      ) {
        return null;
      }
      return found.aliasOf ?? found;
    }
    return found.aliasOf;
  };

  // -- walking --------------------------------------------------------------

  const functionName = (node: Node): string => {
    if (
      (node.type === "FunctionDeclaration" ||
        node.type === "FunctionExpression") && node.id
    ) {
      return node.id.name;
    }
    const parent = parentOf(node);
    if (!parent) return "<anonymous>";
    if (
      parent.type === "VariableDeclarator" && parent.id.type === "Identifier"
    ) {
      return parent.id.name;
    }
    if (parent.type === "Property" || parent.type === "MethodDefinition") {
      const name = keyName(parent.key as Node, parent.computed) ?? "<computed>";
      if (parent.type === "MethodDefinition") {
        const body = parentOf(parent);
        const cls = body ? parentOf(body) : null;
        const className = cls &&
            (cls.type === "ClassDeclaration" ||
              cls.type === "ClassExpression") &&
            cls.id
          ? cls.id.name + "."
          : "";
        return className + name;
      }
      return name;
    }
    if (parent.type === "AssignmentExpression") {
      const left = parent.left as Node;
      if (left.type === "Identifier") return left.name;
      if (left.type === "MemberExpression") {
        return text.slice(left.range[0], left.range[1]);
      }
    }
    return "<anonymous>";
  };

  /** Is this function run synchronously as part of the surrounding code? */
  const runsInline = (node: Node): boolean => {
    const parent = parentOf(node);
    if (!parent || parent.type !== "CallExpression") return false;
    if (parent.callee === node) return true; // IIFE
    const callee = unwrap(parent.callee as Node);
    if (callee.type !== "MemberExpression") return false;
    const name = memberName(callee);
    return name !== null && SYNC_CALLBACK_METHODS.has(name) &&
      (parent.arguments as Node[]).includes(node);
  };

  const newFunctionInfo = (
    node: Node,
    name: string,
    isAsync: boolean,
    deferred: boolean,
    isStatic: boolean,
    classNode: Node | null,
  ): FunctionInfo => {
    const info: FunctionInfo = {
      node,
      name,
      async: isAsync,
      deferred,
      isStatic,
      classNode,
      awaits: [],
    };
    functions.set(nodeKey(node), info);
    return info;
  };

  const visitFunction = (
    node:
      | Deno.lint.FunctionDeclaration
      | Deno.lint.FunctionExpression
      | Deno.lint.ArrowFunctionExpression,
    scope: Scope,
    ctx: Context,
    member: { isStatic: boolean; classNode: Node | null } | null,
  ): void => {
    const inline = !member && runsInline(node);
    const info = newFunctionInfo(
      node,
      functionName(node),
      node.async,
      !inline,
      member?.isStatic ?? false,
      member?.classNode ?? null,
    );
    const inner: Context = { fn: inline ? ctx.fn : info, syn: info };
    const fnScope: Scope = { parent: scope, names: new Map(), module: false };
    // A named function expression sees its own name.
    if (node.type === "FunctionExpression" && node.id) {
      declareLocal(fnScope, node.id, "function", null, node.async);
    }
    for (const param of node.params as Node[]) {
      for (const id of patternIdentifiers(param)) {
        declareLocal(fnScope, id, "param", null);
      }
    }
    // Default values may reference outer names (and earlier params).
    for (const param of node.params as Node[]) {
      visitPattern(param, fnScope, inner, false);
    }
    const body = node.body as Node | null;
    if (!body) return;
    if (body.type === "BlockStatement") {
      hoist(fnScope, body.body as Node[], true);
      for (const statement of body.body) {
        visit(statement as Node, fnScope, inner);
      }
    } else {
      visit(body, fnScope, inner);
    }
  };

  const visitClass = (
    node: Deno.lint.ClassDeclaration | Deno.lint.ClassExpression,
    scope: Scope,
    ctx: Context,
  ): void => {
    for (
      const decorator of (prop(node, "decorators") as Node[] | undefined) ?? []
    ) visit(decorator, scope, ctx);
    if (node.superClass) visit(node.superClass as Node, scope, ctx);
    let classScope = scope;
    if (node.type === "ClassExpression" && node.id) {
      classScope = { parent: scope, names: new Map(), module: false };
      declareLocal(classScope, node.id, "class", null);
    }
    for (const member of node.body.body as Node[]) {
      switch (member.type) {
        case "MethodDefinition": {
          if (member.computed) visit(member.key as Node, classScope, ctx);
          const value = member.value as Node;
          if (value.type === "FunctionExpression") {
            visitFunction(value, classScope, ctx, {
              isStatic: member.static,
              classNode: node,
            });
          }
          break;
        }
        case "PropertyDefinition": {
          if (member.computed) visit(member.key as Node, classScope, ctx);
          const value = member.value as Node | null;
          if (!value) break;
          if (member.static) {
            const info = newFunctionInfo(
              member,
              functionName(node as Node) + ".static",
              false,
              false,
              true,
              node,
            );
            visit(value, classScope, { fn: ctx.fn, syn: info });
          } else {
            const name = (node.id ? node.id.name + "#" : "") +
              (keyName(member.key as Node, member.computed) ?? "field");
            const info = newFunctionInfo(
              member,
              name,
              false,
              true,
              false,
              node,
            );
            visit(value, classScope, { fn: info, syn: info });
          }
          break;
        }
        case "StaticBlock": {
          const info = newFunctionInfo(
            member,
            "static {}",
            false,
            false,
            true,
            node,
          );
          const blockScope: Scope = {
            parent: classScope,
            names: new Map(),
            module: false,
          };
          const statements = staticBlockStatements(member);
          hoist(blockScope, statements, true);
          for (const statement of statements) {
            visit(statement, blockScope, { fn: ctx.fn, syn: info });
          }
          break;
        }
        default:
          break;
      }
    }
  };

  /**
   * Visits a pattern. In a declaration (`declaring`), only default values and
   * computed keys are references; in an assignment target every identifier is.
   */
  const visitPattern = (
    node: Node | null | undefined,
    scope: Scope,
    ctx: Context,
    assigning: boolean,
  ): void => {
    if (!node) return;
    switch (node.type) {
      case "Identifier":
        if (assigning) reference(node, scope, ctx);
        return;
      case "ObjectPattern":
        for (const property of node.properties as Node[]) {
          if (property.type === "RestElement") {
            visitPattern(property.argument as Node, scope, ctx, assigning);
          } else if (property.type === "Property") {
            if (property.computed) visit(property.key as Node, scope, ctx);
            visitPattern(property.value as Node, scope, ctx, assigning);
          }
        }
        return;
      case "ArrayPattern":
        for (const element of node.elements) {
          visitPattern(element as Node | null, scope, ctx, assigning);
        }
        return;
      case "AssignmentPattern":
        visitPattern(node.left as Node, scope, ctx, assigning);
        visit(node.right as Node, scope, ctx);
        return;
      case "RestElement":
        visitPattern(node.argument as Node, scope, ctx, assigning);
        return;
      default:
        if ((node.type as string) === "TSParameterProperty") {
          visitPattern(prop(node, "parameter") as Node, scope, ctx, assigning);
          return;
        }
        // Member expressions and other targets in assignment patterns.
        visit(node, scope, ctx);
    }
  };

  const visitBlock = (
    statements: readonly Node[],
    scope: Scope,
    ctx: Context,
  ): void => {
    const blockScope: Scope = {
      parent: scope,
      names: new Map(),
      module: false,
    };
    hoist(blockScope, statements, false);
    for (const statement of statements) visit(statement, blockScope, ctx);
  };

  const visit = (
    node: Node | null | undefined,
    scope: Scope,
    ctx: Context,
  ): void => {
    if (!node) return;
    switch (node.type) {
      case "Identifier":
        reference(node, scope, ctx);
        return;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        visitFunction(node, scope, ctx, null);
        return;
      case "ClassDeclaration":
      case "ClassExpression":
        visitClass(node, scope, ctx);
        return;
      case "BlockStatement":
        visitBlock(node.body as Node[], scope, ctx);
        return;
      case "StaticBlock":
        visitBlock(staticBlockStatements(node), scope, ctx);
        return;
      case "SwitchStatement": {
        visit(node.discriminant as Node, scope, ctx);
        const statements = node.cases.flatMap((c) => c.consequent as Node[]);
        const blockScope: Scope = {
          parent: scope,
          names: new Map(),
          module: false,
        };
        hoist(blockScope, statements, false);
        for (const switchCase of node.cases) {
          visit(switchCase.test as Node | null, blockScope, ctx);
          for (const statement of switchCase.consequent) {
            visit(statement as Node, blockScope, ctx);
          }
        }
        return;
      }
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement": {
        const loopScope: Scope = {
          parent: scope,
          names: new Map(),
          module: false,
        };
        const head = (node.type === "ForStatement" ? node.init : node.left) as
          | Node
          | null;
        if (head?.type === "VariableDeclaration" && head.kind !== "var") {
          hoist(loopScope, [head], false);
        }
        if (node.type === "ForStatement") {
          visit(node.init as Node | null, loopScope, ctx);
          visit(node.test as Node | null, loopScope, ctx);
          visit(node.update as Node | null, loopScope, ctx);
        } else {
          if (head?.type === "VariableDeclaration") visit(head, loopScope, ctx);
          else visitPattern(head, loopScope, ctx, true);
          visit(node.right as Node, scope, ctx);
          if (node.type === "ForOfStatement" && node.await && ctx.syn) {
            ctx.syn.awaits.push([node.range[0], node.range[0] + 1]);
          }
        }
        visit(node.body as Node, loopScope, ctx);
        return;
      }
      case "CatchClause": {
        const catchScope: Scope = {
          parent: scope,
          names: new Map(),
          module: false,
        };
        for (const id of patternIdentifiers(node.param as Node | null)) {
          declareLocal(catchScope, id, "catch", null);
        }
        visitPattern(node.param as Node | null, catchScope, ctx, false);
        visitBlock(node.body.body as Node[], catchScope, ctx);
        return;
      }
      case "VariableDeclarator": {
        visitPattern(node.id as Node, scope, ctx, false);
        const init = node.init as Node | null;
        visit(init, scope, ctx);
        const target = aliasTarget(init, scope);
        if (target) {
          for (const id of patternIdentifiers(node.id as Node)) {
            const declared = lookup(scope, id.name);
            if (declared && declared !== target) declared.aliasOf = target;
          }
        }
        return;
      }
      case "AssignmentExpression":
        visitPattern(node.left as Node, scope, ctx, true);
        visit(node.right as Node, scope, ctx);
        return;
      case "MemberExpression":
        visit(node.object as Node, scope, ctx);
        if (node.computed) visit(node.property as Node, scope, ctx);
        return;
      case "Property":
        if (node.computed) visit(node.key as Node, scope, ctx);
        visit(node.value as Node, scope, ctx);
        return;
      case "AwaitExpression":
        if (ctx.syn) ctx.syn.awaits.push([node.range[0], node.range[1]]);
        visit(node.argument as Node, scope, ctx);
        return;
      case "LabeledStatement":
        visit(node.body as Node, scope, ctx);
        return;
      case "ExportNamedDeclaration":
        if (node.declaration) visit(node.declaration as Node, scope, ctx);
        if (!node.source) {
          for (const specifier of node.specifiers) {
            const local = specifier.local as Node;
            if (local.type !== "Identifier") continue;
            const binding = bindings.get(local.name);
            if (binding) binding.exported = true;
          }
        }
        return;
      case "ExportDefaultDeclaration": {
        const declaration = node.declaration as Node;
        if (declaration.type === "Identifier") {
          const binding = bindings.get(declaration.name);
          if (binding && scope.module) binding.exported = true;
        }
        visit(declaration, scope, ctx);
        return;
      }
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "BreakStatement":
      case "ContinueStatement":
      case "TSTypeAliasDeclaration":
      case "TSInterfaceDeclaration":
      case "TSDeclareFunction":
      case "TSEnumDeclaration":
      case "TSModuleDeclaration":
      case "TSImportEqualsDeclaration":
      case "Literal":
      case "ThisExpression":
      case "Super":
      case "MetaProperty":
      case "PrivateIdentifier":
      case "TemplateElement":
        return;
      default: {
        for (const child of childrenOf(node)) visit(child, scope, ctx);
      }
    }
  };

  hoist(moduleScope, program.body as Node[], true);
  const top: Context = { fn: null, syn: null };
  for (const statement of program.body) {
    visit(statement as Node, moduleScope, top);
  }
  return { bindings, refs, globals, functions, locals, text };
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
export function enclosingFunction(
  scope: ModuleScope,
  node: Node,
): FunctionInfo | null {
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
