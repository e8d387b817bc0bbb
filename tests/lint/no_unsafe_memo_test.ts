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
        "every build of a `floe serve` session",
      ],
      hint: "per build",
      fixed: null,
    }],
    others: ["1 no-module-mutable-state"],
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
      message: ["object identity", "structured clones"],
      hint: "content hash",
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
    name: "a let memo cache: this rule reports the cache, the other rule the let",
    code: `let cache: Record<string, string> = {};
export function upper(s: string) {
  if (s in cache) return cache[s];
  return cache[s] = s.toUpperCase();
}`,
    expect: [{ line: 1, binding: "cache", message: ["never bounded"] }],
    others: ["1 no-module-mutable-state"],
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
    others: ["2 no-module-mutable-state"],
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
    others: ["1 no-module-mutable-state"],
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
    others: ["2 no-module-mutable-state"],
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
    others: ["2 no-module-mutable-state"],
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
    others: ["2 no-module-mutable-state"],
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
    others: ["1 no-module-mutable-state"],
  },
];

runCases("no-unsafe-memo", [...wrong, ...right]);

// -- patterns added by issue 10 ------------------------------------------------

const identity: Case[] = [
  {
    name: "wrong: a WeakMap memo keyed by page objects (was: not reported)",
    code: `interface Page { url: string; body: string }
const html = new WeakMap<Page, string>();
export function render(page: Page) {
  let out = html.get(page);
  if (out === undefined) { out = "<main>" + page.body; html.set(page, out); }
  return out;
}`,
    expect: [{
      line: 2,
      binding: "html",
      message: ["memo cache (WeakMap)", "keyed by object identity", "never hits"],
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "wrong: a Map keyed by page objects, even with a clear function",
    code: `import type { Page } from "./types.ts";
const toc = new Map<Page, string[]>();
export function headings(page: Page): readonly string[] {
  const hit = toc.get(page);
  if (hit) return hit;
  const list = Object.freeze([page.url]) as unknown as string[];
  toc.set(page, list);
  return list;
}
export function clearToc() { toc.clear(); }`,
    expect: [{ line: 2, binding: "toc", message: ["keyed by object identity"] }],
  },
  {
    name: "wrong: an untyped parameter used as an object is an identity key (JavaScript)",
    filename: "mod.js",
    code: `const words = new Map();
export function wordCount(page) {
  if (words.has(page)) return words.get(page);
  const n = page.content.split(/\\s+/).length;
  words.set(page, n);
  return n;
}
export const reset = () => words.clear();`,
    expect: [{ line: 1, binding: "words", message: ["keyed by object identity"] }],
  },
  {
    name: "right: keyed by the page's stable id and content hash, cleared per build",
    code: `interface Page { url: string; hash: string; body: string }
const html = new Map<string, string>();
export function render(page: Page) {
  const key = page.url + ":" + page.hash;
  let out = html.get(key);
  if (out === undefined) { out = "<main>" + page.body; html.set(key, out); }
  return out;
}
export const startBuild = () => html.clear();`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "near-miss: a WeakMap created per build and passed in",
    code: `interface Page { body: string }
export function createRenderer() {
  const html = new WeakMap<Page, string>();
  return (page: Page) => {
    let out = html.get(page);
    if (out === undefined) { out = page.body; html.set(page, out); }
    return out;
  };
}`,
    expect: [],
    pluginTotal: 0,
  },
];

const pathKeys: Case[] = [
  {
    name: "wrong: keyed by the path of the file it reads",
    code: `const data = new Map<string, string>();
export async function readData(path: string) {
  const hit = data.get(path);
  if (hit !== undefined) return hit;
  const text = await Deno.readTextFile(path);
  data.set(path, text);
  return text;
}`,
    expect: [{
      line: 1,
      binding: "data",
      message: ["never bounded", "keyed by a path without the content", "thundering herd"],
      hint: "content hash",
    }],
  },
  {
    name: "wrong: a bounded cache keyed by a joined path is still stale after an edit",
    code: `import { join } from "node:path";
const MAX = 100;
const sizes = new Map<string, number>();
export function size(root: string, name: string) {
  const key = join(root, name);
  const hit = sizes.get(key);
  if (hit !== undefined) return hit;
  const n = Deno.statSync(key).size;
  if (sizes.size >= MAX) sizes.clear();
  sizes.set(key, n);
  return n;
}`,
    expect: [{ line: 3, binding: "sizes", message: ["keyed by a path without the content"] }],
  },
  {
    name: "wrong: a class-instance LRU keyed by an image path",
    code: `class Lru<V> {
  #map = new Map<string, V>();
  get(k: string) { return this.#map.get(k); }
  set(k: string, v: V) { this.#map.set(k, v); if (this.#map.size > 50) this.#map.clear(); }
}
declare function resize(b: Uint8Array, w: number): Uint8Array;
const thumbs = new Lru<Uint8Array>();
export function thumb(imagePath: string, width: number) {
  const key = imagePath + "@" + width;
  const hit = thumbs.get(key);
  if (hit) return hit;
  const out = resize(Deno.readFileSync(imagePath), width);
  thumbs.set(key, out);
  return out;
}`,
    expect: [{
      line: 7,
      binding: "thumbs",
      message: ["memo cache (class instance)", "keyed by a path"],
    }],
  },
  {
    name: "right: the key holds the content hash",
    code: `declare function hash(b: Uint8Array): string;
const MAX = 100;
const thumbs = new Map<string, string>();
export function thumb(path: string) {
  const bytes = Deno.readFileSync(path);
  const key = path + ":" + hash(bytes);
  const hit = thumbs.get(key);
  if (hit) return hit;
  if (thumbs.size >= MAX) thumbs.delete(thumbs.keys().next().value!);
  const out = btoa(String.fromCharCode(...bytes.subarray(0, 10)));
  thumbs.set(key, out);
  return out;
}`,
    expect: [],
  },
  {
    name: "near-miss: a path turned into a URL without reading anything",
    code: `const urls = new Map<string, string>();
export function urlOf(path: string) {
  let url = urls.get(path);
  if (url === undefined) { url = "/" + path.replace(/\\.md$/, "/"); urls.set(path, url); }
  return url;
}
export const reset = () => urls.clear();`,
    expect: [],
  },
];

const mutableValues: Case[] = [
  {
    name: "wrong: a parsed JSON object handed out",
    code: `const configs = new Map<string, unknown>();
export function config(name: string, text: string) {
  let c = configs.get(name);
  if (c === undefined) { c = JSON.parse(text); configs.set(name, c); }
  return c;
}
export const reset = () => configs.clear();`,
    expect: [{ line: 1, binding: "configs", message: ["hands out the cached mutable object"] }],
  },
  {
    name: "wrong: the declared value type is a mutable array",
    code: `declare function collect(tag: string): string[];
const byTag = new Map<string, string[]>();
export function pagesTagged(tag: string) {
  const hit = byTag.get(tag);
  if (hit) return hit;
  const list = collect(tag);
  byTag.set(tag, list);
  return list;
}
export const reset = () => byTag.clear();`,
    expect: [{ line: 2, binding: "byTag", message: ["hands out the cached mutable object"] }],
  },
  {
    name: "right: frozen values",
    code: `declare function collect(tag: string): string[];
const byTag = new Map<string, readonly string[]>();
export function pagesTagged(tag: string) {
  const hit = byTag.get(tag);
  if (hit) return hit;
  const list = Object.freeze(collect(tag));
  byTag.set(tag, list);
  return list;
}
export const reset = () => byTag.clear();`,
    expect: [],
  },
  {
    name: "right: a copy is handed out",
    code: `const configs = new Map<string, object>();
export function config(name: string, text: string) {
  if (!configs.has(name)) configs.set(name, JSON.parse(text));
  return structuredClone(configs.get(name)!);
}
export const reset = () => configs.clear();`,
    expect: [],
  },
];

const staticsAndLazy: Case[] = [
  {
    name: "wrong: a static cache field with get-or-compute in a static method",
    code: `export class Templates {
  static cache = new Map<string, string>();
  static compile(src: string) {
    const hit = this.cache.get(src);
    if (hit !== undefined) return hit;
    const out = src.trim();
    this.cache.set(src, out);
    return out;
  }
}`,
    expect: [{
      line: 2,
      binding: "Templates.cache",
      text: "cache",
      message: [
        "memo cache in a static class field (Map) used by `Templates.compile()`",
        "never bounded",
      ],
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "wrong: static #rendered keyed by class name",
    code: `export class Page {
  static #rendered = new Map<string, string>();
  static html(url: string) {
    if (!Page.#rendered.has(url)) Page.#rendered.set(url, "<p>" + url);
    return Page.#rendered.get(url)!;
  }
}`,
    expect: [{ line: 2, binding: "Page.#rendered" }],
  },
  {
    name: "wrong: a cache created lazily, then used as a memo",
    code: `let cache: Map<string, string> | undefined;
export function upper(s: string) {
  cache ??= new Map();
  const hit = cache.get(s);
  if (hit) return hit;
  const v = s.toUpperCase();
  cache.set(s, v);
  return v;
}`,
    expect: [{ line: 1, binding: "cache", message: ["never bounded"] }],
    others: ["1 no-module-mutable-state", "3 no-unguarded-singleton"],
  },
  {
    name: "right: a static cache cleared when a build starts",
    code: `export class Templates {
  static #cache = new Map<string, string>();
  static compile(src: string) {
    if (!this.#cache.has(src)) this.#cache.set(src, src.trim());
    return this.#cache.get(src)!;
  }
  static startBuild() { this.#cache.clear(); }
}`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "near-miss: a static registry written and read by different methods",
    code: `export class Filters {
  static #all = new Map<string, (s: string) => string>();
  static register(name: string, f: (s: string) => string) { this.#all.set(name, f); }
  static get(name: string) { return this.#all.get(name); }
}`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
];

const notMemos: Case[] = [
  {
    name: "near-miss: a group-by accumulator changes what it reads (a registry, not a memo)",
    code: `const byTitle = new Map<string, string[]>();
export function duplicates(title: string, url: string) {
  const urls = byTitle.get(title);
  if (urls) {
    urls.push(url);
    return [{ title, urls }];
  }
  byTitle.set(title, [url]);
  return [];
}
export const refresh = () => byTitle.clear();`,
    expect: [],
    others: ["1 no-module-mutable-state"],
  },
  {
    name: "near-miss: get-or-create then add, returning something else",
    code: `const deps = new Map<string, Set<string>>();
export function resolve(url: string, parent: string, next: (u: string) => string) {
  const set = deps.get(url) ?? new Set<string>();
  set.add(parent);
  deps.set(url, set);
  return next(url);
}`,
    expect: [],
    others: ["1 no-module-mutable-state"],
  },
  {
    name: "right: a path-keyed cache cleared by a build hook is not stale",
    code: `const html = new Map<string, string>();
export function onBuildStart() { html.clear(); }
export function readPage(path: string) {
  let text = html.get(path);
  if (text === undefined) { text = Deno.readTextFileSync(path); html.set(path, text); }
  return text;
}`,
    expect: [],
    others: ["1 no-module-mutable-state"],
  },
  {
    name: "wrong: clearing inside the memo function only bounds it; the path key stays stale",
    code: `const html = new Map<string, string>();
export function readPage(path: string) {
  if (html.size > 500) html.clear();
  let text = html.get(path);
  if (text === undefined) { text = Deno.readTextFileSync(path); html.set(path, text); }
  return text;
}`,
    expect: [{ line: 1, binding: "html", message: ["keyed by a path without the content"] }],
  },
  {
    name: "right: JSON.stringify of an array literal built in place has a fixed order",
    code: `const cache = new Map<string, string>();
export function content(name: string, asDataUrl: boolean) {
  const id = JSON.stringify([name, asDataUrl]);
  if (!cache.has(id)) cache.set(id, asDataUrl ? "data:" + name : name);
  return cache.get(id)!;
}
export const reset = () => cache.clear();`,
    expect: [],
  },
];

runCases("no-unsafe-memo", [
  ...identity,
  ...pathKeys,
  ...mutableValues,
  ...staticsAndLazy,
  ...notMemos,
]);
