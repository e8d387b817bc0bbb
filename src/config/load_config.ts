/**
 * Config stage: defaults < `floe.config.ts` < CLI flags, validated and frozen.
 *
 * @module
 */
import { baseUrlProblem } from "./base_url.ts";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BuildError, type Diagnostic, error, lineColumnAt } from "../errors/diagnostic.ts";
import { describeIoError, ioErrorCode, ioErrorHint } from "../errors/io_error.ts";
import { deepFreeze, type DeepReadonly } from "../base/deep_freeze.ts";
import { suggest } from "../errors/suggest.ts";
import { DEFAULT_CONFIG, type Filter, type FloeConfig, type UserConfig } from "./config.ts";
import { importConfigModule, type ModuleGraph, moduleGraph } from "./modules.ts";
import type { Plugin } from "./plugin.ts";

/** Names of the config files floe looks for, in order. */
export const CONFIG_FILES: readonly string[] = Object.freeze([
  "floe.config.ts",
  "floe.config.js",
  "floe.config.mjs",
]);

/**
 * A validated configuration with absolute folders. It holds only cloneable data, so
 * it can be posted to workers; filters stay in the config module, which each render
 * worker imports itself.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "./load_config.ts";
 * const { config } = await resolveConfig({ root: "site" });
 * console.log(config.dirs.output);
 * ```
 */
export interface ResolvedConfig extends Omit<FloeConfig, "filters" | "plugins"> {
  /** Absolute path of the site folder. */
  readonly root: string;
  /** Absolute path of the config file, if there is one. */
  readonly configFile: string | null;
  /**
   * The URL the config module was imported from, versioned by the file's contents
   * so a long-lived process (dev server, tests) sees edits. Render workers import
   * this same URL for the user's filters.
   */
  readonly configModule: string | null;
  /**
   * Hash of the config file and the local modules it imports: code whose edit
   * may change any output (a filter, a plugin).
   */
  readonly configGraph: string | null;
  /** Absolute folders. */
  readonly dirs: {
    readonly content: string;
    readonly layouts: string;
    readonly static: string;
    readonly data: string;
    readonly output: string;
  };
  /** Names of the user's filters (the functions themselves stay in the config module). */
  readonly filterNames: readonly string[];
  /** How many plugins the config lists (they stay in the config module). */
  readonly pluginCount: number;
}

/**
 * What {@link resolveConfig} needs: the site folder, optionally a config file and
 * overrides from the CLI or the programmatic API.
 *
 * @example
 * ```ts
 * import type { ConfigInput } from "./load_config.ts";
 * const input: ConfigInput = { root: ".", overrides: { drafts: true } };
 * ```
 */
export interface ConfigInput {
  readonly root: string;
  /** Path of a config file; by default `floe.config.ts` in the site folder, if present. */
  readonly configFile?: string;
  /** Highest-precedence settings (CLI flags). */
  readonly overrides?: UserConfig;
}

/**
 * Loads, merges and validates the configuration. Throws a {@link BuildError} listing
 * every problem.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "./load_config.ts";
 * const { config, filters } = await resolveConfig({ root: "site", overrides: { drafts: true } });
 * ```
 */
export async function resolveConfig(
  input: ConfigInput,
): Promise<
  {
    config: DeepReadonly<ResolvedConfig>;
    filters: Readonly<Record<string, Filter>>;
    /** The config's own plugins (floe's defaults are added by the post stage). */
    plugins: readonly Plugin[];
  }
> {
  const root = resolve(input.root);
  const configFile = input.configFile !== undefined
    ? resolve(input.configFile)
    : CONFIG_FILES.map((f) => resolve(root, f)).find((f) => existsSync(f)) ??
      null;
  const source = configFile ? readConfigFile(configFile, root, input.configFile) : null;
  const configModule = configFile && source ? versionedUrl(configFile, source) : null;
  const graph = configFile && configModule ? moduleGraph(configFile) : null;
  const user = configFile && configModule && graph
    ? await importConfig(configFile, configModule, root, graph)
    : {};
  for (const key of ["filters", "plugins"] as const) {
    if (!input.overrides?.[key]) continue;
    throw new BuildError([
      error("config", `${key} cannot be passed as build options`, {
        hint:
          `define them in floe.config.ts: workers import that file, and functions cannot be sent to them`,
      }),
    ]);
  }
  const overrides = input.overrides ?? {};
  const configName = configFile ? displayName(configFile, root) : "config";
  const text = source ? new TextDecoder().decode(source) : "";
  const diagnostics = [
    ...validate(user, configName, (key) => locateKey(text, key)),
    ...validate(overrides, "options"),
  ];
  if (diagnostics.length) throw new BuildError(diagnostics);

  const merged: FloeConfig = {
    ...DEFAULT_CONFIG,
    ...user,
    ...overrides,
    markdown: {
      ...DEFAULT_CONFIG.markdown,
      ...user.markdown,
      ...overrides.markdown,
    },
    urls: { ...DEFAULT_CONFIG.urls, ...user.urls, ...overrides.urls },
    ignore: [...DEFAULT_CONFIG.ignore, ...user.ignore ?? [], ...overrides.ignore ?? []],
    params: { ...DEFAULT_CONFIG.params, ...user.params, ...overrides.params },
    filters: {
      ...DEFAULT_CONFIG.filters,
      ...user.filters,
      ...overrides.filters,
    },
  };
  const languages = grammarModules(merged.markdown.languages ?? {}, root, configName);
  const { filters, plugins, ...data } = {
    ...merged,
    markdown: { ...merged.markdown, languages },
  };
  const dirs = {
    content: resolve(root, merged.contentDir),
    layouts: resolve(root, merged.layoutsDir),
    static: resolve(root, merged.staticDir),
    data: resolve(root, merged.dataDir),
    output: resolve(root, merged.outputDir),
  };
  const config: ResolvedConfig = {
    ...data,
    baseURL: merged.baseURL.endsWith("/") ? merged.baseURL : `${merged.baseURL}/`,
    root,
    configFile,
    configModule,
    configGraph: graph?.hash ?? null,
    dirs,
    filterNames: Object.keys(filters).sort(),
    pluginCount: plugins.length,
  };
  checkFolders(config);
  return { config: deepFreeze(config), filters, plugins };
}

/** The config file's path as diagnostics name it: relative to the site folder. */
function displayName(file: string, root: string): string {
  return (relative(root, file) || file).replaceAll("\\", "/");
}

/**
 * The config file's bytes. Only the default config file may be absent (it is then
 * not looked for); a file that is given or found but is missing, is a folder or
 * cannot be read is an error naming its path.
 */
function readConfigFile(file: string, root: string, given: string | undefined): Uint8Array {
  const shown = given === undefined
    ? displayName(file, root)
    : given === file || given === ""
    ? JSON.stringify(given)
    : `${JSON.stringify(given)} (${file})`;
  const fail = (message: string, hint: string): never => {
    throw new BuildError([error("config", message, { hint })]);
  };
  const fallback = CONFIG_FILES.map((f) => resolve(root, f)).find((f) =>
    f !== file && statSync(f, { throwIfNoEntry: false })?.isFile() === true
  );
  const useDefault = fallback
    ? `; without --config, floe uses ${displayName(fallback, root)} in the site folder`
    : "";
  if (given === "") {
    fail("the config file given is an empty path", `give the path of a config file${useDefault}`);
  }
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    if (ioErrorCode(e) === "ENOENT") {
      fail(
        `config file ${shown} does not exist`,
        `check the path given to --config (relative to the current folder)${useDefault}`,
      );
    }
    fail(
      `could not read config file ${shown}: ${describeIoError(e)}`,
      ioErrorHint(e) ?? "check the file's permissions",
    );
  }
  if (stat!.isDirectory()) {
    const inside = CONFIG_FILES.map((f) => join(file, f)).find((f) => existsSync(f));
    fail(
      `config file ${shown} is a folder, not a file`,
      inside
        ? `give the config file in it: --config ${
          given === undefined ? inside : join(given, basename(inside))
        }`
        : `give the path of a config file, like ${join(given ?? ".", CONFIG_FILES[0])}`,
    );
  }
  if (!stat!.isFile()) {
    fail(
      `config file ${shown} is not a regular file`,
      `give the path of a TypeScript or JavaScript module, like ${CONFIG_FILES[0]}`,
    );
  }
  try {
    return readFileSync(file);
  } catch (e) {
    return fail(
      `could not read config file ${shown}: ${describeIoError(e)}`,
      ioErrorHint(e) ?? "check the file's permissions",
    );
  }
}

/**
 * Grammar modules named by path become versioned `file:` URLs: workers import them
 * wherever they run, and an edited grammar is a new module (and new parse options).
 */
function grammarModules(
  languages: Readonly<Record<string, string>>,
  root: string,
  configName: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, target] of Object.entries(languages)) {
    if (!/^\.{0,2}\//.test(target)) {
      out[name] = target;
      continue;
    }
    const file = resolve(root, target);
    try {
      out[name] = versionedUrl(file, readFileSync(file));
    } catch (e) {
      throw new BuildError([
        error("config", `grammar for "${name}" cannot be read: ${describeIoError(e)}`, {
          file: configName,
          hint: `the path ${JSON.stringify(target)} is relative to the site folder`,
        }),
      ]);
    }
  }
  return out;
}

/** `file:` URL with `?v=<content hash>`: a changed file is a new module. */
function versionedUrl(file: string, source: Uint8Array): string {
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  return `${pathToFileURL(file).href}?v=${hash}`;
}

async function importConfig(
  file: string,
  url: string,
  root: string,
  graph: ModuleGraph,
): Promise<UserConfig> {
  const name = displayName(file, root);
  let mod: { default?: unknown };
  try {
    mod = await importConfigModule(file, url, graph);
  } catch (e) {
    const at = errorLocation(e, file, root);
    const stack = (e as Error)?.stack;
    const debug = Deno.env.get("FLOE_DEBUG") === "1" && stack ? `\n${plain(stack)}` : "";
    throw new BuildError([
      error("config", `could not load ${name}: ${errorMessage(e, root)}${debug}`, {
        file: at?.file ?? name,
        line: at?.line,
        column: at?.column,
        hint: "the config file must be a valid module; run `deno check` on it",
      }),
    ]);
  }
  if (
    typeof mod.default !== "object" || mod.default === null ||
    Array.isArray(mod.default)
  ) {
    throw new BuildError([
      error("config", `${name} has no default export of a config object`, {
        file: name,
        hint: "end the file with `export default defineConfig({ ... })`",
      }),
    ]);
  }
  return mod.default as UserConfig;
}

/**
 * What went wrong importing the config, without the location and code frame Deno
 * appends to some messages (a syntax error, a module not found): the diagnostic
 * gives the location, and prints its own frame; module URLs become paths.
 */
function errorMessage(e: unknown, root: string): string {
  const raw = (e instanceof Error ? String(e.message) : String(e))
    // A module's URL (`Module not found "file:///site/x.ts"`) as the path the user wrote.
    .replace(/file:\/\/[^\s"'`()]+/g, (url) => {
      try {
        return displayName(fileURLToPath(url.replace(/[?#].*$/, "")), root);
      } catch {
        return url;
      }
    });
  const kept = plain(raw).split(/\r?\n/).filter((line) =>
    !/^\s+at\s/.test(line) && !/^\s*\d*\s*\|/.test(line) && line.trim() !== ""
  );
  return kept.map((line) => line.trim()).join(" ") || (e instanceof Error ? e.name : String(e));
}

/**
 * Where in the user's code an import (or a plugin) failed, from the frames of the error's stack
 * or message (`at file:///site/floe.config.ts?v=…:3:7`): the frame in the config
 * file itself, or else the first in a local module of the site (one the config
 * imports). Frames in floe or in dependencies are never shown.
 *
 * @example
 * ```ts
 * import { errorLocation } from "./load_config.ts";
 * const at = errorLocation(new Error("x"), "/site/floe.config.ts", "/site");
 * ```
 */
export function errorLocation(
  e: unknown,
  file: string,
  root: string,
): { file: string; line: number; column: number } | undefined {
  const text = e instanceof Error
    ? `${plain(String(e.message))}\n${plain(String(e.stack ?? ""))}`
    : "";
  const frames: { path: string; line: number; column: number }[] = [];
  for (const [, url, line, column] of text.matchAll(/(file:\/\/[^\s()]+?):(\d+):(\d+)\)?/g)) {
    let path: string;
    try {
      path = fileURLToPath(url.replace(/[?#].*$/, ""));
    } catch {
      continue;
    }
    frames.push({ path, line: Number(line), column: Number(column) });
  }
  const own = frames.find((f) => f.path === file);
  const floe = resolve(fileURLToPath(new URL("../..", import.meta.url)));
  const local = own ?? frames.find((f) => {
    const rel = relative(root, f.path);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) &&
      !/(^|[\\/])node_modules[\\/]/.test(rel) && relative(floe, f.path).startsWith("..");
  });
  if (!local || local.line < 1) return undefined;
  return {
    file: displayName(local.path, root),
    line: local.line,
    column: Math.max(local.column, 1),
  };
}

/**
 * Line and column of the value of `key` in the config file's source, when the key
 * is written there once (`baseURL: "…"`); a best guess for a value validation
 * refuses, since a module's values carry no positions.
 */
function locateKey(source: string, key: string): { line: number; column: number } | undefined {
  const pattern = new RegExp(`(?<![\\w$])(["'\`]?)${key}\\1\\s*:\\s*`, "g");
  const found = [...source.matchAll(pattern)];
  if (found.length !== 1) return undefined;
  return lineColumnAt(source, found[0].index! + found[0][0].length);
}

function plain(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

type Kind = "string" | "boolean" | "number" | "object" | "array";
const FIELDS: Readonly<Record<keyof FloeConfig, Kind>> = {
  title: "string",
  description: "string",
  baseURL: "string",
  language: "string",
  contentDir: "string",
  layoutsDir: "string",
  staticDir: "string",
  dataDir: "string",
  outputDir: "string",
  drafts: "boolean",
  future: "boolean",
  expired: "boolean",
  taxonomies: "array",
  paginate: "number",
  menus: "object",
  feedLimit: "number",
  feedContent: "string",
  search: "boolean",
  feeds: "boolean",
  sitemap: "boolean",
  checkLinks: "boolean",
  strict: "boolean",
  ignore: "array",
  urls: "object",
  workers: "number",
  renderTimeLimit: "number",
  markdown: "object",
  params: "object",
  filters: "object",
  plugins: "array",
};
const MARKDOWN_FIELDS = [
  "html",
  "typographer",
  "linkify",
  "breaks",
  "highlight",
  "anchors",
  "footnotes",
  "taskLists",
  "definitionLists",
  "callouts",
  "attributes",
  "headingIds",
  "languages",
  "components",
] as const;

function validate(
  config: UserConfig,
  file: string,
  locate: (key: string) => { line: number; column: number } | undefined = () => undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const kind = FIELDS[key as keyof FloeConfig];
    if (!kind) {
      out.push(error("config", `unknown setting "${key}"`, {
        file,
        hint: suggest(key, Object.keys(FIELDS)) ??
          `known settings: ${Object.keys(FIELDS).join(", ")}`,
      }));
      continue;
    }
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    if (actual !== kind) {
      out.push(error("config", `"${key}" must be a ${kind}, not ${actual}`, {
        file,
        hint: `default: ${JSON.stringify(DEFAULT_CONFIG[key as keyof FloeConfig])}`,
      }));
    }
  }
  if (typeof config.baseURL === "string") {
    const problem = baseUrlProblem(config.baseURL);
    if (problem) {
      out.push(error("config", `baseURL ${problem.message}`, {
        file,
        ...locate("baseURL"),
        hint: `${problem.fix ? `did you mean ${JSON.stringify(problem.fix)}? ` : ""}` +
          'baseURL is a full http(s) URL like "https://example.org/docs/", or a path like "/" or "/docs/"',
      }));
    }
  }
  if (
    typeof config.workers === "number" &&
    !(Number.isInteger(config.workers) && config.workers >= 0)
  ) {
    out.push(error("config", `"workers" must be a whole number ≥ 0`, {
      file,
      hint: "0 picks one worker per 2,000 pages, up to one per core",
    }));
  }
  const limit = config.renderTimeLimit;
  if (typeof limit === "number" && !(Number.isFinite(limit) && limit > 0)) {
    out.push(error("config", `"renderTimeLimit" must be a number of seconds > 0`, {
      file,
      hint: "renderTimeLimit: 60 (the default)",
    }));
  }
  for (const name of ["paginate", "feedLimit"] as const) {
    const n = config[name];
    if (typeof n === "number" && !(Number.isInteger(n) && n >= 0)) {
      out.push(error("config", `"${name}" must be a whole number ≥ 0`, { file }));
    }
  }
  if (config.feedContent !== undefined && !["summary", "full"].includes(config.feedContent)) {
    out.push(error("config", `"feedContent" must be "summary" or "full"`, { file }));
  }
  if (Array.isArray(config.taxonomies)) {
    for (const name of config.taxonomies) {
      if (typeof name !== "string" || !/^[a-z][a-z0-9_-]*$/i.test(name)) {
        out.push(error("config", `taxonomy name ${JSON.stringify(name)} is not a simple name`, {
          file,
          hint: 'use front matter key names like "tags" or "categories"',
        }));
      }
    }
  }
  for (const [menu, items] of Object.entries(config.menus ?? {})) {
    const valid = Array.isArray(items) &&
      items.every((item) =>
        typeof item === "object" && item !== null && typeof item.name === "string" &&
        typeof item.url === "string" &&
        (item.weight === undefined || typeof item.weight === "number")
      );
    if (!valid) {
      out.push(error("config", `menu "${menu}" must be a list of { name, url, weight? }`, {
        file,
        hint: 'e.g. menus: { main: [{ name: "Blog", url: "/blog/", weight: 1 }] }',
      }));
    }
  }
  for (const [key, value] of Object.entries(config.markdown ?? {})) {
    if (!(MARKDOWN_FIELDS as readonly string[]).includes(key)) {
      out.push(error("config", `unknown markdown setting "${key}"`, {
        file,
        hint: suggest(key, MARKDOWN_FIELDS) ??
          `known: ${MARKDOWN_FIELDS.join(", ")}`,
      }));
    } else if (key === "headingIds") {
      if (value !== "github" && value !== "compact") {
        out.push(error("config", `"markdown.headingIds" must be "github" or "compact"`, {
          file,
          ...locate(key),
          hint: '"github" keeps a hyphen per space (animals--nature), "compact" collapses them',
        }));
      }
    } else if (key === "languages") {
      out.push(...validateLanguages(value, file, locate));
    } else if (typeof value !== "boolean") {
      out.push(
        error("config", `"markdown.${key}" must be a boolean`, { file, ...locate(key) }),
      );
    }
  }
  if (Array.isArray(config.ignore)) {
    for (const pattern of config.ignore) {
      if (typeof pattern === "string" && pattern.startsWith("!")) {
        out.push(error("config", `ignore pattern ${JSON.stringify(pattern)} cannot negate`, {
          file,
          ...locate("ignore"),
          hint: "patterns only add files to leave out; narrow the pattern instead of undoing it",
        }));
      } else if (typeof pattern !== "string" || pattern.trim() === "") {
        out.push(error("config", `ignore pattern ${JSON.stringify(pattern)} is not a glob`, {
          file,
          ...locate("ignore"),
          hint:
            'patterns are relative to the content folder, e.g. ignore: ["**/*.vue", "snippets/"]',
        }));
      }
    }
  }
  for (const [key, value] of Object.entries(config.urls ?? {})) {
    if (key !== "lowercase") {
      out.push(error("config", `unknown urls setting "${key}"`, {
        file,
        ...locate(key),
        hint: "known: lowercase",
      }));
    } else if (typeof value !== "boolean") {
      out.push(error("config", `"urls.lowercase" must be a boolean`, { file, ...locate(key) }));
    }
  }
  for (const [name, fn] of Object.entries(config.filters ?? {})) {
    if (typeof fn !== "function") {
      out.push(error("config", `filter "${name}" is not a function but ${typeof fn}`, {
        file,
        ...locate(name),
        hint: `a filter takes the value before |> and returns the new one: ${name}: (value) => …`,
      }));
    }
  }
  return out;
}

function validateLanguages(
  value: unknown,
  file: string,
  locate: (key: string) => { line: number; column: number } | undefined,
): Diagnostic[] {
  const hint = 'e.g. languages: { vue: "xml", gleam: "./grammars/gleam.js" }';
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [error("config", `"markdown.languages" must be an object`, { file, hint })];
  }
  return Object.entries(value)
    .filter(([, target]) => typeof target !== "string" || target === "")
    .map(([name]) =>
      error("config", `language "${name}" must name a highlight.js language or a module`, {
        file,
        ...locate(name),
        hint,
      })
    );
}

/** Refuses output folders whose replacement would destroy the user's files. */
function checkFolders(config: ResolvedConfig): void {
  const { root, dirs } = config;
  const inside = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  };
  const problems: Diagnostic[] = [];
  const hint =
    "floe deletes from the output folder every file it does not produce; choose a folder of its own, like `_site`";
  if (inside(root, dirs.output)) {
    problems.push(
      error(
        "output-dir",
        `the output folder ${dirs.output} is the site folder or contains it`,
        { hint },
      ),
    );
  } else {
    for (const name of ["content", "layouts", "static", "data"] as const) {
      if (inside(dirs.output, dirs[name]) || inside(dirs[name], dirs.output)) {
        problems.push(
          error(
            "output-dir",
            `the output folder ${dirs.output} overlaps the ${name} folder ${dirs[name]}`,
            { hint },
          ),
        );
      }
    }
  }
  if (problems.length) throw new BuildError(problems);
}
