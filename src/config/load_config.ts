/**
 * Config stage: defaults < `floe.config.ts` < CLI flags, validated and frozen.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BuildError, type Diagnostic, error } from "../errors/diagnostic.ts";
import { deepFreeze, type DeepReadonly } from "../base/deep_freeze.ts";
import { suggest } from "../errors/suggest.ts";
import { DEFAULT_CONFIG, type Filter, type FloeConfig, type UserConfig } from "./config.ts";
import type { ConfigImporter } from "./modules.ts";

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
export interface ResolvedConfig extends Omit<FloeConfig, "filters"> {
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
  /**
   * Imports the config module (default: `import()`). A long-lived session passes
   * a {@link ConfigImporter}, which sees edits of the modules the config imports.
   */
  readonly importer?: Pick<ConfigImporter, "import">;
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
  }
> {
  const root = resolve(input.root);
  const configFile = input.configFile
    ? resolve(input.configFile)
    : CONFIG_FILES.map((f) => resolve(root, f)).find((f) => existsSync(f)) ??
      null;
  const configModule = configFile ? versionedUrl(configFile) : null;
  const user = configFile && configModule
    ? await importConfig(configFile, configModule, root, input.importer)
    : {};
  if (input.overrides?.filters) {
    throw new BuildError([
      error("config", "filters cannot be passed as build options", {
        hint:
          "define them in floe.config.ts: render workers import that file, and functions cannot be sent to them",
      }),
    ]);
  }
  const overrides = input.overrides ?? {};
  const diagnostics = [
    ...validate(user, configFile ? relative(root, configFile) : "config"),
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
    params: { ...DEFAULT_CONFIG.params, ...user.params, ...overrides.params },
    filters: {
      ...DEFAULT_CONFIG.filters,
      ...user.filters,
      ...overrides.filters,
    },
  };
  const { filters, ...data } = merged;
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
    dirs,
    filterNames: Object.keys(filters).sort(),
  };
  checkFolders(config);
  return { config: deepFreeze(config), filters };
}

/** `file:` URL with `?v=<content hash>`: a changed file is a new module. */
function versionedUrl(file: string): string | null {
  try {
    const hash = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);
    return `${pathToFileURL(file).href}?v=${hash}`;
  } catch {
    return null;
  }
}

async function importConfig(
  file: string,
  url: string,
  root: string,
  importer: ConfigInput["importer"],
): Promise<UserConfig> {
  const name = relative(root, file) || file;
  if (!existsSync(file)) {
    throw new BuildError([
      error("config", `config file ${name} does not exist`, {
        hint: "check the path given to --config",
      }),
    ]);
  }
  let mod: { default?: unknown };
  try {
    mod = importer ? await importer.import(file, url) : await import(url);
  } catch (e) {
    throw new BuildError([
      // Deno colours the location it adds; a diagnostic is plain text.
      error("config", `could not load ${name}: ${plain((e as Error).message)}`, {
        file: name,
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
  strictLinks: "boolean",
  workers: "number",
  markdown: "object",
  params: "object",
  filters: "object",
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
] as const;

function validate(config: UserConfig, file: string): Diagnostic[] {
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
  if (
    typeof config.workers === "number" &&
    !(Number.isInteger(config.workers) && config.workers >= 0)
  ) {
    out.push(error("config", `"workers" must be a whole number ≥ 0`, {
      file,
      hint: "0 picks one worker per 2,000 pages, up to one per core",
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
    } else if (typeof value !== "boolean") {
      out.push(
        error("config", `"markdown.${key}" must be a boolean`, { file }),
      );
    }
  }
  for (const [name, fn] of Object.entries(config.filters ?? {})) {
    if (typeof fn !== "function") {
      out.push(error("config", `filter "${name}" is not a function`, { file }));
    }
  }
  return out;
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
