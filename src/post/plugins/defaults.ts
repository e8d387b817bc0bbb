/**
 * floe's own site-wide outputs, as plugins: the ones a site gets without listing
 * them. The config's `sitemap`, `feeds` and `search` switches turn the defaults
 * off; a plugin the site lists under the same name replaces the default.
 *
 * @module
 */
import type { DeepReadonly } from "../../base/deep_freeze.ts";
import type { ResolvedConfig } from "../../config/load_config.ts";
import { type Plugin, pluginName } from "../../config/plugin.ts";
import { feeds } from "./feeds.ts";
import { redirects } from "./redirects.ts";
import { robots } from "./robots.ts";
import { searchIndex } from "./search_index.ts";
import { sitemap } from "./sitemap.ts";

/**
 * The site's plugins with floe's defaults after them: sitemap, robots, section
 * feeds, search index and redirects, less those switched off or replaced.
 *
 * @example
 * ```ts
 * import { withDefaultPlugins } from "./defaults.ts";
 * declare const config: import("../../config/load_config.ts").ResolvedConfig;
 * const plugins = withDefaultPlugins([], config);
 * ```
 */
export function withDefaultPlugins(
  plugins: readonly Plugin[],
  config: Pick<DeepReadonly<ResolvedConfig>, "sitemap" | "feeds" | "search">,
): Plugin[] {
  const listed = new Set(plugins.map(pluginName));
  const defaults = [
    config.sitemap && sitemap(),
    robots(),
    // Term feeds are new; the default keeps the feeds floe always made.
    config.feeds && feeds({ terms: false }),
    config.search && searchIndex(),
    redirects(),
  ].filter((p): p is Plugin => p !== false && !listed.has(p.name));
  // After the site's own, so a plugin's place in the list is its index in the config.
  return [...plugins, ...defaults];
}
