import assert from "node:assert/strict";
import { analyzeScopes, type ModuleScope } from "../../lint-rules/module_scope.ts";

/** Runs analyzeScopes inside a throwaway plugin (the AST only exists there). */
function scopeOf(source: string): ModuleScope {
  let result: ModuleScope | undefined;
  const plugin: Deno.lint.Plugin = {
    name: "scope-test",
    rules: {
      scope: {
        create(ctx) {
          return {
            Program(node) {
              result = analyzeScopes(node, ctx.sourceCode.text);
            },
          };
        },
      },
    },
  };
  Deno.lint.runPlugin(plugin, "mod.ts", source);
  assert.ok(result);
  return result;
}

/** `name@line:fn` for every reference of a module binding. */
function refs(scope: ModuleScope, name: string): string[] {
  const binding = scope.bindings.get(name);
  assert.ok(binding, `no module binding ${name}`);
  return binding.refs.map((ref) => {
    const line = scope.text.slice(0, ref.node.range[0]).split("\n").length;
    return `${line}:${ref.fn?.name ?? "init"}${ref.alias ? ":alias" : ""}`;
  });
}

Deno.test("module_scope: kinds, exports and hoisted vars", () => {
  const scope = scopeOf(`import { a } from "./a.ts";
import type { T } from "./t.ts";
export let b = 1;
const c = 2;
function d() {}
class E {}
if (c) { var f = 3; let g = 4; }
export { c };
export default d;
enum H { X }`);
  const kinds = Object.fromEntries(
    [...scope.bindings].map((
      [n, b],
    ) => [n, `${b.kind}${b.exported ? "+exported" : ""}`]),
  );
  assert.deepEqual(kinds, {
    a: "import",
    b: "let+exported",
    c: "const+exported",
    d: "function+exported",
    E: "class",
    H: "enum",
    f: "var",
  });
  assert.equal(
    scope.bindings.has("g"),
    false,
    "block-scoped let is not module-level",
  );
  assert.equal(
    scope.bindings.has("T"),
    false,
    "type-only imports are not bindings",
  );
});

Deno.test("module_scope: shadowing by params, locals, catch, loops, classes and function names", () => {
  const scope = scopeOf(`let x = 0;
function p(x: number) { return x; }
function q() { const x = 1; return x; }
function r() { try { } catch (x) { return x; } }
function s(xs: number[]) { for (const x of xs) return x; }
function t() { { let x = 2; x++; } return x; }
const u = class x { m() { return x; } };
const v = function x() { return x; };
function w({ x }: { x: number }) { return x; }
function y() { var z = () => x; return z; }
function hoisted() { x2(); function x2() {} return typeof x; }`);
  assert.deepEqual(refs(scope, "x"), ["6:t", "10:z", "11:hoisted"]);
});

Deno.test("module_scope: init-time code vs deferred functions", () => {
  const scope = scopeOf(`const m = new Map();
m.set(1, 1);
[1, 2].forEach((n) => m.set(n, n));
(() => m.set(3, 3))();
class K { static s = m.get(1); static { m.set(4, 4); } i = m.get(2); meth() { return m; } }
export function later() { [1].forEach((n) => m.set(n, n)); }
setTimeout(() => m.clear());`);
  assert.deepEqual(refs(scope, "m"), [
    "2:init",
    "3:init",
    "4:init",
    "5:init",
    "5:init",
    "5:K#i",
    "5:K.meth",
    "6:later",
    "7:<anonymous>",
  ]);
});

Deno.test("module_scope: aliases through locals, destructuring and module consts", () => {
  const scope = scopeOf(`const state = { items: [] as number[] };
const alias = state;
export function f() {
  const s = state;
  const { items } = state;
  const n = state.items;
  s.items.push(1); items.push(2); n.push(3); alias.items.push(4);
}`);
  assert.deepEqual(refs(scope, "state"), [
    "2:init",
    "4:f",
    "5:f",
    "6:f",
    "7:f:alias",
    "7:f:alias",
    "7:f:alias",
    "7:f:alias",
  ]);
  assert.equal(scope.bindings.get("alias")?.aliasOf?.name, "state");
});

Deno.test("module_scope: awaits are recorded per function, not in nested ones", () => {
  const scope = scopeOf(`export async function f() {
  await 1;
  const g = async () => { await 2; await 3; };
  for await (const x of []) x;
  return g;
}`);
  const counts = [...scope.functions.values()].map((fn) =>
    `${fn.name}:${fn.awaits.length}:${fn.async}`
  );
  assert.deepEqual(counts.sort(), ["f:2:true", "g:2:true"]);
});

Deno.test("module_scope: property keys, labels and member names are not references", () => {
  const scope = scopeOf(`const k = 1;
const o = { k: 2, [k]: 3 };
o.k;
label: for (;;) { break label; }
class C { k = 1; static k = 2; }
export { o, C };`);
  assert.deepEqual(refs(scope, "k"), ["2:init"]);
});

Deno.test("module_scope: aliases of the global object are global references", () => {
  const scope = scopeOf(`const g = globalThis as unknown as Record<string, unknown>;
export function f() {
  const store = self as unknown as Record<string, unknown>;
  store.a = 1;
  g.b = 2;
  globalThis.c = 3;
}
export function h(globalThis: object) { return globalThis; }`);
  const globals = scope.globals.filter((g) => g.name !== g.node.name || g.name === "globalThis")
    .map((g) => `${g.node.name}->${g.name}@${g.fn?.name ?? "init"}`);
  assert.deepEqual(globals, [
    "globalThis->globalThis@init",
    "store->self@f",
    "g->globalThis@f",
    "globalThis->globalThis@f",
  ]);
});

Deno.test("module_scope: declaring identifiers of locals resolve to their binding", () => {
  const scope = scopeOf(`export function f(p: string) {
  const hit = p.length;
  return hit;
}`);
  const locals = [...scope.locals.values()].map((l) => `${l.name}:${l.kind}`);
  assert.deepEqual([...new Set(locals)].sort(), ["hit:const", "p:param"]);
  assert.equal(scope.locals.size, 4, "two declarations and two references");
});

Deno.test("module_scope: top-level awaits are recorded for the module", () => {
  const scope = scopeOf(`const a = await Promise.resolve(1);
export async function f() { await a; }
for await (const x of []) x;`);
  assert.equal(scope.moduleAwaits.length, 2);
});
