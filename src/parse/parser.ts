/**
 * A parser for one build: front matter and Markdown with the site's Markdown
 * plugins and computed data, each page encoded for the parse cache. Parse
 * workers serve it; a small one-shot build runs it on the main thread, where
 * starting a worker would cost more than the parsing.
 *
 * @module
 */
import { importPlugins, type PluginRegistry, startBuild } from "../config/plugin.ts";
import { createMarkdown } from "./markdown.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";
import { decodePage, encodePage } from "./page_codec.ts";
import { type ParsedPage, type ParseItem, parsePage } from "./parse_page.ts";
import { type ParseWorkerInit, useMarkdownPlugins, withComputedData } from "./plugins.ts";

/** markdown-it with floe's and the site's plugins, and the registry it came from. */
interface Kept {
  readonly options: string;
  readonly md: ReturnType<typeof createMarkdown>;
  readonly registry: PluginRegistry;
}

/**
 * A parsed page, and everything but its body encoded for the parse cache (see
 * `encodePage`).
 *
 * @example
 * ```ts
 * import type { Parsed } from "./parser.ts";
 * const bad: Parsed = { diagnostics: [] };
 * ```
 */
export type Parsed =
  | { readonly page: ParsedPage; readonly meta: Uint8Array }
  | { readonly diagnostics: Diagnostic[] };

/**
 * A parse as it crosses from a worker to the main thread: the cache's bytes alone,
 * moved, not copied. The page as an object cost each parse worker 5% of its time
 * to send beside them, and the main thread as much to receive as to decode.
 *
 * @example
 * ```ts
 * import type { ParsedBytes } from "./parser.ts";
 * const bad: ParsedBytes = { diagnostics: [] };
 * ```
 */
export type ParsedBytes =
  | { readonly meta: Uint8Array; readonly html: Uint8Array }
  | { readonly diagnostics: Diagnostic[] };

/**
 * A parse as bytes, for the way to the main thread.
 *
 * @example
 * ```ts
 * import { toBytes } from "./parser.ts";
 * toBytes({ diagnostics: [] }); // { diagnostics: [] }
 * ```
 */
export function toBytes(parsed: Parsed): ParsedBytes {
  return "page" in parsed ? { meta: parsed.meta, html: parsed.page.html } : parsed;
}

/**
 * A parse from its bytes, back on the main thread.
 *
 * @example
 * ```ts
 * import { fromBytes } from "./parser.ts";
 * fromBytes({ diagnostics: [] }); // { diagnostics: [] }
 * ```
 */
export function fromBytes(bytes: ParsedBytes): Parsed {
  return "meta" in bytes ? { page: decodePage(bytes.meta, bytes.html), meta: bytes.meta } : bytes;
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
      outcome = withComputedData(outcome.page, registry, decoder.decode(outcome.page.html));
    }
    return "page" in outcome ? { page: outcome.page, meta: encodePage(outcome.page) } : outcome;
  };
  return Object.assign(parse, { kept });
}
