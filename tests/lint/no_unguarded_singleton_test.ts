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
    pluginTotal: 1,
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
    pluginTotal: 1,
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
    pluginTotal: 1,
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
    name: "a reset function does not add a mutable-state finding",
    code: `let env: object | undefined;
export function getEnv() {
  env ??= {};
  return env;
}
export function reset() { env = undefined; }`,
    expect: [{ line: 3, binding: "env" }],
    pluginTotal: 1,
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
    pluginTotal: 2,
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
    name: "a once flag on a function property is not reported",
    code: `function emitWarning() {
  // @ts-ignore: expando
  if (!emitWarning.warned) emitWarning.warned = true;
}
emitWarning();`,
    expect: [],
    pluginTotal: 0,
  },
  {
    name: "storing the promise of an async factory synchronously",
    code: `async function open() { return {}; }
let dbPromise: Promise<object> | undefined;
export function getDb() {
  return dbPromise ??= open();
}`,
    expect: [],
    pluginTotal: 0,
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
    pluginTotal: 0,
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
    pluginTotal: 0,
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
    pluginTotal: 0,
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

Deno.test("no-unguarded-singleton: the race message is the only one marked as error", () => {
  const found = lint(`declare function open(): Promise<object>;
let a: object | undefined;
let b: object | undefined;
export async function f() {
  if (!a) a = await open();
  b ??= {};
}`);
  assert.deepEqual(
    found.map((f) => [f.rule, f.line, f.severity]),
    [["floe/no-unguarded-singleton", 5, "error"], [
      "floe/no-unguarded-singleton",
      6,
      "warning",
    ]],
  );
  assert.ok(found[0].message.startsWith("Race: "));
  assert.ok(!found[1].message.startsWith("Race: "));
});
