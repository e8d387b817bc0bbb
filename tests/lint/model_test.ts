import assert from "node:assert/strict";
import { buildModel, type ModuleModel } from "../../lint-rules/model.ts";
import type { Node } from "../../lint-rules/ast.ts";

/** Builds the model inside a throwaway plugin and resolves every member expression's path. */
function modelOf(source: string): { model: ModuleModel; paths: string[] } {
  let result: { model: ModuleModel; paths: string[] } | undefined;
  const plugin: Deno.lint.Plugin = {
    name: "model-test",
    rules: {
      model: {
        create(ctx) {
          const members: Node[] = [];
          return {
            MemberExpression(node) {
              members.push(node);
            },
            "Program:exit"(node) {
              const model = buildModel(node, ctx.sourceCode.text, "mod.ts");
              const paths = members.flatMap((m) => {
                const p = model.pathOf(m);
                const text = ctx.sourceCode.text.slice(m.range[0], m.range[1]);
                return p ? [`${text} -> ${p.place.kind}:${p.place.label}/${p.path.join(".")}`] : [];
              });
              result = { model, paths };
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

Deno.test("model: places of bindings, static fields and globals", () => {
  const { model } = modelOf(`const state = { conn: null };
export class Cache {
  static #entries = new Map();
  static get(k: string) { return this.#entries.get(k) ?? Cache.#entries.size; }
}
globalThis.__x ??= 1;
export const read = () => (globalThis as any).__x;`);
  assert.deepEqual(model.bindings.map((p) => p.label), ["state", "Cache", "read"]);
  assert.deepEqual(
    model.statics.map((p) =>
      `${p.label}:${p.accesses.length}:${p.accesses.map((a) => a.fn?.name).join(",")}`
    ),
    ["Cache.#entries:2:Cache.get,Cache.get"],
  );
  assert.deepEqual(
    model.globals.map((p) => `${p.label}:${p.accesses.map((a) => a.fn?.name ?? "init").join(",")}`),
    ["globalThis.__x:init,read"],
  );
});

Deno.test("model: pathOf resolves property chains to their place", () => {
  const { paths } = modelOf(`const KEY = Symbol.for("k");
const state = { db: { pool: null as unknown } };
export class S { static #i: S | undefined; static get() { return this.#i; } }
export function f(k: string, state2: { db: unknown }) {
  const g = globalThis as unknown as Record<symbol, unknown>;
  return [state.db.pool, state[k], g[KEY], state2.db];
}`);
  assert.deepEqual(paths, [
    "this.#i -> static:S.#i/",
    "state.db.pool -> binding:state/db.pool",
    "state.db -> binding:state/db",
    "g[KEY] -> global:globalThis[KEY]/",
  ]);
});
