/**
 * floe: a static site generator for Deno that uses every core. It freezes the site
 * into a deep-frozen snapshot and renders pages in module Web Workers.
 *
 * ```ts
 * import { build } from "jsr:@floe/floe";
 * const result = await build({ root: "my-site" });
 * console.log(`${result.pages} pages → ${result.outDir}`);
 * ```
 *
 * A site's `floe.config.ts`:
 *
 * ```ts
 * import { defineConfig } from "jsr:@floe/floe";
 * export default defineConfig({ title: "My site", baseURL: "https://example.org/" });
 * ```
 *
 * @module
 */
export {
  build,
  type BuildOptions,
  type BuildResult,
  type OutputRecord,
} from "./src/build/builder.ts";
export {
  type BuildProgress,
  type BuildReport,
  type Explanation,
  type SessionBuildOptions,
  type SessionOptions,
  SiteSession,
} from "./src/build/session.ts";
export {
  type DevServer,
  type DevServerOptions,
  type OverlayError,
  type ReloadEvent,
  type ServedBuild,
  startDevServer,
} from "./src/serve/dev_server.ts";
export {
  DEFAULT_CONFIG,
  defineConfig,
  type Filter,
  type FloeConfig,
  type MarkdownOptions,
  type MenuItemConfig,
  type UrlOptions,
  type UserConfig,
} from "./src/config/config.ts";
export type { ResolvedConfig } from "./src/config/load_config.ts";
export type {
  ComputedInput,
  DataLoader,
  MarkdownItPlugin,
  OutputContent,
  OutputContext,
  Plugin,
  PluginOutput,
  PluginSite,
  VentoPlugin,
} from "./src/config/plugin.ts";
export type { SiteSource } from "./src/post/outputs.ts";
export { feeds, type FeedsOptions } from "./src/post/plugins/feeds.ts";
export { redirects } from "./src/post/plugins/redirects.ts";
export { robots } from "./src/post/plugins/robots.ts";
export { searchIndex } from "./src/post/plugins/search_index.ts";
export { sitemap } from "./src/post/plugins/sitemap.ts";
export {
  BuildError,
  type Diagnostic,
  formatDiagnostic,
  type Severity,
} from "./src/errors/diagnostic.ts";
export { deepFreeze, type DeepReadonly } from "./src/base/deep_freeze.ts";
export type {
  Layout,
  MenuEntry,
  MenuEntryRecord,
  Page,
  PageKind,
  PageRecord,
  PagerLink,
  Paginator,
  PaginatorRecord,
  Section,
  SectionRecord,
  SiteInfo,
  SiteRecord,
  SiteSnapshot,
  Taxonomy,
  TaxonomyRecord,
  Term,
  TermRecord,
} from "./src/snapshot/types.ts";
export type { Redirect } from "./src/snapshot/types.ts";
export type { RenderedPage, SiteViews } from "./src/snapshot/views.ts";
export type { TocEntry } from "./src/parse/markdown.ts";
