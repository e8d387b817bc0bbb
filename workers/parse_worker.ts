/**
 * Parse worker: front matter + Markdown, with the site's Markdown plugins and
 * computed data. Never imports Vento (see DESIGN.md).
 *
 * @module
 */
import { importPlugins, type PluginRegistry, startBuild } from "../src/config/plugin.ts";
import { createMarkdown } from "../src/parse/markdown.ts";
import { encodePage } from "../src/parse/page_codec.ts";
import { type ParseItem, type ParseOutcome, parsePage } from "../src/parse/parse_page.ts";
import {
  type ParseWorkerInit,
  useMarkdownPlugins,
  withComputedData,
} from "../src/parse/plugins.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

/** markdown-it with floe's and the site's plugins, and the registry it came from. */
interface Kept {
  readonly options: string;
  readonly md: ReturnType<typeof createMarkdown>;
  readonly registry: PluginRegistry;
}

type Parser = ((file: ParseItem) => Promise<ParseOutcome>) & { readonly kept: Kept };

serveWorker<ParseWorkerInit, ParseItem, ParseOutcome, Parser>(
  async ({ markdown, taxonomies, text, configModule }, previous) => {
    // markdown-it with its plugins is built once while the options and plugins stay the same.
    const options = JSON.stringify([markdown, configModule]);
    let kept = previous?.kept;
    if (kept?.options !== options) {
      const { registry } = await importPlugins(configModule);
      kept = { options, md: useMarkdownPlugins(createMarkdown(markdown), registry), registry };
    }
    startBuild(kept.registry);
    const { md, registry } = kept;
    const decoder = new TextDecoder();
    const parse = async (file: ParseItem): Promise<ParseOutcome> => {
      let outcome = await parsePage(md, file, taxonomies, text);
      if ("page" in outcome && registry.computed.length) {
        outcome = withComputedData(outcome.page, registry, decoder.decode(outcome.page.html));
      }
      // Encoded here, in parallel, for the parse cache: not on the main thread.
      return "page" in outcome ? { ...outcome, serialized: encodePage(outcome.page) } : outcome;
    };
    return Object.assign(parse, { kept });
  },
  // Bytes move to the main thread without a copy.
  (outcome) =>
    "page" in outcome
      ? [outcome.page.html.buffer as ArrayBuffer, outcome.serialized!.buffer as ArrayBuffer]
      : [],
);
