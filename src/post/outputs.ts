/**
 * Post stage: the files made from the whole site rather than from one page. Each
 * comes from a plugin (floe's own sitemap, feeds, search index, robots.txt and
 * alias redirects are plugins in `plugins/`), or is one of the theme's assets.
 * Each is an output like a page: made from views of the snapshot, so what it read
 * is logged and the next build makes it again only when that changed. Runs on
 * the main thread; every output is sorted so it is byte-stable.
 *
 * @module
 */
import type { ResolvedConfig } from "../config/load_config.ts";
import {
  type OutputContent,
  type OutputContext,
  PluginError,
  type PluginOutput,
  type PluginRegistry,
} from "../config/plugin.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import type { Page, Redirect, SiteSnapshot } from "../snapshot/types.ts";
import type { SiteViews } from "../snapshot/views.ts";
import { siteLinks } from "../snapshot/urls.ts";
import { THEME_FILES } from "../theme/theme_assets.ts";

/**
 * What a site-wide output is made from: views of the snapshot (which log reads)
 * and the page-local data that stays on the main thread, whose reads are logged
 * as `b:<url>`.
 *
 * @example
 * ```ts
 * import type { SiteSource } from "./outputs.ts";
 * declare const source: SiteSource;
 * for (const page of source.allPages()) console.log(page.url);
 * ```
 */
export interface SiteSource {
  /** Views of the snapshot (`views.site.pages`, `views.page(url)` …): every read is recorded. */
  readonly views: SiteViews;
  /** Every page record of the snapshot, in URL order (logs `p:*`, the set of pages). */
  allPages(): readonly Page[];
  /** A page's HTML body (logs `b:<url>`). */
  body(url: string): string;
  /** A page's plain text (logs `b:<url>`). */
  text(url: string): string;
  /**
   * `make()` once per build for `key`, shared by the outputs that ask: each of
   * them is logged as having read what `make` read (the RSS and Atom feeds of a
   * section list the same items).
   */
  memo<T>(key: string, make: () => T): T;
  /**
   * `make()`, kept in a dev server's session for its next builds until something
   * it read changes: an output made from every page (the search index) makes
   * again only the pieces of the pages that changed. Its value must come only from
   * what it read through this source. A one-shot build keeps nothing.
   */
  keep<T>(key: string, make: () => T): T;
  /**
   * Lets this thread go on with the build for a moment (the render workers get their
   * next pages): an output made from thousands of pages awaits it now and then, or
   * the workers wait for it. Cheap to call often: it yields only every ~50 ms.
   */
  pause(): Promise<void>;
}

/**
 * One site-wide output: its path, the plugin it comes from, whether it is worth
 * remembering what it read (the costly ones: sitemap, feeds, search index), and
 * how to make it.
 *
 * @example
 * ```ts
 * import type { SiteOutput } from "./outputs.ts";
 * const robots: SiteOutput = { path: "robots.txt", plugin: "robots", tracked: false, make: () => "User-agent: *\n" };
 * ```
 */
export interface SiteOutput {
  readonly path: string;
  /** The plugin that makes it (`"(theme)"` for the embedded theme's files). */
  readonly plugin: string;
  /** Made again only when a read changed; untracked outputs are cheap and always made. */
  readonly tracked: boolean;
  make(source: SiteSource): OutputContent | Promise<OutputContent>;
}

/**
 * Lists every site-wide file of the site: each plugin's outputs for this
 * snapshot, then the embedded theme's stylesheet and script when the site uses
 * its base layout. `taken` says whether an output path is already written by a
 * page or a copied file.
 *
 * @example
 * ```ts
 * import { siteOutputs } from "./outputs.ts";
 * import { collectPlugins } from "../config/plugin.ts";
 * declare const snapshot: import("../snapshot/types.ts").SiteSnapshot;
 * declare const config: import("../config/load_config.ts").ResolvedConfig;
 * const outputs = siteOutputs({
 *   snapshot, redirects: [], config, taken: () => false, registry: collectPlugins([]),
 * });
 * ```
 */
export function siteOutputs(input: {
  readonly snapshot: DeepReadonly<SiteSnapshot> | SiteSnapshot;
  readonly redirects: readonly Redirect[];
  readonly config: DeepReadonly<ResolvedConfig>;
  readonly taken: (path: string) => boolean;
  readonly registry: PluginRegistry;
}): SiteOutput[] {
  const { snapshot, config, registry } = input;
  const context: OutputContext = {
    snapshot: snapshot as DeepReadonly<SiteSnapshot>,
    config,
    links: siteLinks(config.baseURL),
    redirects: input.redirects,
    taken: input.taken,
    plugins: registry.names,
  };
  const outputs: SiteOutput[] = [];
  for (const { plugin, value: list } of registry.outputs) {
    let listed: readonly PluginOutput[];
    try {
      listed = list(context);
      if (!Array.isArray(listed)) {
        throw new TypeError("site.outputs(list): list must return an array");
      }
    } catch (e) {
      throw new PluginError(plugin, "output", e, "its list of outputs");
    }
    for (const output of listed) {
      if (typeof output?.path !== "string" || typeof output.make !== "function") {
        throw new PluginError(
          plugin,
          "output",
          new TypeError("an output is { path: string, make(source) }"),
          "its list of outputs",
        );
      }
      const path = output.path.replace(/^\/+/, "");
      if (
        !path || path.split(/[\\/]/).some((part: string) => part === ".." || part === "") ||
        /^[a-z]:/i.test(path)
      ) {
        throw new PluginError(
          plugin,
          "output",
          new TypeError(
            `output path ${JSON.stringify(output.path)} is not a file inside the output folder`,
          ),
          "its list of outputs",
        );
      }
      outputs.push({
        path,
        plugin,
        tracked: output.tracked !== false,
        make: output.make,
      });
    }
  }
  // The embedded theme's stylesheet and script, when the site uses its base layout.
  if (snapshot.layouts["_default/base.vto"]?.file.startsWith("(floe)/")) {
    const search = registry.names.includes("searchIndex");
    for (const [path, content] of Object.entries(THEME_FILES)) {
      if (path.endsWith("search.js") && !search) continue;
      outputs.push({ path, plugin: "(theme)", tracked: false, make: () => content });
    }
  }
  return outputs;
}
