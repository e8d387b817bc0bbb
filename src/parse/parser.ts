/**
 * A parser for one build: front matter and Markdown with the site's Markdown
 * plugins and computed data, each page encoded for the parse cache. Parse
 * workers serve it; a small one-shot build runs it on the main thread, where
 * starting a worker would cost more than the parsing.
 *
 * @module
 */
import { readBody } from "../base/body.ts";
import { importPlugins, type PluginRegistry, startBuild } from "../config/plugin.ts";
import { createMarkdown } from "./markdown.ts";
import { encodePage, type Parsed } from "./page_codec.ts";
import { type ParseItem, parsePage } from "./parse_page.ts";
import { type ParseWorkerInit, useMarkdownPlugins, withComputedData } from "./plugins.ts";

/** markdown-it with floe's and the site's plugins, and the registry it came from. */
interface Kept {
  readonly options: string;
  readonly md: ReturnType<typeof createMarkdown>;
  readonly registry: PluginRegistry;
}

/**
 * Parses one file; carries what the next build's parser may keep.
 *
 * @example
 * ```ts
 * import type { Parser } from "./parser.ts";
 * declare const parse: Parser;
 * const outcome = await parse({ path: "content/a.md", abs: "/site/content/a.md" });
 * ```
 */
export type Parser = ((file: ParseItem) => Promise<Parsed>) & { readonly kept: Kept };

/**
 * The parser for a build with `init`. markdown-it with its plugins is built once
 * while the options and the config module stay the same; the plugins' setup
 * hooks run anew for every build.
 *
 * @example
 * ```ts
 * import { createParser } from "./parser.ts";
 * import { DEFAULT_CONFIG } from "../config/config.ts";
 * const parse = await createParser({
 *   markdown: DEFAULT_CONFIG.markdown, taxonomies: ["tags"], text: true, configModule: null,
 * });
 * ```
 */
export async function createParser(
  init: ParseWorkerInit,
  previous?: Pick<Parser, "kept">,
): Promise<Parser> {
  const { markdown, taxonomies, text, configModule } = init;
  const options = JSON.stringify([markdown, configModule]);
  let kept = previous?.kept;
  if (kept?.options !== options) {
    const { registry } = await importPlugins(configModule);
    kept = { options, md: useMarkdownPlugins(createMarkdown(markdown), registry), registry };
  }
  startBuild(kept.registry);
  const { md, registry } = kept;
  const decoder = new TextDecoder();
  const parse = async (file: ParseItem): Promise<Parsed> => {
    let outcome = await parsePage(md, file, taxonomies, text);
    if ("page" in outcome && registry.computed.length) {
      outcome = withComputedData(
        outcome.page,
        registry,
        decoder.decode(readBody(outcome.page.html)),
        decoder.decode(readBody(outcome.page.text)),
      );
    }
    return "page" in outcome ? { page: outcome.page, meta: encodePage(outcome.page) } : outcome;
  };
  return Object.assign(parse, { kept });
}
