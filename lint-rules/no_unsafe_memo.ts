/**
 * `floe/no-unsafe-memo`: module-level get-or-compute caches — a `Map`,
 * `WeakMap` or object held by a module binding or a static class field, that
 * one function both reads and writes before returning a value — reported at
 * the cache with every problem found: unbounded and never invalidated; keyed
 * by a path without the content (stale after an edit); keyed by object
 * identity or `JSON.stringify`; set after an `await`; handing out the cached
 * mutable object.
 *
 * @module
 */

import {
  calleeName,
  isFunctionNode,
  isStaticCall,
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
import { formatMessage } from "./messages.ts";
import type { Access, ModuleModel, Place } from "./model.ts";
import type { FunctionInfo, LocalBinding } from "./module_scope.ts";
import {
  type ContainerKind,
  containerKind,
  isFreezeCall,
  isFreshMutable,
  isMutableObjectType,
  isPromiseValued,
  KIND_LABEL,
  kindOfType,
  mutationOf,
  typeArguments,
  writeOf,
} from "./patterns.ts";
import { defineRule, type Finding, OUTLIVES, PER_WORKER, SETUP_FIX } from "./rule.ts";
import { isLazyAssignment } from "./guards.ts";
import { isIdentityKey, isJsonKey, isPathKey } from "./memo_keys.ts";

/** One use of a cache inside a function. */
export interface MemoAccess {
  /** The access to the cache. */
  readonly access: Access;
  /** What the use does. */
  readonly type: "read" | "write" | "readwrite" | "evict" | "size";
  /** The call, member or assignment that uses the cache. */
  readonly node: Node;
  /** The key expression, if any. */
  readonly key: Node | null;
  /** The stored value, for writes. */
  readonly value: Node | null;
}

/** A function that reads and writes the cache and returns a value. */
export interface MemoFunction {
  /** The function. */
  readonly fn: FunctionInfo;
  /** Its uses of the cache. */
  readonly accesses: MemoAccess[];
}

/** A cache and what the detector learnt about it. */
export interface Memo {
  /** The place holding the cache. */
  readonly place: Place;
  /** Map, WeakMap or object. */
  readonly kind: ContainerKind;
  /** Every use of the cache. */
  readonly accesses: MemoAccess[];
  /** The get-or-compute functions. */
  readonly memoFns: MemoFunction[];
  /** The declared `[key, value]` types (`Map<K, V>`, `Record<K, V>`), if any. */
  readonly types: string[];
}

interface Problem {
  readonly problem: string;
  readonly hint: string;
}

// -- accesses -----------------------------------------------------------------

function use(
  access: Access,
  type: MemoAccess["type"],
  node: Node,
  key: Node | null = null,
  value: Node | null = null,
): MemoAccess {
  return { access, type, node, key, value };
}

/** `cache.get(k)`, `cache.set(k, v)`, `cache.delete(k)`, `cache.size`. */
function collectionUse(
  access: Access,
  member: Deno.lint.MemberExpression,
  top: Node,
): MemoAccess | null {
  const call = parentOf(top);
  const name = memberName(member);
  if (call?.type === "CallExpression" && same(call.callee as Node, top)) {
    const args = call.arguments as Node[];
    if (name === "get" || name === "has") return use(access, "read", call, args[0] ?? null);
    if (name === "set") return use(access, "write", call, args[0] ?? null, args[1] ?? null);
    if (name === "delete" || name === "clear") return use(access, "evict", call);
    return null;
  }
  return name === "size" ? use(access, "size", member) : null;
}

/** `cache[k]`, `cache[k] = v`, `cache[k] ??= v`, `delete cache[k]`, `cache.hasOwnProperty(k)`. */
function objectUse(
  access: Access,
  member: Deno.lint.MemberExpression,
  top: Node,
): MemoAccess | null {
  const grand = parentOf(top);
  const name = memberName(member);
  if (!member.computed) {
    if (grand?.type === "CallExpression" && name === "hasOwnProperty") {
      return use(access, "read", grand, (grand.arguments[0] as Node) ?? null);
    }
    return name === "length" ? use(access, "size", member) : null;
  }
  const key = member.property as Node;
  if (grand?.type === "UnaryExpression" && grand.operator === "delete") {
    return use(access, "evict", grand, key);
  }
  const write = writeOf(member);
  if (!write) return use(access, "read", top, key);
  if (write.node.type !== "AssignmentExpression") return null;
  return use(access, write.operator === "=" ? "write" : "readwrite", write.node, key, write.value);
}

/** `k in cache`, `Object.hasOwn(cache, k)`, `Object.keys(cache)`. */
function operandUse(access: Access, self: Node, kind: ContainerKind): MemoAccess | null {
  const parent = parentOf(self);
  if (!parent) return null;
  if (
    parent.type === "BinaryExpression" && parent.operator === "in" &&
    same(parent.right as Node, self)
  ) {
    return kind === "object" ? use(access, "read", parent, parent.left as Node) : null;
  }
  if (parent.type !== "CallExpression" || !same(parent.arguments[0] as Node, self)) return null;
  if (isStaticCall(parent, "Object", "hasOwn")) {
    return use(access, "read", parent, (parent.arguments[1] as Node) ?? null);
  }
  return isStaticCall(parent, "Object", "keys") ? use(access, "size", parent) : null;
}

function memoAccessOf(access: Access, kind: ContainerKind): MemoAccess | null {
  const self = outer(access.node);
  const parent = parentOf(self);
  if (parent?.type !== "MemberExpression" || !same(parent.object as Node, self)) {
    return operandUse(access, self, kind);
  }
  const top = outer(parent);
  return kind === "object" ? objectUse(access, parent, top) : collectionUse(access, parent, top);
}

// -- caches -------------------------------------------------------------------

function cacheKind(place: Place): ContainerKind | null {
  const binding = place.binding;
  if (place.kind === "global") return null;
  if (binding && (binding.destructured || binding.aliasOf)) return null;
  if (binding && binding.kind !== "const" && binding.kind !== "let" && binding.kind !== "var") {
    return null;
  }
  if (place.init && isFreezeCall(place.init)) return null;
  let kind = containerKind(place.init);
  if (kind === "none") kind = kindOfType(place.typeText);
  return kind === "map" || kind === "weakmap" || kind === "object" || kind === "instance"
    ? kind
    : null;
}

/** The locals of `fn` that hold a cached value: read from the cache, or stored in it. */
function valueLocals(model: ModuleModel, fn: FunctionInfo, uses: MemoAccess[]): Set<LocalBinding> {
  const locals = new Set<LocalBinding | undefined>();
  const isRead = (node: Node) => uses.some((u) => u.type !== "write" && within(u.node, node));
  walkOwn(fn.node, (node) => {
    if (
      node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init &&
      isRead(node.init as Node)
    ) {
      locals.add(model.scope.locals.get(nodeKey(node.id)));
    }
    if (
      node.type === "AssignmentExpression" && node.left.type === "Identifier" &&
      isRead(node.right as Node)
    ) {
      locals.add(model.scope.locals.get(nodeKey(node.left)));
    }
  }, true);
  for (const use of uses) {
    const value = use.value ? unwrap(use.value) : null;
    if (value?.type === "Identifier") locals.add(model.scope.locals.get(nodeKey(value)));
  }
  locals.delete(undefined);
  return locals as Set<LocalBinding>;
}

/** Is `inner` inside `outerNode` (or the same node)? */
function within(inner: Node, outerNode: Node): boolean {
  return outerNode.range[0] <= inner.range[0] && inner.range[1] <= outerNode.range[1];
}

/** The expressions the function hands back: its `return`s (or an arrow's expression body). */
function returned(fn: FunctionInfo): Node[] {
  const node = fn.node;
  if (node.type === "ArrowFunctionExpression" && node.body.type !== "BlockStatement") {
    return [node.body as Node];
  }
  const out: Node[] = [];
  walkOwn(node, (n) => {
    if (n.type === "ReturnStatement" && n.argument) out.push(n.argument as Node);
  });
  return out;
}

/** Does the function return the cached value (a read of the cache, or a local holding it)? */
function returnsCached(
  model: ModuleModel,
  fn: FunctionInfo,
  uses: MemoAccess[],
  locals: Set<LocalBinding>,
): boolean {
  return returned(fn).some((value) => {
    if (uses.some((u) => within(u.node, value) || within(value, u.node))) return true;
    let found = false;
    walk(value, (n) => {
      const local = n.type === "Identifier" ? model.scope.locals.get(nodeKey(n)) : undefined;
      if (local && locals.has(local)) found = true;
      return !found && !isFunctionNode(n);
    });
    return found;
  });
}

/** Does the function change the value it read from the cache (a group-by accumulator, not a memo)? */
function mutatesCached(
  model: ModuleModel,
  fn: FunctionInfo,
  uses: MemoAccess[],
): boolean {
  const reads = new Set<LocalBinding | undefined>();
  walkOwn(fn.node, (node) => {
    if (node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || !node.init) return;
    if (uses.some((u) => u.type === "read" && within(u.node, node.init as Node))) {
      reads.add(model.scope.locals.get(nodeKey(node.id)));
    }
  }, true);
  let found = false;
  walkOwn(fn.node, (node) => {
    if (found || node.type !== "Identifier") return;
    const local = model.scope.locals.get(nodeKey(node));
    if (local && reads.has(local) && mutationOf(node, model.text)) {
      found = true;
    }
  }, true);
  return found;
}

function memoFunctions(model: ModuleModel, accesses: MemoAccess[]): MemoFunction[] {
  const byFn = new Map<FunctionInfo, MemoAccess[]>();
  for (const memo of accesses) {
    const fn = memo.access.fn;
    if (fn) byFn.set(fn, [...byFn.get(fn) ?? [], memo]);
  }
  const out: MemoFunction[] = [];
  for (const [fn, list] of byFn) {
    const reads = list.some((a) => a.type === "read" || a.type === "readwrite");
    const writes = list.some((a) => a.type === "write" || a.type === "readwrite");
    if (!reads || !writes) continue;
    const locals = valueLocals(model, fn, list);
    if (returnsCached(model, fn, list, locals) && !mutatesCached(model, fn, list)) {
      out.push({ fn, accesses: list });
    }
  }
  return out;
}

function declaredTypes(model: ModuleModel, place: Place): string[] {
  for (
    const source of [
      place.typeText,
      place.init ? model.text.slice(place.init.range[0], place.init.range[1]) : "",
    ]
  ) {
    const match = /\b(?:WeakMap|Map|Record)\s*</.exec(source);
    if (match) return typeArguments(source.slice(match.index));
  }
  return [];
}

/**
 * Finds the memo cache a place holds, if it is one.
 *
 * @example
 * ```ts
 * import { memoOf } from "./no_unsafe_memo.ts";
 * import type { ModuleModel } from "./model.ts";
 * declare const model: ModuleModel;
 * const memos = model.bindings.map((place) => memoOf(model, place)).filter(Boolean);
 * ```
 */
export function memoOf(model: ModuleModel, place: Place): Memo | null {
  const kind = cacheKind(place);
  if (!kind) return null;
  const accesses = place.accesses.map((access) => memoAccessOf(access, kind)).filter((
    a,
  ): a is MemoAccess => !!a);
  const memoFns = memoFunctions(model, accesses);
  if (memoFns.length === 0) return null;
  return { place, kind, accesses, memoFns, types: declaredTypes(model, place) };
}

// -- problems -----------------------------------------------------------------

function memoUses(memo: Memo): MemoAccess[] {
  return memo.memoFns.flatMap((entry) => entry.accesses);
}

function isPlace(model: ModuleModel, node: Node, place: Place): boolean {
  const path = model.pathOf(node);
  return path?.place === place && path.path.length === 0;
}

function unbounded(model: ModuleModel, memo: Memo): Problem | null {
  // A WeakMap frees entries with their keys; a class instance may bound itself.
  if (memo.kind === "weakmap" || memo.kind === "instance") return null;
  const reassigned = memo.place.accesses.some((access) => {
    const write = !access.alias && access.fn ? writeOf(access.node) : null;
    return !!write && !isLazyAssignment(write.node, (node) => isPlace(model, node, memo.place));
  });
  const evicted = memo.accesses.some((a) =>
    a.type === "evict" || (a.type === "size" && a.access.fn !== null)
  );
  if (reassigned || evicted) return null;
  return {
    problem:
      "it is never bounded or cleared, so it grows for the life of the worker (every build of a `floe serve` session)",
    hint: `Create the cache per build: ${SETUP_FIX}. ` +
      "Elsewhere, clear it at the start of each build; bound it (evict old entries) if one build can fill it.",
  };
}

function jsonKeyed(model: ModuleModel, memo: Memo): Problem | null {
  if (!memoUses(memo).some((a) => a.key && isJsonKey(model, a.key))) return null;
  return {
    problem:
      "it is keyed by `JSON.stringify(...)`, which depends on property order and is slow for large inputs",
    hint: "Key it by a stable, explicit string (an id or a path), not by serialising the input.",
  };
}

function identityKeyed(model: ModuleModel, memo: Memo): Problem | null {
  const identity = memo.kind === "weakmap" ||
    memoUses(memo).some((a) =>
      a.key && isIdentityKey(model, a, memo.kind === "map" ? memo.types[0] ?? "" : "")
    );
  if (!identity) return null;
  return {
    problem: memo.kind === "object"
      ? 'it is keyed by an object, which an object cache turns into the string "[object Object]"'
      : "it is keyed by object identity: every build (and every worker, which receives structured clones) makes new objects, " +
        "so the cache never hits again and, across the builds of a `floe serve` session, never frees what it holds",
    hint: "Key it by a stable id of the object (a path plus a content hash), or create the cache " +
      "per build (in a plugin, `const cache = site.setup(() => new WeakMap())`, read as `cache()`) " +
      "so it goes with the build's objects.",
  };
}

/** Is the cache cleared, emptied or replaced by a function other than its memo functions (a build hook, a reset)? */
function invalidated(model: ModuleModel, memo: Memo): boolean {
  const memoFns = new Set(memo.memoFns.map((entry) => entry.fn));
  const outside = (access: Access) => access.fn !== null && !memoFns.has(access.fn);
  if (memo.accesses.some((a) => a.type === "evict" && outside(a.access))) return true;
  return memo.place.accesses.some((access) => {
    const write = !access.alias && outside(access) ? writeOf(access.node) : null;
    return !!write && !isLazyAssignment(write.node, (node) => isPlace(model, node, memo.place));
  });
}

function pathKeyed(model: ModuleModel, memo: Memo): Problem | null {
  if (invalidated(model, memo)) return null; // within one build the files do not change
  if (
    !memo.memoFns.some((entry) =>
      entry.accesses.some((a) => a.key && isPathKey(model, a, entry.fn))
    )
  ) return null;
  return {
    problem:
      "it is keyed by a path without the content, so after an edit (in `floe serve`) it keeps serving what the file held before",
    hint: "Put the content hash (or mtime and size) in the key, or create the cache per build " +
      "(in a plugin, `const cache = site.setup(() => new Map())`, read as `cache()`).",
  };
}

function awaitBeforeSet(model: ModuleModel, entry: MemoFunction): boolean {
  const reads = entry.accesses.filter((a) => a.type === "read").sort((a, b) =>
    a.node.range[0] - b.node.range[0]
  );
  const syn = entry.accesses[0].access.syn;
  for (const write of entry.accesses) {
    if (write.type !== "write" && write.type !== "readwrite") continue;
    if (isPromiseValued(write.value, "", model.scope)) continue;
    const from = write.type === "readwrite"
      ? (write.node as Deno.lint.AssignmentExpression).right.range[0]
      : reads[0]?.node.range[1];
    if (from === undefined || !syn) continue;
    if (syn.awaits.some((range) => range[0] >= from && range[1] <= write.node.range[1])) {
      return true;
    }
  }
  return false;
}

function setAfterAwait(model: ModuleModel, memo: Memo): Problem | null {
  const entry = memo.memoFns.find((e) => awaitBeforeSet(model, e));
  if (!entry) return null;
  return {
    problem:
      `\`${entry.fn.name}()\` sets the value after an \`await\`, so concurrent callers all miss and all compute it (thundering herd)`,
    hint:
      "Cache the promise synchronously (`cache.set(key, promise)` before awaiting) and delete it if it rejects.",
  };
}

// -- mutable values -----------------------------------------------------------

/** The values a local may hold inside `fn`: its initialiser and everything assigned to it. */
function localValues(
  model: ModuleModel,
  fn: FunctionInfo,
  id: Node,
): { values: Node[]; frozen: boolean } | null {
  const local = model.scope.locals.get(nodeKey(id));
  if (!local) return null;
  const values: Node[] = local.init ? [local.init] : [];
  let frozen = false;
  walkOwn(fn.node, (node) => {
    if (
      node.type === "AssignmentExpression" && node.left.type === "Identifier" &&
      isLocal(model, node.left, local)
    ) {
      values.push(node.right as Node);
    }
    if (node.type === "CallExpression" && isFreezeCall(node)) {
      const arg = node.arguments[0] as Node | undefined;
      if (arg?.type === "Identifier" && isLocal(model, arg, local)) frozen = true;
    }
  }, true);
  return { values, frozen };
}

function isLocal(model: ModuleModel, id: Node, local: unknown): boolean {
  return model.scope.locals.get(nodeKey(id)) === local;
}

function storesMutable(model: ModuleModel, memo: Memo, write: MemoAccess): boolean {
  if (!write.value || isFreezeCall(write.value)) return false;
  if (isPromiseValued(write.value, "", model.scope)) return false;
  const value = unwrap(write.value);
  const typed = isMutableObjectType(memo.types[1] ?? "", model.objectTypes);
  if (value.type !== "Identifier") {
    return isFreshMutable(value) || (typed && !isFreshImmutable(value));
  }
  const held = localValues(model, write.access.fn!, value);
  if (!held || held.frozen) return false;
  return held.values.some((v) => isFreshMutable(v) || (typed && !isFreshImmutable(v)));
}

/** Values that are certainly not shared mutable objects (primitives, functions, frozen). */
function isFreshImmutable(value: Node): boolean {
  const kind = containerKind(value);
  return kind === "immutable" || isFreezeCall(value);
}

const COPY_CALLS = /^(?:structuredClone|slice|from|freeze|deepFreeze|clone|cloneDeep)$/;

/** `structuredClone(v)`, `[...v]`, `{ ...v }`, `v.slice()`, `Object.freeze(v)`. */
function isCopy(value: Node): boolean {
  const n = unwrap(value);
  if (n.type === "CallExpression") return COPY_CALLS.test(calleeName(n) ?? "");
  if (n.type === "ArrayExpression") return n.elements.some((e) => e?.type === "SpreadElement");
  if (n.type === "ObjectExpression") return n.properties.some((p) => p.type === "SpreadElement");
  return false;
}

/** Every `return` of the function hands out a copy. */
function returnsCopy(fn: FunctionInfo): boolean {
  let all = true, any = false;
  walkOwn(fn.node, (node) => {
    if (node.type !== "ReturnStatement" || !node.argument) return;
    any = true;
    if (!isCopy(node.argument as Node)) all = false;
  });
  return any && all;
}

function mutableValue(model: ModuleModel, memo: Memo): Problem | null {
  const found = memo.memoFns.some((entry) =>
    !returnsCopy(entry.fn) &&
    entry.accesses.some((a) =>
      (a.type === "write" || a.type === "readwrite") && storesMutable(model, memo, a)
    )
  );
  if (!found) return null;
  return {
    problem:
      "it hands out the cached mutable object itself, so a caller that changes it changes every later result",
    hint: "Freeze cached values (`Object.freeze`) or return a copy.",
  };
}

// -- the rule -----------------------------------------------------------------

function problemsOf(model: ModuleModel, memo: Memo): Problem[] {
  return [
    unbounded(model, memo),
    pathKeyed(model, memo),
    jsonKeyed(model, memo),
    identityKeyed(model, memo),
    setAfterAwait(model, memo),
    mutableValue(model, memo),
  ].filter((p): p is Problem => p !== null);
}

function memoFinding(model: ModuleModel, memo: Memo): Finding | null {
  const problems = problemsOf(model, memo);
  if (problems.length === 0) return null;
  const where = memo.place.kind === "static"
    ? "memo cache in a static class field"
    : "module-level memo cache";
  const fns = [...new Set(memo.memoFns.map((entry) => `\`${entry.fn.name}()\``))].join(", ");
  const text = problems.map((p) => p.problem).join("; ");
  return {
    node: memo.place.site,
    message: formatMessage(
      memo.place.label,
      `is a ${where} (${KIND_LABEL[memo.kind]}) used by ${fns}`,
      `${text}. ${PER_WORKER.charAt(0).toUpperCase()}${PER_WORKER.slice(1)}, and ${OUTLIVES}.`,
    ),
    hint: problems.map((p) => p.hint).join(" "),
  };
}

/**
 * The detector of `no-unsafe-memo`: one finding per unsafe cache.
 *
 * @example
 * ```ts
 * import { detectUnsafeMemo } from "./no_unsafe_memo.ts";
 * import { buildModel } from "./model.ts";
 * declare const program: Deno.lint.Program;
 * detectUnsafeMemo(buildModel(program, "", "mod.ts"));
 * ```
 */
export function detectUnsafeMemo(model: ModuleModel): Finding[] {
  const findings: Finding[] = [];
  for (const place of [...model.bindings, ...model.statics]) {
    const memo = memoOf(model, place);
    const finding = memo && memoFinding(model, memo);
    if (finding) findings.push(finding);
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The `no-unsafe-memo` rule. A memo cache is a module-level Map, WeakMap or
 * object (or a static class field holding one) that one function both reads
 * and writes before returning a value. Reported at the cache, listing every
 * problem found; a memo without problems (bounded or cleared, stable string
 * keys that include the content, promise cached, frozen values) is not
 * reported.
 *
 * @example
 * ```ts
 * import noUnsafeMemo from "./no_unsafe_memo.ts";
 * const plugin: Deno.lint.Plugin = {
 *   name: "floe",
 *   rules: { "no-unsafe-memo": noUnsafeMemo },
 * };
 * ```
 */
const noUnsafeMemo: Deno.lint.Rule = defineRule("no-unsafe-memo", detectUnsafeMemo);
export default noUnsafeMemo;
