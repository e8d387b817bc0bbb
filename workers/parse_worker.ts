/**
 * Parse worker: front matter + Markdown. Never imports Vento (see DESIGN.md).
 *
 * @module
 */
import { createMarkdown } from "../src/parse/markdown.ts";
import { encodePage } from "../src/parse/page_codec.ts";
import {
  type ParseInit,
  type ParseItem,
  type ParseOutcome,
  parsePage,
} from "../src/parse/parse_page.ts";
import { serveWorker } from "../src/pool/serve_worker.ts";

type Parser = ((file: ParseItem) => Promise<ParseOutcome>) & {
  /** The Markdown options it was made with, and its markdown-it instance. */
  readonly markdown: { readonly options: string; readonly md: ReturnType<typeof createMarkdown> };
};

serveWorker<ParseInit, ParseItem, ParseOutcome, Parser>(
  ({ markdown, taxonomies, text }, previous) => {
    // markdown-it with its plugins is built once while the options stay the same.
    const options = JSON.stringify(markdown);
    const kept = previous?.markdown.options === options
      ? previous.markdown
      : { options, md: createMarkdown(markdown) };
    const parse = async (file: ParseItem): Promise<ParseOutcome> => {
      const outcome = await parsePage(kept.md, file, taxonomies, text);
      // Encoded here, in parallel, for the parse cache: not on the main thread.
      return "page" in outcome ? { ...outcome, serialized: encodePage(outcome.page) } : outcome;
    };
    return Object.assign(parse, { markdown: kept });
  },
  // Bytes move to the main thread without a copy.
  (outcome) =>
    "page" in outcome
      ? [outcome.page.html.buffer as ArrayBuffer, outcome.serialized!.buffer as ArrayBuffer]
      : [],
);
