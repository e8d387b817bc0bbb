/**
 * `floe/no-module-mutable-state`: every module-level mutable binding, reported
 * at its declaration — `let`/`var`; containers (arrays, objects, Map, Set,
 * WeakMap, class instances) mutated in a function or exported unfrozen;
 * mutable static class fields; properties of `globalThis` used as state
 * (reported at the first write); reassigned declarations and function objects
 * used as state. Also state in the closure of a floe plugin (see
 * `plugins.ts`): a `let` or container declared in the plugin function, or in
 * the function that makes it, that a registered filter, loader or output
 * captures and that changes during builds; state made by `site.setup` is per
 * build and is not reported. Independent of the other rules: a memo cache or
 * a lazy singleton is module state too, and is reported here as well.
 *
 * @module
 */

import {
  contains,
  type FunctionNode,
  isAsConst,
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
  walk,
  walkOwn,
} from "./ast.ts";
import { formatMessage } from "./messages.ts";
import { fnName, type ModuleModel, type Place } from "./model.ts";
import type { FunctionInfo, LocalBinding, ModuleBinding } from "./module_scope.ts";
import { type PluginFunction, pluginFunctions } from "./plugins.ts";
import {
  type ContainerKind,
  containerKind,
  isFreezeCall,
  KIND_LABEL,
  kindOfType,
  type Mutation,
  mutationOf,
  type Write,
  writeOf,
} from "./patterns.ts";
import {
  defineRule,
  type Finding,
  OUTLIVES,
  PER_WORKER,
  STATE_HINT,
  WORKER_LIFETIME,
} from "./rule.ts";

interface PlaceWrite {
  readonly fn: FunctionInfo | null;
  readonly write: Write;
}

interface PlaceMutation {
  readonly fn: FunctionInfo | null;
  readonly mutation: Mutation;
}

/** Direct writes of the place itself (`x = …`, `x++`, `Cls.x = …`). */
function writesOf(place: Place): PlaceWrite[] {
  const out: PlaceWrite[] = [];
  for (const access of place.accesses) {
    if (access.alias) continue;
    const write = writeOf(access.node);
    if (write) out.push({ fn: access.fn, write });
  }
  return out;
}

/** Methods of a module class that change `this` (write or mutate a field of it). */
function mutatingMethods(model: ModuleModel, name: string): Set<string> {
  const out = new Set<string>();
  const cls = model.classes.find((c) => c.name === name);
  for (const member of (cls?.node.body.body ?? []) as Node[]) {
    if (member.type !== "MethodDefinition" || member.static || member.kind !== "method") continue;
    const method = keyName(member.key as Node, member.computed);
    if (method !== null && changesThis(member.value as Node, model.text)) out.add(method);
  }
  return out;
}

function changesThis(fn: Node, text: string): boolean {
  let found = false;
  walkOwn(fn, (node) => {
    if (!found && node.type === "ThisExpression" && mutationOf(node, text)) found = true;
  }, true);
  return found;
}

/** `registry.register(x)` where `registry = new Registry()` and `register` changes `this`. */
function methodMutation(model: ModuleModel, place: Place, node: Node): Mutation | null {
  const init = place.init ? unwrap(place.init) : null;
  if (init?.type !== "NewExpression" || unwrap(init.callee as Node).type !== "Identifier") {
    return null;
  }
  const self = outer(node);
  const member = parentOf(self);
  const call = member ? parentOf(outer(member)) : null;
  if (member?.type !== "MemberExpression" || call?.type !== "CallExpression") return null;
  if (!same(call.callee as Node, outer(member)) || !same(member.object as Node, self)) return null;
  const method = memberName(member);
  const mutating = mutatingMethods(
    model,
    (unwrap(init.callee as Node) as Deno.lint.Identifier).name,
  );
  return method !== null && mutating.has(method)
    ? { node: call, level: 0, how: `\`.${method}()\`` }
    : null;
}

/** Mutations of the place's value, counting those through an alias one level deeper. */
function mutationsOf(place: Place, model: ModuleModel): PlaceMutation[] {
  const out: PlaceMutation[] = [];
  for (const access of place.accesses) {
    const mutation = mutationOf(access.node, model.text) ??
      methodMutation(model, place, access.node);
    if (!mutation) continue;
    out.push({
      fn: access.fn,
      mutation: access.alias ? { ...mutation, level: mutation.level + 1 } : mutation,
    });
  }
  return out;
}

function moreFunctions(fns: (FunctionInfo | null)[]): string {
  const others = new Set(fns.map((fn) => fn?.name)).size - 1;
  return others > 0 ? ` and ${others} other function${others > 1 ? "s" : ""}` : "";
}

/** True when a top-level `Object.freeze(x)` statement freezes the place. */
function frozenAtInit(place: Place): boolean {
  if (place.init && isFreezeCall(place.init)) return true;
  return place.accesses.some((access) => {
    const self = outer(access.node);
    const call = parentOf(self);
    return !access.fn && !access.alias && call?.type === "CallExpression" &&
      same(call.arguments[0] as Node, self) && isFreezeCall(call);
  });
}

// -- bindings -----------------------------------------------------------------

function declarationFinding(place: Place, writes: PlaceWrite[]): Finding | null {
  const binding = place.binding!;
  if (writes.length === 0) return null;
  return {
    node: binding.id,
    message: formatMessage(
      binding.name,
      `is a module-level ${binding.kind} that is reassigned in ${fnName(writes[0].fn)}`,
      `${PER_WORKER}, and ${OUTLIVES}.`,
    ),
    hint:
      "Do not reassign declarations; keep the replaceable behaviour in a value passed in per build.",
  };
}

/** `fn.count++`, `fn.cache.set(…)`, `Cls.registry = …` (no static field) in a function. */
function objectPropertyFinding(model: ModuleModel, place: Place): Finding | null {
  const binding = place.binding!;
  for (const access of place.accesses) {
    if (access.alias || !access.fn) continue;
    const mutation = mutationOf(access.node, model.text);
    if (!mutation || mutation.level < 0) continue;
    const member = parentOf(outer(access.node));
    if (member && model.pathOf(member)?.place.kind === "static") continue; // reported as a static field
    return {
      node: binding.id,
      message: formatMessage(
        binding.name,
        `is a module-level ${binding.kind} whose properties are mutated in ${
          fnName(access.fn)
        } (${mutation.how})`,
        `a property of a ${binding.kind} object is module state: ${PER_WORKER}, and ${OUTLIVES}.`,
      ),
      hint: STATE_HINT,
    };
  }
  return null;
}

function letReassignedFinding(binding: ModuleBinding, fnWrites: PlaceWrite[]): Finding {
  return {
    node: binding.id,
    message: formatMessage(
      binding.name,
      `is a module-level \`${binding.kind}\` reassigned in ${fnName(fnWrites[0].fn)}${
        moreFunctions(fnWrites.map((w) => w.fn))
      }`,
      `${PER_WORKER}, and ${OUTLIVES}.` +
        (binding.exported ? " Importers see the live binding change under them." : ""),
    ),
    hint: STATE_HINT,
  };
}

/** `let` → `const` when no declarator of the declaration is ever written. */
function constFix(model: ModuleModel, binding: ModuleBinding, fixed: Set<string>): Finding["fix"] {
  const declaration = binding.declaration;
  if (binding.kind !== "let" || declaration?.type !== "VariableDeclaration") return undefined;
  if (fixed.has(nodeKey(declaration)) || declaration.declare) return undefined;
  if (model.text.slice(declaration.range[0], declaration.range[0] + 3) !== "let") return undefined;
  if (declaration.declarations.some((declarator) => declarator.init === null)) return undefined;
  const names = declaration.declarations.flatMap((d) => identifiersOf(d.id as Node));
  const clean = names.every((name) =>
    model.scope.bindings.get(name)?.refs.every((ref) => ref.alias || writeOf(ref.node) === null) ??
      false
  );
  if (!clean) return undefined;
  fixed.add(nodeKey(declaration));
  return { range: [declaration.range[0], declaration.range[0] + 3] as Range, text: "const" };
}

function identifiersOf(pattern: Node): string[] {
  const names: string[] = [];
  const visit = (node: Node | null): void => {
    if (!node) return;
    if (node.type === "Identifier") names.push(node.name);
    else if (node.type === "ObjectPattern") {
      for (const p of node.properties) {
        visit((p.type === "RestElement" ? p.argument : p.value) as Node);
      }
    } else if (node.type === "ArrayPattern") {
      for (const e of node.elements) visit(e as Node | null);
    } else if (node.type === "AssignmentPattern") visit(node.left as Node);
    else if (node.type === "RestElement") visit(node.argument as Node);
  };
  visit(pattern);
  return names;
}

function letNeverReassignedFinding(model: ModuleModel, place: Place, fixed: Set<string>): Finding {
  const binding = place.binding!;
  const fix = constFix(model, binding, fixed);
  const mutation = fnMutations(model, place, containerKind(binding.init))[0];
  const note = mutation
    ? ` It is also mutated in ${fnName(mutation.fn)} (${mutation.mutation.how}); ${PER_WORKER}.`
    : "";
  return {
    node: binding.id,
    message: formatMessage(
      binding.name,
      `is a module-level \`${binding.kind}\` that is never reassigned`,
      "a module-level `let`/`var` reads as state shared by every page a worker renders; declare it `const`." +
        note,
    ),
    hint: (fix ? "Use `const` (autofix available)." : "Declare it with `const`.") +
      (note ? " " + STATE_HINT : ""),
    fix,
  };
}

function fnMutations(model: ModuleModel, place: Place, kind: ContainerKind): PlaceMutation[] {
  if (kind === "immutable") return [];
  const frozen = frozenAtInit(place);
  return mutationsOf(place, model).filter((m) =>
    m.fn !== null && (!frozen || m.mutation.level >= 1)
  );
}

/** What the place holds: its initialiser's kind, or for a binding declared without one, its type's. */
function placeKind(place: Place): ContainerKind {
  if (place.binding?.destructured) return "unknown";
  const kind = containerKind(place.init);
  if (kind !== "none") return kind;
  const typed = kindOfType(place.typeText);
  return typed === "none" ? kind : typed;
}

function containerFinding(model: ModuleModel, place: Place): Finding | null {
  const binding = place.binding!;
  const kind = placeKind(place);
  if (kind === "immutable" || kind === "none") return null;
  const mutations = fnMutations(model, place, kind);
  if (mutations.length > 0) {
    const first = mutations[0];
    const nested = first.mutation.level >= 1 && frozenAtInit(place)
      ? " (a nested value; `Object.freeze` is shallow)"
      : "";
    return {
      node: binding.id,
      message: formatMessage(
        binding.name,
        `is a module-level ${KIND_LABEL[kind]} mutated in ${
          fnName(first.fn)
        } (${first.mutation.how})${moreFunctions(mutations.map((m) => m.fn))}${nested}`,
        `${PER_WORKER} — a registry filled on the main thread is empty in the workers — and ${OUTLIVES}.`,
      ),
      hint: STATE_HINT,
    };
  }
  return exportedFinding(place, kind);
}

const EXPORTABLE: ReadonlySet<ContainerKind> = new Set([
  "array",
  "object",
  "map",
  "set",
  "weakmap",
  "instance",
]);

function exportedFinding(place: Place, kind: ContainerKind): Finding | null {
  const binding = place.binding!;
  if (!binding.exported || frozenAtInit(place) || !EXPORTABLE.has(kind)) return null;
  if (binding.init && isAsConst(binding.init)) return null;
  return {
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

function bindingFinding(model: ModuleModel, place: Place, fixed: Set<string>): Finding | null {
  const binding = place.binding!;
  if (binding.kind === "import" || binding.kind === "enum" || binding.kind === "namespace") {
    return null;
  }
  const writes = writesOf(place);
  // A module-level alias (`const a = registry`) is reported through its target.
  if (binding.aliasOf && binding.kind !== "let" && binding.kind !== "var") return null;
  // An alias of the global object (`const g = globalThis`) is reported as `globalThis` state.
  if (binding.globalAlias && binding.kind === "const") return null;
  if (binding.kind === "function" || binding.kind === "class") {
    return declarationFinding(place, writes) ?? objectPropertyFinding(model, place);
  }
  if (binding.kind !== "let" && binding.kind !== "var") return containerFinding(model, place);
  const fnWrites = writes.filter((w) => w.fn !== null);
  if (fnWrites.length > 0) return letReassignedFinding(binding, fnWrites);
  if (writes.length > 0) return containerFinding(model, place); // assigned only while initialising
  return letNeverReassignedFinding(model, place, fixed);
}

// -- static fields ------------------------------------------------------------

/** A static field holding a class, function or import (`static Token = Token`). */
function holdsDeclaration(model: ModuleModel, value: Node | null): boolean {
  if (!value) return false;
  const node = unwrap(value);
  if (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") return true;
  if (node.type === "ClassExpression") return true;
  if (node.type !== "Identifier") return false;
  const kind = model.scope.bindings.get(node.name)?.kind;
  return kind === "function" || kind === "class" || kind === "import";
}

/**
 * A static field that is never written nor mutated and holds nothing that can
 * change: `readonly`, frozen, `as const`, a class/function/import, or (in
 * JavaScript, which cannot say `readonly`) a primitive.
 */
function isConstantField(model: ModuleModel, field: Deno.lint.PropertyDefinition): boolean {
  const value = field.value as Node | null;
  const kind = containerKind(value);
  if (field.readonly || (value && isFreezeCall(value)) || holdsDeclaration(model, value)) {
    return true;
  }
  if (value && isAsConst(value) && kind !== "immutable") return true;
  return !model.isTs && kind === "immutable";
}

function staticFinding(model: ModuleModel, place: Place): Finding | null {
  const field = place.field!;
  const value = field.value as Node | null;
  const frozen = !!value && isFreezeCall(value);
  const written = writesOf(place).length > 0;
  const mutated = mutationsOf(place, model)
    .filter((m) => m.fn?.deferred && (!frozen || m.mutation.level >= 1));
  const changed = written || mutated.length > 0;
  if (!changed && isConstantField(model, field)) return null;
  const kind = containerKind(value);
  const fixable = model.isTs && !field.readonly && !changed &&
    (kind === "immutable" || (kind === "none" && value !== null));
  const where = mutated.length > 0
    ? `mutated in ${fnName(mutated[0].fn)}`
    : written
    ? "reassigned"
    : "not `readonly`";
  return {
    node: field.key as Node,
    message: formatMessage(
      place.label,
      `is a mutable static class field (${where})`,
      `static fields are module state, and ${PER_WORKER}; ${OUTLIVES}.`,
    ),
    hint: fixable
      ? "Mark it `static readonly` (autofix available), or move it to an instance created per build."
      : "Make it `static readonly` with a frozen value, or move the state to an instance created per build.",
    fix: fixable
      ? { range: [field.key.range[0], field.key.range[0]] as Range, text: "readonly " }
      : undefined,
  };
}

// -- globalThis ---------------------------------------------------------------

function globalFinding(model: ModuleModel, place: Place): Finding | null {
  if (/^[\w$]+\.on[a-z]+$/.test(place.label)) return null; // worker event handlers
  for (const access of place.accesses) {
    const write = /[.[]/.test(place.label) ? writeOf(access.node) : null;
    const mutation = write ? null : mutationOf(access.node, model.text);
    if (!write && !mutation) continue;
    const how = write
      ? (write.operator === "=" ? "assigned" : `written with \`${write.operator}\``)
      : mutation!.how;
    return {
      node: write?.node ?? mutation!.node,
      message: formatMessage(
        place.label,
        `is written (${how}) in ${fnName(access.fn)}`,
        "a property of the global object is state shared by every module of the worker, " +
          `the worst kind of module state: it is per worker just like module state (a value set on the main thread does not exist in the workers), and ${OUTLIVES}.`,
      ),
      hint:
        "Pass the value explicitly (a parameter, the build context or the snapshot) instead of publishing it on `globalThis`.",
    };
  }
  return null;
}

// -- plugin closures ----------------------------------------------------------

/** A binding declared in a plugin function, or in a function that makes one. */
interface ClosureBinding {
  readonly id: Deno.lint.Identifier;
  readonly local: LocalBinding;
  readonly kind: string;
  readonly init: Node | null;
  /** The function that declares it: the plugin function or one of its makers. */
  readonly owner: FunctionNode;
}

/** A change of a closure binding: a reassignment or a mutation of its value. */
interface ClosureChange {
  readonly ref: Node;
  readonly verb: "reassigned" | "mutated";
  readonly how: string;
  /** True for a reset that starts it afresh (`.clear()`, `= new Map()`, `.length = 0`). */
  readonly reset: boolean;
}

function closureBindings(model: ModuleModel, owner: FunctionNode): ClosureBinding[] {
  const out: ClosureBinding[] = [];
  walkOwn(owner, (node) => {
    if (node.type !== "VariableDeclarator" || node.id.type !== "Identifier") return;
    const declaration = parentOf(node);
    const local = model.scope.locals.get(nodeKey(node.id));
    if (declaration?.type !== "VariableDeclaration" || !local) return;
    out.push({
      id: node.id,
      local,
      kind: declaration.kind,
      init: node.init as Node | null,
      owner,
    });
  });
  return out;
}

/** Every reference to the binding inside the function that declares it. */
function closureRefs(model: ModuleModel, binding: ClosureBinding): Node[] {
  const out: Node[] = [];
  walk(binding.owner, (node) => {
    if (
      node.type === "Identifier" && !same(node, binding.id) &&
      model.scope.locals.get(nodeKey(node)) === binding.local
    ) out.push(node);
  });
  return out;
}

function changeOf(model: ModuleModel, binding: ClosureBinding, ref: Node): ClosureChange | null {
  const frozen = !!binding.init && isFreezeCall(binding.init);
  const write = binding.kind === "let" || binding.kind === "var" ? writeOf(ref) : null;
  if (write) {
    const how = write.operator === "=" ? "`=`" : `\`${write.operator}\``;
    return { ref, verb: "reassigned", how, reset: write.operator === "=" };
  }
  const mutation = mutationOf(ref, model.text);
  if (!mutation || mutation.level < (frozen ? 1 : 0)) return null;
  const member = parentOf(outer(ref));
  const emptied = mutation.how === "`.clear()`" ||
    (mutation.how === "a property write" && member?.type === "MemberExpression" &&
      memberName(member) === "length");
  return { ref, verb: "mutated", how: mutation.how, reset: mutation.level === 0 && emptied };
}

/**
 * Does `ref` run after the plugin has registered — inside a function that runs
 * later (a filter, an output, a helper they call), not in the plugin function,
 * the function that makes it, or code those run on the spot?
 */
function runsLater(
  model: ModuleModel,
  ref: Node,
  owner: FunctionNode,
  plugins: readonly PluginFunction[],
): boolean {
  for (let current = parentOf(ref); current && !same(current, owner); current = parentOf(current)) {
    if (!isFunctionNode(current)) continue;
    if (plugins.some((plugin) => same(plugin.node, current))) continue;
    if (model.scope.functions.get(nodeKey(current))?.deferred) return true;
  }
  return false;
}

function inAny(fns: readonly Node[], node: Node): boolean {
  return fns.some((fn) => contains(fn, node));
}

/** Where a change happens, for the message: the registration, or the named function. */
function placeOfChange(model: ModuleModel, plugin: PluginFunction, ref: Node): string {
  const registration = plugin.registrations.find((r) => r.method !== "setup" && inAny(r.fns, ref));
  if (registration) return registration.label;
  const name = model.scope.functions.get(nodeKey(enclosingFnNode(ref)!))?.name;
  return name && !name.startsWith("<") ? `\`${name}()\`` : "a function the plugin registers";
}

function enclosingFnNode(node: Node): Node | null {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** Source text short enough to quote in a hint, else `…`. */
function quotable(model: ModuleModel, node: Node | null, fallback: string): string {
  if (!node) return fallback;
  const text = model.text.slice(node.range[0], node.range[1]);
  if (text.length > 40 || text.includes("\n")) return "…";
  return unwrap(node).type === "ObjectExpression" ? `(${text})` : text;
}

function closureHint(model: ModuleModel, binding: ClosureBinding, plugin: PluginFunction): string {
  const name = binding.id.name;
  const where = binding.owner === plugin.node
    ? "Create it in the per-build hook instead"
    : "Move it into the plugin function, created in the per-build hook";
  if (binding.kind === "let" || binding.kind === "var") {
    const init = quotable(model, binding.init, "undefined");
    return `${where}: \`const ${name} = ${plugin.site}.setup(() => ({ value: ${
      init === "…" ? "…" : init.replace(/^\((.*)\)$/s, "$1")
    } }))\`, and use \`${name}().value\` in the filter, loader or output: a new one every build, in every thread.`;
  }
  const init = quotable(model, binding.init, "…");
  return `${where}: \`const ${name} = ${plugin.site}.setup(() => ${init})\`, and read it as \`${name}()\` ` +
    "in the filter, loader or output: a new one every build, in every thread.";
}

function ownerLabel(model: ModuleModel, binding: ClosureBinding, plugin: PluginFunction): string {
  if (binding.owner === plugin.node) return plugin.label;
  const name = model.scope.functions.get(nodeKey(binding.owner))?.name;
  return name && !name.startsWith("<")
    ? `\`${name}()\` (which makes the plugin)`
    : "the function that makes the plugin";
}

/** Why plugin closure state breaks (shared wording). */
const CLOSURE_LIFETIME = "a plugin is registered once per config generation in each thread, so " +
  "what the plugin function (or the function that makes it) declares outside `site.setup` " +
  `lives ${WORKER_LIFETIME}. It is shared by every page that worker handles and by every build, ` +
  "and not by the other workers, so results can differ by worker and, after a content edit, " +
  "it still holds what earlier builds left in it.";

function closureFinding(
  model: ModuleModel,
  binding: ClosureBinding,
  plugin: PluginFunction,
  plugins: readonly PluginFunction[],
): Finding | null {
  const init = binding.init ? unwrap(binding.init) : null;
  if (binding.kind === "using" || binding.kind === "await using") return null;
  if (binding.kind === "const" && containerKind(init) === "immutable") return null;
  const refs = closureRefs(model, binding);
  if (!refs.some((ref) => inAny(plugin.buildFns, ref))) return null; // not captured by the build
  const changes = refs.map((ref) => changeOf(model, binding, ref))
    .filter((c): c is ClosureChange => c !== null);
  // Reset (or made anew) in a setup hook: it is per build already.
  if (changes.some((c) => c.reset && inAny(plugin.setupFns, c.ref))) return null;
  const later = changes.filter((c) =>
    !inAny(plugin.setupFns, c.ref) && runsLater(model, c.ref, binding.owner, plugins)
  );
  if (later.length === 0) return null;
  const first = later.find((c) => inAny(plugin.buildFns, c.ref)) ?? later[0];
  const what = first.verb === "reassigned"
    ? `\`${binding.kind}\``
    : KIND_LABEL[placeKindOf(binding.init, binding.local.typeText)];
  return {
    node: binding.id,
    message: formatMessage(
      binding.id.name,
      `is ${/^[aeiou]/i.test(what) ? "an" : "a"} ${what} declared in ${
        ownerLabel(model, binding, plugin)
      } and ${first.verb} in ${placeOfChange(model, plugin, first.ref)} (${first.how})`,
      CLOSURE_LIFETIME,
    ),
    hint: closureHint(model, binding, plugin),
  };
}

function placeKindOf(init: Node | null, typeText: string): ContainerKind {
  const kind = containerKind(init);
  if (kind !== "none") return kind;
  const typed = kindOfType(typeText);
  return typed === "none" ? kind : typed;
}

/**
 * State kept in the closure of a plugin function (or of the function that
 * makes it), captured by what the plugin registers and changed during builds.
 */
function closureFindings(model: ModuleModel): Finding[] {
  const plugins = pluginFunctions(model);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const plugin of plugins) {
    for (const owner of [plugin.node, ...plugin.makers]) {
      for (const binding of closureBindings(model, owner)) {
        if (seen.has(nodeKey(binding.id))) continue;
        const finding = closureFinding(model, binding, plugin, plugins);
        if (!finding) continue;
        seen.add(nodeKey(binding.id));
        out.push(finding);
      }
    }
  }
  return out;
}

// -- the rule -----------------------------------------------------------------

/**
 * The detector of `no-module-mutable-state`: one finding per mutable place.
 *
 * @example
 * ```ts
 * import { detectModuleMutableState } from "./no_module_mutable_state.ts";
 * import { buildModel } from "./model.ts";
 * declare const program: Deno.lint.Program;
 * detectModuleMutableState(buildModel(program, "let n = 0;", "mod.ts"));
 * ```
 */
export function detectModuleMutableState(model: ModuleModel): Finding[] {
  const fixed = new Set<string>();
  const findings = [
    ...model.bindings.map((place) => bindingFinding(model, place, fixed)),
    ...model.statics.map((place) => staticFinding(model, place)),
    ...model.globals.map((place) => globalFinding(model, place)),
    ...closureFindings(model),
  ].filter((finding): finding is Finding => finding !== null);
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The `no-module-mutable-state` rule. Module state is per worker (a registry
 * filled on the main thread is empty in the workers, a counter differs by
 * worker) and lives as long as the worker: across every build of a `floe
 * serve` session. State in a plugin's closure (declared in the plugin function
 * or in the function that makes it, outside `site.setup`) lives as long, and
 * is reported when what the plugin registers captures it and changes it.
 * Reported at the binding's declaration (at the first write for `globalThis`);
 * a `let` that is never reassigned is autofixed to `const`, a never-written
 * primitive static field to `static readonly`.
 *
 * @example
 * ```ts
 * import noModuleMutableState from "./no_module_mutable_state.ts";
 * const plugin: Deno.lint.Plugin = {
 *   name: "floe",
 *   rules: { "no-module-mutable-state": noModuleMutableState },
 * };
 * ```
 */
const noModuleMutableState: Deno.lint.Rule = defineRule(
  "no-module-mutable-state",
  detectModuleMutableState,
);
export default noModuleMutableState;
