/**
 * The plugin contract. A plugin is a function of the site, `(site) => void`, made
 * by a function of its options (`feeds({ taxonomy: "categories" })`), and listed in
 * `floe.config.ts` under `plugins`. Every thread that builds the site imports the
 * config module and calls each plugin once per config generation with a
 * {@link PluginSite}. What the plugins add is recorded into a
 * {@link PluginRegistry}, frozen for the generation, and each thread uses its
 * part: the parse workers the Markdown contributions and computed data, the
 * render workers the template filters and tags, the main thread the data
 * loaders and site-wide outputs.
 *
 * State: a plugin's code runs in many workers at once and across every build of
 * a `floe serve` session. State that must not outlive a build (a cache) is made
 * by {@link PluginSite.setup}, whose function runs at the start of each build in
 * each thread; anything else a plugin keeps lives as long as the worker.
 *
 * The output contract names types of later stages (the snapshot's views, the
 * post stage's source); it imports them as types only.
 *
 * @module
 */
import type { SiteSource } from "../post/outputs.ts";
import type { Redirect, SiteSnapshot } from "../snapshot/types.ts";
import type { ResolvedConfig } from "./load_config.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import type { Filter } from "./config.ts";

/**
 * A markdown-it plugin, as `md.use(plugin, ...params)` takes it.
 *
 * @example
 * ```ts
 * import type { MarkdownItPlugin } from "./plugin.ts";
 * const shout: MarkdownItPlugin = (md) => {
 *   md.core.ruler.push("shout", () => {});
 * };
 * ```
 */
// deno-lint-ignore no-explicit-any
export type MarkdownItPlugin = (md: any, ...params: any[]) => void;

/**
 * A Vento plugin: it gets the environment and adds tags (`env.tags.push(tag)`)
 * or filters (`env.filters.name = fn`). Vento's own plugin shape.
 *
 * @example
 * ```ts
 * import type { VentoPlugin } from "./plugin.ts";
 * const upper: VentoPlugin = (env) => {
 *   env.filters.upper = (s: unknown) => String(s).toUpperCase();
 * };
 * ```
 */
// deno-lint-ignore no-explicit-any
export type VentoPlugin = (env: any) => void;

/**
 * Reads a data file of a new type: its text and its path relative to the data
 * folder, to the value templates see as `data.<name>`. Runs on the main thread.
 *
 * @example
 * ```ts
 * import type { DataLoader } from "./plugin.ts";
 * const lines: DataLoader = (text) => text.split("\n").filter(Boolean);
 * ```
 */
export type DataLoader = (text: string, path: string) => unknown;

/**
 * What computed data is made from: one page as its parse worker sees it.
 *
 * @example
 * ```ts
 * import type { ComputedInput } from "./plugin.ts";
 * const words = (page: ComputedInput) => page.text.split(/\s+/).length;
 * ```
 */
export interface ComputedInput {
  /** The page's file, relative to the site folder (`content/blog/a.md`). */
  readonly file: string;
  /** Its own front matter (no cascade: that is applied later, site-wide). */
  readonly frontMatter: DeepReadonly<Record<string, unknown>>;
  /** The rendered body. */
  readonly html: string;
  /** The body as plain text. */
  readonly text: string;
}

/**
 * What an output's `make` returns: the file's contents whole, or in pieces as an
 * async iterable (an async generator): each piece is written as it comes, so a
 * file of hundreds of megabytes (the search index of 100,000 pages) is never
 * whole in memory.
 *
 * @example
 * ```ts
 * import type { OutputContent } from "./plugin.ts";
 * async function* lines(): AsyncGenerator<string> {
 *   for (let i = 0; i < 3; i++) yield `line ${i}\n`;
 * }
 * const whole: OutputContent = "hello\n";
 * const pieces: OutputContent = lines();
 * ```
 */
export type OutputContent = string | Uint8Array | AsyncIterable<string | Uint8Array>;

/**
 * One file made from the whole site (a sitemap, a feed). `make` reads the site
 * through `source`, and what it reads is recorded: an incremental build makes the
 * file again only when something it read changed.
 *
 * @example
 * ```ts
 * import type { PluginOutput } from "./plugin.ts";
 * const count: PluginOutput = {
 *   path: "count.txt",
 *   make: ({ views }) => `${views.site.pages.length}\n`,
 * };
 * ```
 */
export interface PluginOutput {
  /** Path in the output folder, without a leading slash (`feeds/all.xml`). */
  readonly path: string;
  /** The file's contents, made from the site as `source` shows it; may be async. */
  make(source: SiteSource): OutputContent | Promise<OutputContent>;
  /**
   * `false` for a cheap file that is simply made on every build (reads are then
   * not recorded). Default `true`.
   */
  readonly tracked?: boolean;
}

/**
 * What a plugin's list of outputs is decided from, once per build: the snapshot,
 * the config, the site's links, and whether a path is already taken by a page or
 * a static file (a site's own `robots.txt` wins over the robots plugin).
 *
 * @example
 * ```ts
 * import type { OutputContext } from "./plugin.ts";
 * declare const ctx: OutputContext;
 * console.log(ctx.snapshot.site.sections.length, ctx.taken("robots.txt"));
 * ```
 */
export interface OutputContext {
  /** The site's snapshot (reads of it here are not recorded: list paths, not contents). */
  readonly snapshot: DeepReadonly<SiteSnapshot>;
  /** The resolved config (`feedLimit`, `baseURL` …). */
  readonly config: DeepReadonly<ResolvedConfig>;
  /** A site URL (`/a/`) as a link: with the base path, or absolute (needs a host in baseURL). */
  readonly links: {
    readonly hasHost: boolean;
    local(url: string): string;
    absolute(url: string): string;
  };
  /** Aliases of pages: each is a redirect page the redirects plugin writes. */
  readonly redirects: readonly Redirect[];
  /** Whether a page or a static file writes `path`. */
  readonly taken: (path: string) => boolean;
  /** Names of the site's plugins, floe's own included (`"sitemap"`). */
  readonly plugins: readonly string[];
}

/**
 * What a plugin can add to the site. Each call records a contribution; the thread
 * it is used in picks it up, the others ignore it.
 *
 * @example
 * ```ts
 * import type { Plugin } from "./plugin.ts";
 * export function stamp(options: { text?: string } = {}): Plugin {
 *   const text = options.text ?? "made with floe";
 *   return function stamp(site) {
 *     site.filter("stamp", (value: unknown) => `${value} (${text})`);
 *   };
 * }
 * ```
 */
export interface PluginSite {
  /** A markdown-it plugin, used by every parse worker (`md.use(plugin, ...params)`). */
  markdown(plugin: MarkdownItPlugin, ...params: unknown[]): void;
  /** A Vento filter, in every render worker. */
  filter(name: string, fn: Filter): void;
  /** A Vento plugin (tags, filters), run on each render worker's environment. */
  vento(plugin: VentoPlugin): void;
  /** A loader for data files ending in one of `extensions` (`[".csv"]`). */
  loader(extensions: readonly string[], load: DataLoader): void;
  /**
   * Computed data: `key` in the page's front matter is set to `compute(page)`,
   * unless the page sets it itself. Runs in the parse workers; the value must
   * be plain data (it crosses threads).
   */
  computed(key: string, compute: (page: ComputedInput) => unknown): void;
  /** Site-wide files, listed per build from the snapshot. */
  outputs(list: (context: OutputContext) => readonly PluginOutput[]): void;
  /**
   * A per-build hook: `init` runs at the start of every build in every thread,
   * and the function returned gives this build's value. The home for a cache:
   *
   * ```ts
   * const cache = site.setup(() => new Map<string, string>());
   * site.filter("slow", (s: unknown) => cache().get(String(s)) ?? "");
   * ```
   */
  setup<State>(init: () => State): () => State;
}

/**
 * A plugin: a function of the site, called once per config generation in each
 * thread. Give it a name (`return function myPlugin(site) {…}`): diagnostics name
 * it, and a plugin of the same name as one of floe's replaces it.
 *
 * @example
 * ```ts
 * import type { Plugin } from "./plugin.ts";
 * const hello: Plugin = function hello(site) {
 *   site.outputs(() => [{ path: "hello.txt", make: () => "hello\n", tracked: false }]);
 * };
 * ```
 */
export type Plugin = (site: PluginSite) => void;

/**
 * A contribution with the plugin it came from, for diagnostics.
 *
 * @example
 * ```ts
 * import type { Contributed } from "./plugin.ts";
 * const c: Contributed<string> = { plugin: "sitemap", value: "x" };
 * ```
 */
export interface Contributed<T> {
  /** The plugin's name (its function's name, or `plugins[i]`). */
  readonly plugin: string;
  readonly value: T;
}

/**
 * Every contribution of the site's plugins, in plugin order, frozen for one
 * config generation in one thread.
 *
 * @example
 * ```ts
 * import { collectPlugins } from "./plugin.ts";
 * const registry = collectPlugins([]);
 * console.log(registry.filters.length); // 0
 * ```
 */
export interface PluginRegistry {
  readonly names: readonly string[];
  readonly markdown: readonly Contributed<
    { readonly plugin: MarkdownItPlugin; readonly params: readonly unknown[] }
  >[];
  readonly filters: readonly Contributed<{ readonly name: string; readonly fn: Filter }>[];
  readonly vento: readonly Contributed<VentoPlugin>[];
  readonly loaders: readonly Contributed<
    { readonly extensions: readonly string[]; readonly load: DataLoader }
  >[];
  readonly computed: readonly Contributed<
    { readonly key: string; readonly compute: (page: ComputedInput) => unknown }
  >[];
  readonly outputs: readonly Contributed<(context: OutputContext) => readonly PluginOutput[]>[];
  readonly setups: readonly Contributed<PerBuild>[];
}

/** One setup hook's value for the current build of this thread. */
interface PerBuild {
  readonly init: () => unknown;
  value: { readonly state: unknown } | undefined;
}

/**
 * A plugin that failed: it threw while registering, in its setup hook, or on a
 * page. `plugin` names it; `cause` is what it threw.
 *
 * @example
 * ```ts
 * import { PluginError } from "./plugin.ts";
 * const e = new PluginError("sitemap", "setup", new Error("boom"));
 * console.log(e.message); // plugin "sitemap" failed in its setup hook: boom
 * ```
 */
export class PluginError extends Error {
  override name = "PluginError";
  constructor(
    readonly plugin: string,
    readonly stage: "register" | "setup" | "page" | "output" | "loader",
    override readonly cause: unknown,
    where?: string,
  ) {
    const what = cause instanceof Error ? cause.message : String(cause);
    const during = {
      register: "while registering",
      setup: "in its setup hook",
      page: `on ${where ?? "a page"}`,
      output: `making ${where ?? "an output"}`,
      loader: `loading ${where ?? "a data file"}`,
    }[stage];
    super(`plugin "${plugin}" failed ${during}: ${what}`);
    // The cause's frames, so the stack (which alone crosses from a worker) locates the throw.
    if (cause instanceof Error && cause.stack) {
      this.stack = `${this.name}: ${this.message}\n${cause.stack.split("\n").slice(1).join("\n")}`;
    }
  }
}

/** The name a plugin goes by: its function's name, or its place in the list. */
export function pluginName(plugin: Plugin, index: number): string {
  const named = typeof plugin === "function" && plugin.name && plugin.name !== "anonymous";
  return named ? plugin.name : `plugins[${index}]`;
}

/**
 * Calls each plugin with a recording {@link PluginSite} and freezes what they
 * added. A plugin that throws, or adds something malformed, is a
 * {@link PluginError} naming it.
 *
 * @example
 * ```ts
 * import { collectPlugins } from "./plugin.ts";
 * const registry = collectPlugins([(site) => site.filter("shout", (s) => String(s) + "!")]);
 * console.log(registry.filters[0].value.name); // "shout"
 * ```
 */
export function collectPlugins(plugins: readonly Plugin[]): PluginRegistry {
  const registry: Mutable = {
    names: [],
    markdown: [],
    filters: [],
    vento: [],
    loaders: [],
    computed: [],
    outputs: [],
    setups: [],
  };
  plugins.forEach((plugin, index) => {
    const name = pluginName(plugin, index);
    registry.names.push(name);
    try {
      if (typeof plugin !== "function") {
        throw new TypeError(`a plugin is a function of the site, got ${describe(plugin)}`);
      }
      const result: unknown = plugin(recorder(name, registry));
      if (result instanceof Promise) {
        throw new TypeError("a plugin must register synchronously (it returned a promise)");
      }
      if (typeof result === "function") {
        throw new TypeError(
          `it returned a function: list the plugin made from its options, \`${name}()\`, not \`${name}\``,
        );
      }
    } catch (e) {
      throw new PluginError(name, "register", e);
    }
  });
  return Object.freeze(registry);
}

/** The registry while plugins register into it. */
type Mutable = { -readonly [K in keyof PluginRegistry]: Array<PluginRegistry[K][number]> };

/** The {@link PluginSite} plugin `name` registers through: checks, then records. */
function recorder(name: string, registry: Mutable): PluginSite {
  const add = <K extends Exclude<keyof Mutable, "names">>(
    kind: K,
    value: Mutable[K][number]["value"],
  ) => (registry[kind] as Contributed<unknown>[]).push({ plugin: name, value });
  return {
    markdown: (plugin, ...params) => {
      mustBeFunction("site.markdown(plugin)", plugin);
      add("markdown", { plugin, params });
    },
    filter: (filterName, fn) => {
      if (typeof filterName !== "string" || !/^[A-Za-z_$][\w$]*$/.test(filterName)) {
        throw new TypeError(`a filter name must be an identifier, got ${describe(filterName)}`);
      }
      mustBeFunction(`filter "${filterName}"`, fn);
      add("filters", { name: filterName, fn });
    },
    vento: (plugin) => {
      mustBeFunction("site.vento(plugin)", plugin);
      add("vento", plugin);
    },
    loader: (extensions, load) => {
      const bad = Array.isArray(extensions)
        ? extensions.find((e) => typeof e !== "string" || !/^\.[\w.-]+$/.test(e))
        : extensions;
      if (bad !== undefined) {
        throw new TypeError(`loader extensions must be a list like [".csv"], got ${describe(bad)}`);
      }
      const own = extensions.find((e) => OWN_DATA_FORMATS.includes(e.toLowerCase()));
      if (own) {
        throw new TypeError(
          `floe reads ${own} data files itself; a loader is for other types (like ".csv")`,
        );
      }
      mustBeFunction("site.loader(…, load)", load);
      add("loaders", { extensions: extensions.map((e) => e.toLowerCase()), load });
    },
    computed: (key, compute) => {
      if (typeof key !== "string" || key === "") {
        throw new TypeError(`a computed key must be a non-empty string, got ${describe(key)}`);
      }
      mustBeFunction(`computed "${key}"`, compute);
      add("computed", { key, compute });
    },
    outputs: (list) => {
      mustBeFunction("site.outputs(list)", list);
      add("outputs", list);
    },
    setup: <State>(init: () => State) => {
      mustBeFunction("site.setup(init)", init);
      const hook: PerBuild = { init, value: undefined };
      add("setups", hook);
      return () => {
        if (!hook.value) {
          throw new Error(
            `plugin "${name}" read its setup state outside a build (read it inside a filter, loader or output, not while registering)`,
          );
        }
        return hook.value.state as State;
      };
    },
  };
}

/** The data file types floe reads itself. */
const OWN_DATA_FORMATS: readonly string[] = [".yaml", ".yml", ".json", ".toml"];

function mustBeFunction(what: string, value: unknown): void {
  if (typeof value !== "function") {
    throw new TypeError(`${what} must be a function, got ${describe(value)}`);
  }
}

/**
 * Runs every setup hook of `registry` for a new build of this thread: each
 * hook's state is made anew, so nothing a hook made survives into the next build.
 *
 * @example
 * ```ts
 * import { collectPlugins, startBuild } from "./plugin.ts";
 * startBuild(collectPlugins([]));
 * ```
 */
export function startBuild(registry: PluginRegistry): void {
  for (const { plugin, value: hook } of registry.setups) {
    hook.value = undefined;
    try {
      hook.value = { state: hook.init() };
    } catch (e) {
      throw new PluginError(plugin, "setup", e);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A worker's view of the site's config module: the user's `filters` and the
 * registry of its `plugins`. Imports the module by URL (workers do this once
 * per config generation); without a config there is nothing to add.
 *
 * @example
 * ```ts
 * import { importPlugins } from "./plugin.ts";
 * const { filters, registry } = await importPlugins(null);
 * console.log(Object.keys(filters).length, registry.names.length); // 0 0
 * ```
 */
export async function importPlugins(
  configModule: string | null,
): Promise<{ filters: Record<string, Filter>; registry: PluginRegistry }> {
  if (!configModule) return { filters: {}, registry: collectPlugins([]) };
  const config = (await import(configModule)).default ?? {};
  return {
    filters: { ...config.filters },
    registry: collectPlugins(Array.isArray(config.plugins) ? config.plugins : []),
  };
}

/**
 * A contributed function that names its plugin when it throws (or rejects):
 * the error a filter or loader raises says whose code failed.
 *
 * @example
 * ```ts
 * import { blaming } from "./plugin.ts";
 * const f = blaming("shout", "page", (s: string) => s.toUpperCase());
 * console.log(f("hi")); // "HI"
 * ```
 */
export function blaming<F extends (...args: never[]) => unknown>(
  plugin: string,
  stage: PluginError["stage"],
  fn: F,
  where?: (...args: Parameters<F>) => string,
): F {
  const wrapped = function (this: unknown, ...args: Parameters<F>) {
    const fail = (e: unknown) => {
      throw e instanceof PluginError ? e : new PluginError(plugin, stage, e, where?.(...args));
    };
    try {
      const result = fn.apply(this, args);
      return result instanceof Promise ? result.catch(fail) : result;
    } catch (e) {
      return fail(e);
    }
  };
  // Vento awaits a filter only when it is an async function: the wrapper must be one too.
  if (fn.constructor.name === "AsyncFunction") {
    return async function (this: unknown, ...args: Parameters<F>) {
      return await wrapped.apply(this, args);
    } as unknown as F;
  }
  return wrapped as unknown as F;
}
