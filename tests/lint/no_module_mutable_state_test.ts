import { type Case, runCases } from "./helpers.ts";

const wrong: Case[] = [
  {
    name: "let counter reassigned in a function",
    code: `let count = 0;
export function bump() {
  count++;
  return count;
}`,
    expect: [{
      line: 1,
      binding: "count",
      text: "count",
      message: [
        "module-level `let` reassigned in `bump()`",
        "per worker",
        "lives as long as the worker",
        "every build of the session",
      ],
      hint: "per build",
      fixed: null,
    }],
  },
  {
    name: "let never reassigned is autofixed to const",
    code: `let greeting = "hi";
export const greet = () => greeting;`,
    expect: [{
      line: 1,
      binding: "greeting",
      message: ["never reassigned"],
      hint: "autofix",
      fixed: `const greeting = "hi";
export const greet = () => greeting;`,
    }],
  },
  {
    name: "var reassigned in two functions",
    code: `var last = "";
export function a(x: string) { last = x; }
export function b() { last = ""; }`,
    expect: [{
      line: 1,
      binding: "last",
      message: ["`var` reassigned in `a()` and 1 other function"],
    }],
  },
  {
    name: "export let reassigned mentions the live binding",
    code: `export let mode = "dev";
export function setMode(m: string) { mode = m; }`,
    expect: [{
      line: 1,
      binding: "mode",
      message: ["live binding"],
      fixed: null,
    }],
  },
  {
    name: "export let never reassigned gets the const fix",
    code: `export let VERSION = "1.0";`,
    expect: [{
      line: 1,
      binding: "VERSION",
      fixed: `export const VERSION = "1.0";`,
    }],
  },
  {
    name: "only the first declarator of a shared let carries the fix",
    code: `let a = 1, b = 2;
export const sum = () => a + b;`,
    expect: [
      {
        line: 1,
        binding: "a",
        fixed: `const a = 1, b = 2;
export const sum = () => a + b;`,
      },
      { line: 1, binding: "b", fixed: null },
    ],
  },
  {
    name: "no const fix when one declarator of the declaration is reassigned",
    code: `let a = 1, b = 2;
export function f() { b = 3; return a; }`,
    expect: [
      { line: 1, binding: "a", fixed: null },
      { line: 1, binding: "b", message: ["reassigned in `f()`"] },
    ],
  },
  {
    name: "Map registry filled by a function",
    code: `const registry = new Map<string, () => void>();

export function register(name: string, fn: () => void) {
  registry.set(name, fn);
}`,
    expect: [{
      line: 1,
      binding: "registry",
      message: [
        "Map mutated in `register()` (`.set()`)",
        "registry filled on the main thread is empty in the workers",
      ],
    }],
  },
  {
    name: "array pushed inside an arrow function",
    code: `const seen: string[] = [];
export const track = (id: string) => {
  seen.push(id);
};`,
    expect: [{
      line: 1,
      binding: "seen",
      message: ["array mutated in `track()` (`.push()`)"],
    }],
  },
  {
    name: "object property written in a function",
    code: `const state = { n: 0 };
export function inc() {
  state.n += 1;
}`,
    expect: [{
      line: 1,
      binding: "state",
      message: ["object mutated in `inc()` (a property write)"],
    }],
  },
  {
    name: "delete on a module object in a function",
    code: `const flags: Record<string, boolean> = { a: true };
export function clear(k: string) {
  delete flags[k];
}`,
    expect: [{ line: 1, binding: "flags", message: ["`delete`"] }],
  },
  {
    name: "Object.assign on a module object in a function",
    code: `const config = { debug: false };
export function configure(patch: object) {
  Object.assign(config, patch);
}`,
    expect: [{ line: 1, binding: "config", message: ["`Object.assign`"] }],
  },
  {
    name: "mutation through a local alias",
    code: `const seen = new Set<string>();
export function visit(id: string) {
  const s = seen;
  s.add(id);
}`,
    expect: [{
      line: 1,
      binding: "seen",
      message: ["Set mutated in `visit()` (`.add()`)"],
    }],
  },
  {
    name: "mutation through a destructured alias of a nested value",
    code: `const state = { items: [] as string[] };
export function add(x: string) {
  const { items } = state;
  items.push(x);
}`,
    expect: [{ line: 1, binding: "state", message: ["mutated in `add()`"] }],
  },
  {
    name: "mutation through a module-level alias is reported once, at the target",
    code: `const registry = new Map<string, number>();
const alias = registry;
export function put(k: string) {
  alias.set(k, 1);
}`,
    expect: [{ line: 1, binding: "registry", message: ["`.set()`"] }],
  },
  {
    name: "nested value of a frozen object mutated (freeze is shallow)",
    code: `const SETTINGS = Object.freeze({ plugins: [] as string[] });
export function use(p: string) {
  SETTINGS.plugins.push(p);
}`,
    expect: [{
      line: 1,
      binding: "SETTINGS",
      message: ["`Object.freeze` is shallow"],
    }],
  },
  {
    name: "exported array that is not frozen",
    code: `export const DEFAULT_TAGS = ["a", "b"];`,
    expect: [{
      line: 1,
      binding: "DEFAULT_TAGS",
      message: ["exported mutable array that is not frozen"],
      hint: "Object.freeze",
    }],
  },
  {
    name: "Map exported through an export list",
    code: `const handlers = new Map<string, string>();
handlers.set("a", "b");
export { handlers as default, handlers };`,
    expect: [{
      line: 1,
      binding: "handlers",
      message: ["exported mutable Map"],
      hint: "factory",
    }],
  },
  {
    name: "object exported as default by name",
    code: `const options = { minify: true };
export default options;`,
    expect: [{
      line: 1,
      binding: "options",
      message: ["exported mutable object"],
    }],
  },
  {
    name: "class instance mutated in a function",
    code: `class Registry { items: string[] = []; add(x: string) { this.items.push(x); } }
const plugins = new Registry();
export function install(name: string) {
  plugins.add(name);
}`,
    expect: [{
      line: 2,
      binding: "plugins",
      message: ["class instance mutated in `install()`"],
    }],
  },
  {
    name: "mutable static field gets the readonly fix in TypeScript",
    code: `export class Counter {
  static count = 0;
  static readonly step = 1;
}`,
    expect: [{
      line: 2,
      binding: "Counter.count",
      message: ["mutable static class field"],
      fixed: `export class Counter {
  static readonly count = 0;
  static readonly step = 1;
}`,
    }],
  },
  {
    name: "a static field written in JavaScript (no readonly fix there)",
    filename: "mod.js",
    code: `export class Counter {
  static count = 0;
  static bump() { return ++Counter.count; }
}`,
    expect: [{ line: 2, binding: "Counter.count", message: ["reassigned"], fixed: null }],
  },
  {
    name: "static readonly Map mutated in a static method",
    code: `export class Cache {
  static readonly entries = new Map<string, string>();
  static remember(k: string) {
    Cache.entries.set(k, k);
  }
}`,
    expect: [{
      line: 2,
      binding: "Cache.entries",
      message: ["mutated in `Cache.remember()`"],
      fixed: null,
    }],
  },
  {
    name: "static field written through this in a static method",
    code: `export class Ids {
  static next = 0;
  static take() { return this.next++; }
}`,
    expect: [{
      line: 2,
      binding: "Ids.next",
      message: ["reassigned"],
      fixed: null,
    }],
  },
  {
    name: "a static once flag is mutable state, not a singleton",
    code: `export class Deprecations {
  static warned = false;
  static warn() {
    if (!this.warned) this.warned = true;
  }
}`,
    expect: [{ line: 2, binding: "Deprecations.warned", message: ["reassigned"], fixed: null }],
    pluginTotal: 1,
  },
  {
    name: "write to globalThis in a function is reported at the write",
    code: `export function publish(v: unknown) {
  globalThis.floeState = v;
}`,
    expect: [{
      line: 2,
      binding: "globalThis.floeState",
      text: "globalThis.floeState = v",
      message: ["in `publish()`"],
    }],
  },
  {
    name: "Object.assign(globalThis) at module initialisation",
    code: `Object.assign(globalThis, { helper: 1 });`,
    expect: [{
      line: 1,
      binding: "globalThis",
      message: ["module initialisation"],
    }],
  },
  {
    name: "function declaration reassigned",
    code: `export function render() { return ""; }
export function patch() {
  // @ts-ignore: deliberately bad
  render = () => "x";
}`,
    expect: [{
      line: 1,
      binding: "render",
      message: ["module-level function that is reassigned in `patch()`"],
    }],
  },
  {
    name: "let container never reassigned but mutated: const fix and the mutation",
    code: `let queue: string[] = [];
export function enqueue(x: string) { queue.push(x); }`,
    expect: [{
      line: 1,
      binding: "queue",
      message: ["never reassigned", "mutated in `enqueue()`"],
      fixed: `const queue: string[] = [];
export function enqueue(x: string) { queue.push(x); }`,
    }],
  },
  {
    name: "callback that runs later (not an init-time array method)",
    code: `const events: string[] = [];
setTimeout(() => events.push("tick"), 10);`,
    expect: [{ line: 1, binding: "events", message: ["`.push()`"] }],
  },
];

const right: Case[] = [
  {
    name: "state in a closure created per call",
    code: `export function makeCounter() {
  let n = 0;
  const seen = new Set<number>();
  return () => { seen.add(n); return n++; };
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "ambient declarations and .d.ts files have no run-time state",
    code: `declare let injected: string[];
declare var process: { env: Record<string, string> };
export const first = () => injected[0] ?? process.env.X;`,
    expect: [],
  },
  {
    name: "a .d.ts file is skipped",
    filename: "types.d.ts",
    code: `export let SCHEMA: object;
export const LIST: string[];`,
    expect: [],
  },
  {
    name: "const primitives, regexes, functions and classes",
    code: `const LIMIT = 10;
const NAME = \`floe-\${LIMIT}\`;
const RE = /a+/g;
function helper() { return RE.test("a") ? NAME : ""; }
class Plain { method() { return helper(); } }
export { helper, LIMIT, Plain };`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "frozen and as-const exports that are never mutated",
    code: `export const A = Object.freeze({ a: 1 });
export const B = ["x", "y"] as const;
const C = [1, 2];
Object.freeze(C);
export { C };`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a parameter shadows the module binding",
    code: `const cache = new Map<string, number>();
export function fill(cache: Map<string, number>) {
  cache.set("a", 1);
}
export const read = () => cache.get("a");`,
    expect: [],
  },
  {
    name: "a destructured parameter shadows the module binding",
    code: `const registry = new Map<string, number>();
export function fill({ registry }: { registry: Map<string, number> }) {
  registry.set("a", 1);
}
export const size = () => registry.size;`,
    expect: [],
  },
  {
    name: "a block-scoped local shadows the module binding",
    code: `const items: string[] = [];
export function build() {
  if (items.length === 0) {
    const items: string[] = [];
    items.push("x");
    return items;
  }
  return items;
}`,
    expect: [],
  },
  {
    name: "a var in a function, a catch parameter and a loop variable shadow module names",
    code: `let count = 0;
const list: number[] = [];
export function f(rows: number[][]) {
  var count = 0;
  count++;
  try { JSON.parse("x"); } catch (list) { (list as number[]).push(1); }
  for (const list of rows) list.push(count);
}
export const g = () => list.length;
count = 1;`,
    expect: [],
  },
  {
    name: "nested closures with their own parameters",
    code: `const seen = new Set<string>();
export function outer() {
  return (seen: Set<string>) => {
    const inner = (seen: string[]) => seen.push("a");
    seen.add("b");
    return inner;
  };
}
export const has = (x: string) => seen.has(x);`,
    expect: [],
  },
  {
    name: "mutations during module initialisation only",
    code: `const table = new Map<string, number>();
table.set("a", 1);
const ESCAPED: number[] = [];
"abc".split("").forEach((ch) => { ESCAPED[ch.charCodeAt(0)] = 1; });
(() => { table.set("b", 2); })();
for (let i = 0; i < 3; i++) ESCAPED.push(i);
export const lookup = (k: string) => table.get(k) ?? ESCAPED[0];`,
    expect: [],
  },
  {
    name: "a let assigned only during initialisation",
    code: `let mode: string;
if (Deno.env.get("CI")) mode = "ci";
else mode = "local";
export const getMode = () => mode;`,
    expect: [],
  },
  {
    name: "per-call instances and locals",
    code: `export function collect(xs: string[]) {
  const out: string[] = [];
  const index = new Map<string, number>();
  let total = 0;
  for (const x of xs) { out.push(x); index.set(x, total++); }
  return { out, index };
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "types, interfaces and declarations",
    code: `export type Page = { title: string };
export interface Site { pages: Page[] }
declare const injected: string[];
export enum Kind { A, B }
export const kinds = (): Kind[] => [Kind.A];`,
    expect: [],
  },
  {
    name: "module object only read in functions",
    code: `const ENTITIES: Record<string, string> = { amp: "&", lt: "<" };
export function decode(name: string) {
  return ENTITIES[name] ?? name;
}`,
    expect: [],
  },
  {
    name: "static readonly and static methods",
    code: `export class Paths {
  static readonly ROOT = "/";
  static readonly PARTS = Object.freeze(["a"]);
  static create = () => new Paths();
  static join(a: string) { return Paths.ROOT + a; }
}`,
    expect: [],
  },
  {
    name: "worker event handlers on globalThis are allowed",
    code: `globalThis.onmessage = (e: MessageEvent) => {
  postMessage(e.data);
};`,
    expect: [],
  },
  {
    name: "stateless class instances may be exported",
    code: `export const encoder = new TextEncoder();
export const fmt = new Intl.NumberFormat("en");
export const ready = new Promise<void>((r) => r());`,
    expect: [],
  },
  {
    name: "a named function expression's own name shadows",
    code: `let walk = 0;
export const visit = function walk(n: number): number {
  return n > 0 ? walk(n - 1) : 0;
};
export const w = () => walk;`,
    expect: [{ line: 1, binding: "walk", message: ["never reassigned"] }],
  },
  {
    name: "class instance fields are per instance",
    code: `export class Renderer {
  cache = new Map<string, string>();
  count = 0;
  render(k: string) { this.count++; this.cache.set(k, k); }
}`,
    expect: [],
  },
];

runCases("no-module-mutable-state", [...wrong, ...right]);

// -- independence and the patterns added by issue 10 ---------------------------

const independent: Case[] = [
  {
    name: "a lazily initialised singleton is module state too (two findings, two places)",
    code: `let db: object | undefined;
export function getDb() {
  if (!db) db = {};
  return db;
}`,
    expect: [{ line: 1, binding: "db", message: ["reassigned in `getDb()`"] }],
    others: ["3 no-unguarded-singleton"],
  },
  {
    name: "a memo cache is module state too",
    code: `const cache = new Map<string, string>();
export function slug(s: string) {
  let v = cache.get(s);
  if (v === undefined) { v = s.toLowerCase(); cache.set(s, v); }
  return v;
}`,
    expect: [{ line: 1, binding: "cache", message: ["Map mutated in `slug()` (`.set()`)"] }],
    others: ["1 no-unsafe-memo"],
  },
  {
    name: "a memo cache with a clear() is still module state (the memo rule is satisfied)",
    code: `const cache = new Map<string, string>();
export function slug(s: string) {
  if (!cache.has(s)) cache.set(s, s.toLowerCase());
  return cache.get(s)!;
}
export const clearSlugs = () => cache.clear();`,
    expect: [{ line: 1, binding: "cache" }],
    others: [],
  },
];

const globals: Case[] = [
  {
    name: "wrong: globalThis.k ??= new Set() at module initialisation, reported at the write",
    code: `declare global { var __seen: Set<string> | undefined; }
globalThis.__seen ??= new Set<string>();
export function see(id: string) {
  globalThis.__seen!.add(id);
}`,
    expect: [{
      line: 2,
      binding: "globalThis.__seen",
      text: "globalThis.__seen ??= new Set<string>()",
      message: [
        "written with `??=`",
        "module initialisation",
        "shared by every module of the worker",
      ],
    }],
    others: [],
  },
  {
    name: "wrong: a global counter across rebuilds (JavaScript)",
    filename: "mod.js",
    code: `export function onBuild() {
  globalThis.__builds = (globalThis.__builds ?? 0) + 1;
  return globalThis.__builds;
}`,
    expect: [{ line: 2, binding: "globalThis.__builds", message: ["in `onBuild()`"] }],
  },
  {
    name: "wrong: a global only mutated here (set up by another module)",
    code: `export function track(url: string) {
  (globalThis as unknown as { __visited: string[] }).__visited.push(url);
}`,
    expect: [{ line: 2, binding: "globalThis.__visited", message: ["`.push()`"] }],
  },
  {
    name: "wrong: a typed alias of globalThis is reported as the global, once",
    code: `const g = globalThis as typeof globalThis & { __clients?: Set<WebSocket> };
g.__clients ??= new Set<WebSocket>();
export function add(ws: WebSocket) {
  g.__clients!.add(ws);
}`,
    expect: [{ line: 2, binding: "globalThis.__clients" }],
  },
  {
    name: "wrong: self.k in a worker is the global object too",
    code: `export function remember(v: unknown) {
  (self as unknown as Record<string, unknown>).last = v;
}`,
    expect: [{ line: 2, binding: "self.last" }],
  },
  {
    name: "right: pass the value in instead of publishing it on globalThis",
    code: `export interface DevState { readonly clients: Set<WebSocket> }
export function createDevState(): DevState {
  return { clients: new Set() };
}
export function add(state: DevState, ws: WebSocket) {
  state.clients.add(ws);
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "near-miss: reading globals is not state",
    code: `export const isDeno = () => typeof globalThis.Deno !== "undefined";
export const version = () => globalThis.Deno?.version.deno ?? "";`,
    expect: [],
    pluginTotal: 0,
  },
];

const staticsAndClasses: Case[] = [
  {
    name: "wrong: static cache = new Map() mutated in a static method through this",
    code: `export class Templates {
  static cache = new Map<string, string>();
  static compile(src: string) {
    if (!this.cache.has(src)) this.cache.set(src, src.trim());
    return this.cache.get(src)!;
  }
}`,
    expect: [{
      line: 2,
      binding: "Templates.cache",
      message: ["mutated in `Templates.compile()`"],
      fixed: null,
    }],
    others: ["2 no-unsafe-memo"],
  },
  {
    name: "wrong: static #rendered registry",
    code: `export class Renderer {
  static #rendered = new Set<string>();
  static render(url: string) {
    Renderer.#rendered.add(url);
    return url;
  }
}`,
    expect: [{ line: 2, binding: "Renderer.#rendered" }],
  },
  {
    name: "wrong: a module-class instance mutated through a method that changes this",
    code: `class Registry {
  #items: string[] = [];
  register(x: string) { this.#items.push(x); }
  list() { return [...this.#items]; }
}
const plugins = new Registry();
export function install(name: string) {
  plugins.register(name);
}
export const installed = () => plugins.list();`,
    expect: [{
      line: 6,
      binding: "plugins",
      message: ["class instance mutated in `install()` (`.register()`)"],
    }],
  },
  {
    name: "wrong: a destructured let reassigned in a function: one finding per binding",
    code: `const DEFAULTS = Object.freeze({ lang: "en", dir: "ltr" });
let { lang, dir } = DEFAULTS;
export function use(l: { lang: string; dir: string }) {
  ({ lang, dir } = l);
}
export const attrs = () => lang + dir;`,
    expect: [
      { line: 2, binding: "lang", message: ["reassigned in `use()`"] },
      { line: 2, binding: "dir", message: ["reassigned in `use()`"] },
    ],
  },
  {
    name: "wrong: properties of a function object used as state",
    code: `export function nextId() {
  // @ts-ignore: expando
  nextId.count = (nextId.count ?? 0) + 1;
  // @ts-ignore: expando
  return nextId.count;
}`,
    expect: [{
      line: 1,
      binding: "nextId",
      message: ["function whose properties are mutated in `nextId()`"],
    }],
  },
  {
    name: "right: state in an instance created per build",
    code: `export class Templates {
  readonly cache = new Map<string, string>();
  compile(src: string) {
    if (!this.cache.has(src)) this.cache.set(src, src.trim());
    return this.cache.get(src)!;
  }
}
export const createTemplates = () => new Templates();`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "near-miss: static fields holding classes and functions (a namespace)",
    code: `class Token {}
function parse() { return new Token(); }
export class Md {
  static Token = Token;
  static parse = parse;
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name:
      "near-miss: a never-written primitive static field in JavaScript is a constant (no `readonly` there)",
    filename: "mod.js",
    code: `export class Icon {
  static size = 24;
  static svg = \`<svg width="24"></svg>\`;
  static html() { return Icon.svg; }
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "near-miss: a module-class instance whose methods do not change it",
    code: `class Formatter {
  constructor(private readonly locale: string) {}
  format(d: Date) { return d.toLocaleDateString(this.locale); }
}
const fmt = new Formatter("en");
export const date = (d: Date) => fmt.format(d);`,
    expect: [],
    pluginTotal: 0,
  },
];

const nearMisses: Case[] = [
  {
    name: "near-miss: a deep-frozen table and an as-const list",
    code: `const MIME = Object.freeze({ html: "text/html", css: "text/css" });
export const LANGS = ["en", "fr"] as const;
export const mime = (ext: string) => (MIME as Record<string, string>)[ext] ?? "application/octet-stream";`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "near-miss: a cache created per build and passed in",
    code: `export interface BuildCache { readonly html: Map<string, string> }
export const createBuildCache = (): BuildCache => ({ html: new Map() });
export function render(cache: BuildCache, key: string) {
  let html = cache.html.get(key);
  if (html === undefined) { html = key.toUpperCase(); cache.html.set(key, html); }
  return html;
}`,
    expect: [],
    pluginTotal: 0,
  },
];

runCases("no-module-mutable-state", [
  ...independent,
  ...globals,
  ...staticsAndClasses,
  ...nearMisses,
]);
