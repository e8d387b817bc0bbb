/**
 * The render side of plugins: their Vento filters and plugins set on a worker's
 * environment. Filters come after floe's own (a plugin may replace one) and
 * before the config's `filters` (the site's own word wins).
 *
 * @module
 */
import type { Filter } from "../config/config.ts";
import { blaming, type PluginRegistry } from "../config/plugin.ts";

/**
 * Sets `filters` (floe's and the config's) and the registry's filters and Vento
 * plugins on `env`. A plugin's filter that throws names its plugin.
 *
 * @example
 * ```ts
 * import vento from "npm:ventojs@2.4.0";
 * import { collectPlugins } from "../config/plugin.ts";
 * import { extendTemplates } from "./plugins.ts";
 * const env = vento();
 * extendTemplates(env, collectPlugins([(site) => site.filter("twice", (s) => `${s}${s}`)]), {}, {});
 * ```
 */
export function extendTemplates(
  env: { filters: Record<string, unknown>; tags: ((...args: never[]) => unknown)[] },
  registry: PluginRegistry,
  builtin: Readonly<Record<string, Filter>>,
  configFilters: Readonly<Record<string, Filter>>,
): void {
  const filters: Record<string, Filter> = { ...builtin };
  for (const { plugin, value } of registry.filters) {
    filters[value.name] = blaming(plugin, "page", value.fn);
  }
  Object.assign(filters, configFilters);
  for (const [name, fn] of Object.entries(filters)) env.filters[name] = fn;
  for (const { plugin, value } of registry.vento) {
    const before = env.tags.length;
    // What Vento's `env.use(plugin)` does, with the plugin named if it throws.
    blaming(plugin, "register", value)(env);
    // Its tags compile templates: a tag that throws names the plugin too.
    for (let i = before; i < env.tags.length; i++) {
      env.tags[i] = blaming(plugin, "page", env.tags[i], () => "a template");
    }
  }
}
