import { type Case, runCases } from "./helpers.ts";

const wrong: Case[] = [
  {
    name: "unbounded Map memo, reported at the declaration",
    code: `const cache = new Map<string, string>();
export function slug(s: string) {
  let v = cache.get(s);
  if (v === undefined) {
    v = s.toLowerCase();
    cache.set(s, v);
  }
  return v;
}`,
    expect: [{
      line: 1,
      binding: "cache",
      text: "cache",
      message: [
        "module-level memo cache (Map) used by `slug()`",
        "never bounded or cleared",
        "dev server",
      ],
      hint: "per build",
      fixed: null,
    }],
    pluginTotal: 1,
  },
  {
    name: "object memo with ??=",
    code: `const memo: Record<string, number> = {};
export const len = (s: string) => memo[s] ??= s.length;`,
    expect: [{
      line: 1,
      binding: "memo",
      message: ["memo cache (object)", "never bounded"],
    }],
  },
  {
    name: "keyed by JSON.stringify inline",
    code: `const cache = new Map<string, number>();
export function cost(o: object) {
  if (cache.has(JSON.stringify(o))) return cache.get(JSON.stringify(o));
  const v = Object.keys(o).length;
  cache.set(JSON.stringify(o), v);
  return v;
}
export const reset = () => cache.clear();`,
    expect: [{
      line: 1,
      binding: "cache",
      message: ["`JSON.stringify(...)`"],
      hint: "stable, explicit string",
    }],
  },
  {
    name: "keyed by JSON.stringify through a local",
    code: `const results = new Map<string, string>();
export function run(opts: { a: number }) {
  const key = JSON.stringify(opts);
  const hit = results.get(key);
  if (hit) return hit;
  const out = String(opts.a);
  results.set(key, out);
  return out;
}`,
    expect: [{
      line: 1,
      binding: "results",
      message: ["never bounded", "`JSON.stringify(...)`"],
    }],
  },
  {
    name: "keyed by object identity (an interface parameter)",
    code: `interface Page { url: string }
const html = new Map<Page, string>();
export function render(page: Page) {
  const hit = html.get(page);
  if (hit) return hit;
  const out = "<p>" + page.url;
  html.set(page, out);
  return out;
}
export function clear() { html.clear(); }`,
    expect: [{
      line: 2,
      binding: "html",
      message: ["object identity", "structured-cloned"],
      hint: "WeakMap",
    }],
  },
  {
    name: "object cache keyed by an object collapses to [object Object]",
    code: `const memo: Record<string, string> = {};
export function get(opts: { id: string }) {
  // @ts-ignore: the bug under test
  return memo[opts] ??= opts.id;
}
export function reset() { for (const k in memo) delete memo[k]; }`,
    expect: [{ line: 1, binding: "memo", message: ["[object Object]"] }],
  },
  {
    name: "value set after an await (thundering herd)",
    code: `declare function load(k: string): Promise<string>;
const cache = new Map<string, string>();
export async function get(k: string) {
  if (cache.has(k)) return cache.get(k)!;
  const v = await load(k);
  cache.set(k, v);
  return v;
}
export const clear = () => cache.clear();`,
    expect: [{
      line: 2,
      binding: "cache",
      message: ["`get()` sets the value after an `await`", "thundering herd"],
      hint: "Cache the promise",
    }],
  },
  {
    name: "set(k, await load(k))",
    code: `declare function load(k: string): Promise<string>;
const cache = new Map<string, string>();
export async function get(k: string) {
  const hit = cache.get(k);
  if (hit !== undefined) return hit;
  cache.set(k, await load(k));
  return cache.get(k);
}
export const clear = () => cache.clear();`,
    expect: [{ line: 2, binding: "cache", message: ["thundering herd"] }],
  },
  {
    name: "obj[k] ??= await load(k)",
    code: `declare function load(k: string): Promise<string>;
const cache: Record<string, string> = {};
export async function get(k: string) {
  return cache[k] ??= await load(k);
}
export function clear(k: string) { delete cache[k]; }`,
    expect: [{ line: 2, binding: "cache", message: ["thundering herd"] }],
  },
  {
    name: "cached mutable object handed out",
    code: `const cache = new Map<string, { n: number }>();
export function stats(k: string) {
  let v = cache.get(k);
  if (!v) {
    v = { n: k.length };
    cache.set(k, v);
  }
  return v;
}
export const clear = () => cache.clear();`,
    expect: [{
      line: 1,
      binding: "cache",
      message: ["hands out the cached mutable object"],
      hint: "Object.freeze",
    }],
  },
  {
    name: "cached array literal set inline",
    code: `const groups = new Map<string, string[]>();
export function group(k: string) {
  if (!groups.has(k)) groups.set(k, []);
  return groups.get(k)!;
}`,
    expect: [{
      line: 1,
      binding: "groups",
      message: ["never bounded", "hands out the cached mutable object"],
    }],
  },
  {
    name: "WeakMap memo set after an await",
    code: `declare function measure(o: object): Promise<number>;
const sizes = new WeakMap<object, number>();
export async function size(o: object) {
  const hit = sizes.get(o);
  if (hit !== undefined) return hit;
  const n = await measure(o);
  sizes.set(o, n);
  return n;
}`,
    expect: [{
      line: 2,
      binding: "sizes",
      message: ["memo cache (WeakMap)", "thundering herd"],
    }],
  },
  {
    name: "a let memo cache is reported once, by this rule",
    code: `let cache: Record<string, string> = {};
export function upper(s: string) {
  if (s in cache) return cache[s];
  return cache[s] = s.toUpperCase();
}`,
    expect: [{ line: 1, binding: "cache", message: ["never bounded"] }],
    pluginTotal: 1,
  },
  {
    name: "Object.hasOwn read and assignment",
    code: `const seen: Record<string, number> = {};
export function id(s: string) {
  if (Object.hasOwn(seen, s)) return seen[s];
  seen[s] = s.length;
  return seen[s];
}`,
    expect: [{ line: 1, binding: "seen", message: ["never bounded"] }],
  },
  {
    name: "memo in a class static method",
    code: `const table = new Map<number, bigint>();
export class Fib {
  static of(n: number): bigint {
    const hit = table.get(n);
    if (hit !== undefined) return hit;
    const v = n < 2 ? BigInt(n) : Fib.of(n - 1) + Fib.of(n - 2);
    table.set(n, v);
    return v;
  }
}`,
    expect: [{ line: 1, binding: "table", message: ["`Fib.of()`"] }],
  },
  {
    name: "several problems in one message",
    code: `declare function render(o: object): Promise<string[]>;
const cache = new Map<string, string[]>();
export async function get(o: object) {
  const key = JSON.stringify(o);
  if (cache.has(key)) return cache.get(key);
  const lines = await render(o);
  const copy = [...lines];
  cache.set(key, copy);
  return copy;
}`,
    expect: [{
      line: 2,
      binding: "cache",
      message: [
        "never bounded",
        "`JSON.stringify(...)`",
        "thundering herd",
        "hands out the cached mutable object",
      ],
    }],
    pluginTotal: 1,
  },
  {
    name: "memo used by two functions",
    code: `const cache = new Map<string, number>();
export function a(k: string) { return cache.get(k) ?? (cache.set(k, 1), 1); }
export function b(k: string) { if (!cache.has(k)) cache.set(k, 2); return cache.get(k); }`,
    expect: [{ line: 1, binding: "cache", message: ["used by `a()`, `b()`"] }],
  },
  {
    name: "a memo keyed by this",
    code: `const sizes = new Map<object, number>();
export const api = {
  size(this: object) {
    if (!sizes.has(this)) sizes.set(this, 1);
    return sizes.get(this);
  },
};
export const reset = () => sizes.clear();`,
    expect: [{ line: 1, binding: "sizes", message: ["object identity"] }],
  },
];

const right: Case[] = [
  {
    name: "memo with an exported clear()",
    code: `const cache = new Map<string, string>();
export function slug(s: string) {
  let v = cache.get(s);
  if (v === undefined) { v = s.toLowerCase(); cache.set(s, v); }
  return v;
}
export function clearSlugs() { cache.clear(); }`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "bounded LRU with delete",
    code: `const MAX = 100;
const lru = new Map<string, string>();
export function get(k: string) {
  const hit = lru.get(k);
  if (hit !== undefined) return hit;
  const v = k.trim();
  if (lru.size >= MAX) lru.delete(lru.keys().next().value!);
  lru.set(k, v);
  return v;
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "synchronous WeakMap memo keyed by object",
    code: `const lengths = new WeakMap<object, number>();
export function count(o: object) {
  let n = lengths.get(o);
  if (n === undefined) { n = Object.keys(o).length; lengths.set(o, n); }
  return n;
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "the promise is cached, not the value",
    code: `async function load(k: string) { return k; }
const pending = new Map<string, Promise<string>>();
export function get(k: string) {
  let p = pending.get(k);
  if (!p) {
    p = load(k);
    pending.set(k, p);
  }
  return p;
}
export const reset = () => pending.clear();`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "the promise is cached with an awaited read afterwards",
    code: `async function load(k: string) { return k; }
const pending = new Map<string, Promise<string>>();
export async function get(k: string) {
  if (!pending.has(k)) pending.set(k, load(k));
  return await pending.get(k)!;
}
export const reset = () => pending.clear();`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a cache local to a function",
    code: `export function dedupe(xs: string[]) {
  const seen = new Map<string, number>();
  return xs.filter((x) => {
    if (seen.has(x)) return false;
    seen.set(x, 1);
    return true;
  });
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a parameter named like the module cache",
    code: `const cache = new Map<string, string>();
export function get(cache: Map<string, string>, k: string) {
  if (!cache.has(k)) cache.set(k, k);
  return cache.get(k);
}
export const size = () => cache.size;`,
    expect: [],
  },
  {
    name: "a registry written and read by different functions is mutable state",
    code: `const plugins = new Map<string, string>();
export function register(name: string, p: string) { plugins.set(name, p); }
export function lookup(name: string) { return plugins.get(name); }`,
    expect: [],
    pluginTotal: 1,
  },
  {
    name: "a duplicate check without a returned value is not a memo",
    code: `const handlers: Record<string, () => void> = {};
export function on(name: string, fn: () => void) {
  if (handlers[name]) throw new Error("duplicate " + name);
  handlers[name] = fn;
}`,
    expect: [],
    pluginTotal: 1,
  },
  {
    name: "a frozen lookup table",
    code: `const TABLE = Object.freeze(new Map([["a", 1]]));
export function get(k: string) { return TABLE.get(k) ?? 0; }`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a table filled during initialisation only",
    code: `const codes = new Map<string, number>();
for (const [i, c] of ["a", "b"].entries()) codes.set(c, i);
export function code(c: string) { return codes.get(c) ?? -1; }`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a let cache replaced by a reset function",
    code: `let cache = new Map<string, string>();
export function get(k: string) {
  if (!cache.has(k)) cache.set(k, k.toUpperCase());
  return cache.get(k);
}
export function newBuild() { cache = new Map(); }`,
    expect: [],
    pluginTotal: 0,
  },
];

runCases("no-unsafe-memo", [...wrong, ...right]);
