/**
 * `floe/no-module-mutable-state`: every module-level mutable binding, reported
 * at its declaration — `let`/`var`; containers (arrays, objects, Map, Set,
 * WeakMap, class instances) mutated in a function or exported unfrozen;
 * mutable static class fields; properties of `globalThis` used as state
 * (reported at the first write); reassigned declarations and function objects
 * used as state. Independent of the other rules: a memo cache or a lazy
 * singleton is module state too, and is reported here as well.
 *
 * @module
 */

import {
  isAsConst,
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
import { formatMessage } from "./messages.ts";
import { fnName, type ModuleModel, type Place } from "./model.ts";
import type { FunctionInfo, ModuleBinding } from "./module_scope.ts";
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
import { defineRule, type Finding, OUTLIVES, PER_WORKER, STATE_HINT } from "./rule.ts";

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
  ].filter((finding): finding is Finding => finding !== null);
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The `no-module-mutable-state` rule. Module state is per worker (a registry
 * filled on the main thread is empty in the workers, a counter differs by
 * worker) and outlives a build in the dev server. Reported at the binding's
 * declaration (at the first write for `globalThis`); a `let` that is never
 * reassigned is autofixed to `const`, a never-written primitive static field
 * to `static readonly`.
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
