/**
 * The parse side of plugins: their markdown-it plugins on a parse worker's
 * Markdown, and their computed data on each parsed page. A parse worker loads
 * the config module for these once per config generation.
 *
 * @module
 */
import type { Diagnostic } from "../errors/diagnostic.ts";
import { blaming, PluginError, type PluginRegistry } from "../config/plugin.ts";
import { checkFrontMatter } from "./known_keys.ts";
import type { ParsedPage, ParseInit } from "./parse_page.ts";

/**
 * What a parse worker receives once per build: the parse settings and the
 * config module to load plugins from (`null` when the site lists none).
 *
 * @example
 * ```ts
 * import type { ParseWorkerInit } from "./plugins.ts";
 * import { DEFAULT_CONFIG } from "../config/config.ts";
 * const init: ParseWorkerInit = {
 *   markdown: DEFAULT_CONFIG.markdown, taxonomies: ["tags"], text: true, configModule: null,
 * };
 * ```
 */
export interface ParseWorkerInit extends ParseInit {
  readonly configModule: string | null;
  /**
   * Folder the worker writes bodies into (see `base/body.ts`), sending on where
   * each is; without it, the bodies themselves are sent.
   */
  readonly bodies?: string;
}

/**
 * Uses every markdown-it plugin of `registry` on `md`, in plugin order.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { collectPlugins } from "../config/plugin.ts";
 * import { useMarkdownPlugins } from "./plugins.ts";
 * const md = useMarkdownPlugins(new MarkdownIt(), collectPlugins([]));
 * ```
 */
export function useMarkdownPlugins<M extends { use(plugin: never, ...params: unknown[]): unknown }>(
  md: M,
  registry: PluginRegistry,
): M {
  for (const { plugin, value } of registry.markdown) {
    try {
      md.use(value.plugin as never, ...value.params);
    } catch (e) {
      throw new PluginError(plugin, "register", e);
    }
  }
  return md;
}

/**
 * The page with its computed data: each `site.computed(key, fn)` sets `key` in
 * the front matter, unless the page sets it itself. A value that cannot cross
 * threads, or a function that throws, is an error on the page naming the plugin.
 *
 * @example
 * ```ts
 * import { collectPlugins } from "../config/plugin.ts";
 * import { withComputedData } from "./plugins.ts";
 * declare const page: import("./parse_page.ts").ParsedPage;
 * const result = withComputedData(page, collectPlugins([]), "", "");
 * ```
 */
export function withComputedData(
  page: ParsedPage,
  registry: PluginRegistry,
  html: string,
  text: string,
): { page: ParsedPage } | { diagnostics: Diagnostic[] } {
  if (!registry.computed.length) return { page };
  const computed: Record<string, unknown> = {};
  const input = { file: page.file, frontMatter: page.frontMatter, html, text };
  const diagnostics: Diagnostic[] = [];
  for (const { plugin, value: { key, compute } } of registry.computed) {
    if (Object.hasOwn(page.frontMatter, key)) continue;
    let value: unknown;
    try {
      const result = blaming(plugin, "page", compute, () => page.file)(input);
      if (result instanceof Promise) {
        throw new PluginError(
          plugin,
          "page",
          new TypeError(`computed "${key}" returned a promise: computed data is synchronous`),
          page.file,
        );
      }
      // Plain data only: the page crosses threads and is kept in the parse cache.
      value = structuredClone(result);
    } catch (e) {
      const failure = e instanceof PluginError ? e : new PluginError(plugin, "page", e, page.file);
      diagnostics.push({
        severity: "error",
        code: "plugin",
        message: `${failure.message} (computing "${key}")`,
        file: page.file,
        hint: "computed data gets { file, frontMatter, html, text } and returns plain data",
      });
      continue;
    }
    // A computed `date` or `weight` is front matter like any other: checked and normalized alike.
    const checked = checkFrontMatter({ [key]: value }, () => ({ line: 1, column: 1 }), page.file);
    if ("data" in checked) computed[key] = checked.data[key];
    else {
      for (const d of checked.diagnostics) {
        diagnostics.push({
          ...d,
          code: "plugin",
          line: undefined,
          column: undefined,
          message: `plugin "${plugin}" computed ${d.message}`,
        });
      }
    }
  }
  const frontMatter = { ...page.frontMatter, ...computed };
  return diagnostics.length ? { diagnostics } : { page: { ...page, frontMatter } };
}
