import assert from "node:assert/strict";
import { type Case, lint, runCases } from "./helpers.ts";

const wrong: Case[] = [
  {
    name: "if (!x) x = … (sync) is a warning at the assignment",
    code: `class Db {}
let db: Db | undefined;
export function getDb() {
  if (!db) db = new Db();
  return db;
}`,
    expect: [{
      line: 4,
      binding: "db",
      text: "db = new Db()",
      message: [
        "lazily initialised module binding in `getDb()`",
        "`if (!db) db = …`",
        "every worker creates its own",
      ],
      hint: "p ??= open()",
      fixed: null,
    }],
    // Independent rules: the `let` is module state as well, reported at its declaration.
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "if (x === undefined) { x = … }",
    code: `let env: Record<string, string> | undefined;
export function getEnv() {
  if (env === undefined) {
    env = { a: "b" };
  }
  return env;
}`,
    expect: [{ line: 4, binding: "env" }],
  },
  {
    name: "if (x == null) x = … and typeof x === 'undefined'",
    code: `let a: number[] | null = null;
let b: number[] | undefined;
export function f() {
  if (a == null) a = [];
  if (typeof b === "undefined") b = [];
  return [a, b];
}`,
    expect: [{ line: 4, binding: "a" }, { line: 5, binding: "b" }],
  },
  {
    name: "x ??= create() with a synchronous factory",
    code: `function create() { return { n: 1 }; }
let inst: { n: number } | undefined;
export const get = () => (inst ??= create());`,
    expect: [{ line: 3, binding: "inst", message: ["`inst ??= …`"] }],
  },
  {
    name: "x ||= []",
    code: `let list: string[] | undefined;
export function items() {
  list ||= [];
  return list;
}`,
    expect: [{ line: 3, binding: "list", message: ["`list ||= …`"] }],
  },
  {
    name: "return x ?? (x = make())",
    code: `let conf: object | undefined;
const make = () => ({});
export function config() {
  return conf ?? (conf = make());
}`,
    expect: [{ line: 4, binding: "conf", message: ["`conf ?? (conf = …)`"] }],
  },
  {
    name: "early return: if (x) return x; x = …",
    code: `let parser: object | undefined;
export function getParser() {
  if (parser) return parser;
  parser = {};
  return parser;
}`,
    expect: [{
      line: 4,
      binding: "parser",
      message: ["`if (parser) return …; parser = …`"],
    }],
  },
  {
    name: "if (!db) db = await open() is a race (error)",
    code: `declare function open(): Promise<object>;
let db: object | undefined;
export async function getDb() {
  if (!db) db = await open();
  return db;
}`,
    expect: [{
      line: 4,
      binding: "db",
      severity: "error",
      message: [
        "Race: `db` is checked and then assigned after an `await` in `getDb()`",
        "both create it",
      ],
      hint: "Store the promise synchronously",
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "x ??= await f() is a race",
    code: `declare function load(): Promise<string>;
let text: string | undefined;
export async function read() {
  text ??= await load();
  return text;
}`,
    expect: [{ line: 4, binding: "text", severity: "error" }],
  },
  {
    name: "await between the check and the assignment in a block",
    code: `declare function connect(): Promise<object>;
let conn: object | undefined;
export async function get() {
  if (!conn) {
    const c = await connect();
    conn = c;
  }
  return conn;
}`,
    expect: [{ line: 6, binding: "conn", severity: "error" }],
  },
  {
    name: "early return followed by an await then the assignment",
    code: `declare function load(): Promise<string[]>;
let cached: string[] | undefined;
export async function pages() {
  if (cached !== undefined) return cached;
  const value = await load();
  cached = value;
  return cached;
}`,
    expect: [{ line: 6, binding: "cached", severity: "error" }],
  },
  {
    name: "assignment before the await is a warning (not a race on the assignment)",
    code: `class Db { async init() {} }
let db: Db | undefined;
export async function getDb() {
  if (!db) {
    db = new Db();
    await db.init();
  }
  return db;
}`,
    expect: [{ line: 5, binding: "db", severity: "warning" }],
  },
  {
    name: "function-property singleton",
    code: `export function getRegistry(): Map<string, string> {
  if (!getRegistry.instance) getRegistry.instance = new Map();
  return getRegistry.instance;
}
getRegistry.instance = undefined as Map<string, string> | undefined;`,
    expect: [{
      line: 2,
      binding: "getRegistry.instance",
      message: ["function property"],
    }],
  },
  {
    name: "function-property singleton set after an await",
    code: `declare function load(): Promise<object>;
export async function getData(): Promise<object> {
  if (!getData.value) getData.value = await load();
  return getData.value;
}
getData.value = undefined as object | undefined;`,
    expect: [{ line: 3, binding: "getData.value", severity: "error" }],
  },
  {
    name: "static instance + getInstance()",
    code: `export class Logger {
  static instance?: Logger;
  static getInstance() {
    if (!this.instance) this.instance = new Logger();
    return this.instance;
  }
}`,
    expect: [{
      line: 4,
      binding: "Logger.instance",
      message: ["static instance in `Logger.getInstance()`"],
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "private static instance created after an await",
    code: `export class Pool {
  static #instance: Pool | undefined;
  static async create() { return new Pool(); }
  static async get() {
    if (Pool.#instance === undefined) Pool.#instance = await Pool.create();
    return Pool.#instance;
  }
}`,
    expect: [{ line: 5, binding: "Pool.#instance", severity: "error" }],
  },
  {
    name: "async arrow bound to a const",
    code: `declare function open(): Promise<object>;
let handle: object | undefined;
export const getHandle = async () => {
  if (!handle) handle = await open();
  return handle;
};`,
    expect: [{
      line: 4,
      binding: "handle",
      severity: "error",
      message: ["`getHandle()`"],
    }],
  },
  {
    name: "a reset function: the singleton finding stays, the let is module state too",
    code: `let env: object | undefined;
export function getEnv() {
  env ??= {};
  return env;
}
export function reset() { env = undefined; }`,
    expect: [{ line: 3, binding: "env" }],
    others: ["1 no-module-mutable-state"],
  },
  {
    name: "x ??= factory() whose factory is not known to be async",
    code: `import { create } from "./create.ts";
let instance: unknown;
export const get = () => instance ??= create();`,
    expect: [{ line: 3, binding: "instance", severity: "warning" }],
  },
  {
    name: "if (x) … else x = …",
    code: `let cache: string | undefined;
export function get() {
  if (cache) {
    return cache;
  } else {
    cache = ["v"].join("");
  }
  return cache;
}`,
    expect: [{
      line: 6,
      binding: "cache",
      message: ["`if (cache) … else cache = …`"],
    }],
  },
  {
    name: "two lazy writes of one binding are two findings",
    code: `let x: object | undefined;
export const a = () => x ??= {};
export const b = () => x ||= {};`,
    expect: [{ line: 2, binding: "x" }, { line: 3, binding: "x" }],
    others: ["1 no-module-mutable-state"],
  },
];

const right: Case[] = [
  {
    name: "an awaited lazy local is per call, not a race on module state",
    code: `declare function open(): Promise<object>;
export async function withConn<T>(use: (c: object) => T, given?: object) {
  let conn = given;
  if (!conn) conn = await open();
  return use(conn);
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a once flag is not a singleton (the let is mutable state)",
    code: `let warned = false;
export function warn(msg: string) {
  if (!warned) {
    warned = true;
    console.warn(msg);
  }
}`,
    expect: [],
    pluginTotal: 1,
  },
  {
    name:
      "a once flag on a function property is no singleton (the function object is module state)",
    code: `function emitWarning() {
  // @ts-ignore: expando
  if (!emitWarning.warned) emitWarning.warned = true;
}
emitWarning();`,
    expect: [],
    others: ["1 no-module-mutable-state"],
  },
  {
    name: "storing the promise of an async factory synchronously",
    code: `async function open() { return {}; }
let dbPromise: Promise<object> | undefined;
export function getDb() {
  return dbPromise ??= open();
}`,
    expect: [],
    // The recommended fix is still a module-level `let`: module state, not a singleton race.
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "promise from fetch, import() and .then()",
    code: `let a: Promise<Response> | undefined;
let b: Promise<unknown> | undefined;
let c: Promise<number> | undefined;
export const fa = () => a ??= fetch("https://example.com");
export const fb = () => b ??= import("./x.ts");
export const fc = () => c ??= Promise.resolve(1).then((n) => n + 1);`,
    expect: [],
    others: ["1 no-module-mutable-state", "2 no-module-mutable-state", "3 no-module-mutable-state"],
  },
  {
    name: "a Promise type annotation marks an imported factory's result",
    code: `import { openDb } from "./db.ts";
let ready: Promise<object> | undefined;
export function getDb() {
  if (!ready) ready = openDb();
  return ready;
}`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "an async IIFE stored synchronously",
    code: `let boot: Promise<void> | undefined;
export function start() {
  boot ??= (async () => {
    await Promise.resolve();
  })();
  return boot;
}`,
    expect: [],
    others: ["1 no-module-mutable-state"],
  },
  {
    name: "lazy assignment at module initialisation is not a singleton",
    code: `let x: number | undefined;
x ??= 1;
export const get = () => x;`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a local shadows the module binding",
    code: `let db: object | undefined = undefined;
export function f() {
  let db: object | undefined;
  if (!db) db = {};
  return db;
}`,
    expect: [],
  },
  {
    name: "a parameter shadows the module binding",
    code: `let db: object | undefined;
export function f(db?: object) {
  if (!db) db = {};
  return db;
}
export const g = () => db;`,
    expect: [],
  },
  {
    name: "a guard on another variable is not a lazy init (mutable state instead)",
    code: `let ready = false;
let db: object | undefined;
export function init() {
  if (!ready) db = {};
  ready = true;
  return db;
}`,
    expect: [],
    pluginTotal: 2,
  },
  {
    name: "eager const initialisation",
    code: `class Db {}
const db = new Db();
export const getDb = () => db;`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "lazy locals inside a function",
    code: `export function f(input?: string[]) {
  let list = input;
  list ??= [];
  if (!list.length) list = ["x"];
  return list;
}`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "a promise store plus another write is mutable state, not a singleton",
    code: `async function load() { return 1; }
let p: Promise<number> | undefined;
export const get = () => p ??= load();
export function set(v: Promise<number>) { p = v; }`,
    expect: [],
    pluginTotal: 1,
  },
  {
    name: "instance fields assigned lazily are per instance",
    code: `export class Page {
  html?: string;
  static count = 0 as const;
  render() {
    this.html ??= "<p>";
    if (!this.html) this.html = "x";
    return this.html;
  }
}`,
    expect: [],
  },
  {
    name: "Map get-or-create belongs to no-unsafe-memo",
    code: `const groups = new Map<string, string[]>();
export function group(k: string) {
  if (!groups.has(k)) groups.set(k, []);
  return groups.get(k);
}`,
    expect: [],
  },
];

runCases("no-unguarded-singleton", [...wrong, ...right]);

// -- patterns added by issue 10 ------------------------------------------------
// Each group: the wrong form(s), then the right form(s) and near-misses that
// must stay silent.

const moduleObjectProperty: Case[] = [
  {
    name: "wrong: a property of a module object set after an await",
    code: `declare function connect(): Promise<object>;
const state: { conn?: object } = {};
export async function db() {
  if (!state.conn) {
    const c = await connect();
    state.conn = c;
  }
  return state.conn;
}`,
    expect: [{
      line: 6,
      binding: "state.conn",
      severity: "error",
      text: "state.conn = c",
      message: [
        "checked and then assigned after an `await` in `db()`",
        "`if (!state.conn) state.conn = …`",
      ],
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "wrong: a nested property of a module object created lazily (sync)",
    code: `class Pool {}
const registry = { db: { pool: undefined as Pool | undefined } };
export function pool() {
  return registry.db.pool ??= new Pool();
}`,
    expect: [{
      line: 4,
      binding: "registry.db.pool",
      message: ["lazily initialised property of a module object", "`registry.db.pool ??= …`"],
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "wrong: early return on a property, then the assignment after an await",
    code: `declare function load(): Promise<string[]>;
const cache = { pages: null as string[] | null };
export async function pages() {
  if (cache.pages !== null) return cache.pages;
  const loaded = await load();
  cache.pages = loaded;
  return loaded;
}`,
    expect: [{ line: 6, binding: "cache.pages", severity: "error" }],
  },
  {
    name: "right: the promise is stored on the property synchronously",
    code: `async function connect() { return {}; }
const state: { conn?: Promise<object> } = {};
export function db() {
  return state.conn ??= connect();
}`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "near-miss: a computed key is a cache entry, not a singleton",
    code: `const state: Record<string, object> = {};
export function get(k: string) {
  return state[k] ??= {};
}
export const reset = () => { for (const k in state) delete state[k]; };`,
    expect: [],
  },
  {
    name: "near-miss: a per-call local object",
    code: `declare function connect(): Promise<object>;
export async function db() {
  const state: { conn?: object } = {};
  if (!state.conn) state.conn = await connect();
  return state.conn;
}`,
    expect: [],
    pluginTotal: 0,
  },
];

const flags: Case[] = [
  {
    name: "wrong: a module flag set after an await (if (!ready) { await init(); ready = true })",
    code: `declare function init(): Promise<void>;
let ready = false;
export async function render(s: string) {
  if (!ready) {
    await init();
    ready = true;
  }
  return s;
}`,
    expect: [{
      line: 6,
      binding: "ready",
      severity: "error",
      text: "ready = true",
      message: [
        "checked and then set after an `await` in `render()`",
        "both run the initialisation",
      ],
    }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "wrong: early-return flag after an await",
    code: `declare function mkdir(p: string): Promise<void>;
let made = false;
export async function write(p: string) {
  if (made) return;
  await mkdir(p);
  made = true;
}`,
    expect: [{ line: 6, binding: "made", severity: "error" }],
  },
  {
    name: "wrong: a flag guarding synchronous initialisation, set first",
    code: `declare function registerHelper(name: string): void;
let initialized = false;
export function setup() {
  if (initialized) return;
  initialized = true;
  registerHelper("upper");
}`,
    expect: [{
      line: 5,
      binding: "initialized",
      severity: "warning",
      message: ["a flag guarding initialisation", "`if (initialized) return …; initialized = …`"],
    }],
  },
  {
    name: "wrong: a flag on a module object set after an await",
    code: `declare function warm(): Promise<void>;
const state = { ready: false };
export async function ensure() {
  if (!state.ready) {
    await warm();
    state.ready = true;
  }
}`,
    expect: [{ line: 6, binding: "state.ready", severity: "error" }],
  },
  {
    name: "right: initialise eagerly, or keep the promise of the initialisation",
    code: `async function init() {}
let initPromise: Promise<void> | undefined;
export async function render(s: string) {
  await (initPromise ??= init());
  return s;
}`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "near-miss: a once flag guarding only a log line",
    code: `let warned = false;
export function legacy(x: string) {
  if (!warned) {
    warned = true;
    console.warn("legacy() is deprecated");
  }
  return x;
}`,
    expect: [],
    others: ["1 no-module-mutable-state"],
  },
];

const globals: Case[] = [
  {
    name: "wrong: if (!globalThis.__server) globalThis.__server = … in a function",
    code: `declare global { var __server: Deno.HttpServer | undefined; }
export function ensureServer() {
  if (!globalThis.__server) globalThis.__server = Deno.serve(() => new Response("ok"));
  return globalThis.__server;
}`,
    expect: [{
      line: 3,
      binding: "globalThis.__server",
      message: ["lazily initialised global (`globalThis`) property in `ensureServer()`"],
    }],
    others: ["3 no-module-mutable-state"],
  },
  {
    name: "wrong: globalThis.k ??= new Set() in a function",
    code: `declare global { var __seen: Set<string> | undefined; }
export function seen() {
  return globalThis.__seen ??= new Set<string>();
}`,
    expect: [{ line: 3, binding: "globalThis.__seen", message: ["`globalThis.__seen ??= …`"] }],
    others: ["3 no-module-mutable-state"],
  },
  {
    name: "wrong: a global set after an await is a race",
    code: `declare function open(): Promise<object>;
declare global { var __db: object | undefined; }
export async function db() {
  if (!globalThis.__db) globalThis.__db = await open();
  return globalThis.__db;
}`,
    expect: [{ line: 4, binding: "globalThis.__db", severity: "error" }],
  },
  {
    name: "wrong: through a typed alias of globalThis and a Symbol key",
    code: `declare function read(): object;
const KEY = Symbol.for("my-site.manifest");
export function manifest() {
  const store = globalThis as unknown as Record<symbol, object | undefined>;
  return store[KEY] ??= read();
}`,
    expect: [{ line: 5, binding: "globalThis[KEY]", text: "store[KEY] ??= read()" }],
    others: ["5 no-module-mutable-state"],
  },
  {
    name: "right: the promise of the global resource is stored synchronously",
    code: `async function open() { return {}; }
declare global { var __db: Promise<object> | undefined; }
export function db() {
  return globalThis.__db ??= open();
}`,
    expect: [],
    others: ["4 no-module-mutable-state"],
  },
  {
    name: "near-miss: globalThis.k ??= … during module initialisation is state, not lazy",
    code: `declare global { var __links: Set<string> | undefined; }
globalThis.__links ??= new Set<string>();
export const links = () => [...globalThis.__links!];`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
];

const statics: Case[] = [
  {
    name: "wrong: static #instance ??= in a static method",
    code: `export class Processor {
  static #instance: Processor | undefined;
  static get() {
    return Processor.#instance ??= new Processor();
  }
}`,
    expect: [{ line: 4, binding: "Processor.#instance", message: ["`Processor.#instance ??= …`"] }],
    others: ["2 no-module-mutable-state"],
  },
  {
    name: "right: a static promise stored synchronously",
    code: `export class Highlighter {
  static #ready: Promise<Highlighter> | undefined;
  static async create() { return new Highlighter(); }
  static get() {
    return this.#ready ??= Highlighter.create();
  }
}`,
    expect: [],
    others: ["2 no-module-mutable-state"],
  },
];

runCases("no-unguarded-singleton", [...moduleObjectProperty, ...flags, ...globals, ...statics]);

Deno.test("no-unguarded-singleton: the race message is the only one marked as error", () => {
  const found = lint(`declare function open(): Promise<object>;
let a: object | undefined;
let b: object | undefined;
export async function f() {
  if (!a) a = await open();
  b ??= {};
}`);
  assert.deepEqual(
    found.filter((f) => f.rule === "floe/no-unguarded-singleton").map((
      f,
    ) => [f.rule, f.line, f.severity]),
    [["floe/no-unguarded-singleton", 5, "error"], [
      "floe/no-unguarded-singleton",
      6,
      "warning",
    ]],
  );
  const singletons = found.filter((f) => f.rule === "floe/no-unguarded-singleton");
  assert.ok(singletons[0].message.startsWith("Race: "));
  assert.ok(!singletons[1].message.startsWith("Race: "));
  assert.ok(
    found.every((f) => f.rule === "floe/no-unguarded-singleton" || !f.message.startsWith("Race: ")),
  );
});
