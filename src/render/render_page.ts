/**
 * Render stage, one page: its Vento layout chain over the snapshot, then the file
 * written into the output folder. Runs in render workers; one renderer per worker
 * and build generation.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
import vento from "ventojs";
import { SafeString } from "ventojs/core/environment.js";
import type { Filter, MarkdownOptions } from "../config/config.ts";
import { type Diagnostic, error, lineColumnAt } from "../errors/diagnostic.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { receiveSnapshot, type SharedSnapshot } from "../snapshot/transfer.ts";
import type { Layout, Page } from "../snapshot/types.ts";
import type { TocEntry } from "../parse/markdown.ts";
import { scanHtml } from "../base/html_scan.ts";
import { builtinFilters } from "./filters.ts";

/**
 * `page` in templates: the snapshot's page plus its own table of contents.
 *
 * @example
 * ```ts
 * import type { RenderedPage } from "./render_page.ts";
 * declare const page: RenderedPage;
 * for (const h of page.toc) console.log(h.level, h.id, h.text);
 * ```
 */
export type RenderedPage = DeepReadonly<Page> & { readonly toc: readonly TocEntry[] };

/**
 * What a render worker receives once per build.
 *
 * @example
 * ```ts
 * import type { RenderInit } from "./render_page.ts";
 * declare const init: RenderInit;
 * console.log(init.outDir);
 * ```
 */
export interface RenderInit {
  readonly snapshot: SharedSnapshot;
  /** Absolute folder the worker writes into (the build's staging folder). */
  readonly outDir: string;
  /** URL of the site's config module, imported by the worker for the user's filters. */
  readonly configModule: string | null;
  /** Markdown options, for the `markdown` filter. */
  readonly markdown: MarkdownOptions;
  /** Collect links and ids for the link checker. */
  readonly scan: boolean;
}

/**
 * One page to render: its id in the snapshot, its HTML body and its table of
 * contents (page-local data travels with the page, not in the snapshot).
 *
 * @example
 * ```ts
 * import type { RenderItem } from "./render_page.ts";
 * const item: RenderItem = { id: 3, body: new TextEncoder().encode("<p>Hello</p>"), toc: [] };
 * ```
 */
export interface RenderItem {
  readonly id: number;
  /** UTF-8 HTML. */
  readonly body: Uint8Array;
  readonly toc: readonly TocEntry[];
}

/**
 * What rendering one page gives: the file written (path relative to the output
 * folder, sha256, size) or the page's diagnostics.
 *
 * @example
 * ```ts
 * import type { RenderOutcome } from "./render_page.ts";
 * const ok: RenderOutcome = {
 *   id: 0, outputPath: "index.html", hash: "…", bytes: 1200, scan: { links: [], ids: [] },
 * };
 * ```
 */
export type RenderOutcome =
  | {
    readonly id: number;
    readonly outputPath: string;
    readonly hash: string;
    readonly bytes: number;
    /** Links and ids in the written HTML, for the link checker. */
    readonly scan: PageScan;
  }
  | { readonly id: number; readonly diagnostics: readonly Diagnostic[] };

/**
 * What the link checker needs from a rendered page: its links with their lines in
 * the output, and its element ids (anchor targets).
 *
 * @example
 * ```ts
 * import type { PageScan } from "./render_page.ts";
 * const scan: PageScan = { links: [{ href: "/a/", line: 12 }], ids: ["intro"] };
 * ```
 */
export interface PageScan {
  readonly links: readonly { readonly href: string; readonly line: number }[];
  readonly ids: readonly string[];
}

/**
 * Prepares a renderer for one build: reads the shared snapshot and freezes it
 * again (structured clone drops frozenness), creates the Vento environment with an
 * in-memory loader over the snapshot's layouts, and the filters.
 *
 * @example
 * ```ts
 * import { createRenderer } from "./render_page.ts";
 * declare const init: import("./render_page.ts").RenderInit;
 * const render = await createRenderer(init);
 * const outcome = await render({ id: 0, body: new TextEncoder().encode("<p>Hi</p>"), toc: [] });
 * ```
 */
export async function createRenderer(
  init: RenderInit,
): Promise<(item: RenderItem) => Promise<RenderOutcome>> {
  const snapshot = receiveSnapshot(init.snapshot);
  const { layouts, site, data } = snapshot;
  const env = vento({
    autoescape: true,
    includes: {
      resolve: (from: string, file: string) => {
        const name = file.startsWith(".") ? join(dirname(from), file) : file;
        const clean = name.replace(/^\/+/, "");
        return /\.[a-z0-9]+$/i.test(clean) ? clean : `${clean}.vto`;
      },
      load: (file: string) => {
        const layout = layouts[file];
        if (!layout) {
          return Promise.reject(
            new Error(
              `layout "${file}" not found (looked in layouts/ and floe's defaults)`,
            ),
          );
        }
        return Promise.resolve({ source: layout.source });
      },
    },
  });
  const filters: Record<string, Filter> = {
    ...builtinFilters({ baseURL: site.baseURL, language: site.language, markdown: init.markdown }),
    ...(await importFilters(init.configModule)),
  };
  for (const [name, fn] of Object.entries(filters)) env.filters[name] = fn;
  const createdDirs = new Set<string>();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  return async ({ id, body, toc }) => {
    const source = snapshot.pages[id];
    // The page being rendered also has its table of contents.
    const page: RenderedPage = Object.freeze({ ...source, toc });
    let content: string = decoder.decode(body);
    for (const name of page.layouts) {
      try {
        const result = await env.run(name, {
          page,
          section: page.section,
          site,
          data,
          content: new SafeString(content),
        });
        content = result.content;
      } catch (e) {
        return {
          id,
          diagnostics: [
            await templateDiagnostic(e, layouts, page.file ?? page.url, name),
          ],
        };
      }
    }
    const target = join(init.outDir, page.outputPath);
    const rel = relative(init.outDir, target);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      return {
        id,
        diagnostics: [
          error(
            "unsafe-url",
            `refusing to write outside the output folder: ${page.outputPath}`,
            {
              file: page.file ?? undefined,
            },
          ),
        ],
      };
    }
    const dir = dirname(target);
    // Synchronous on purpose: the worker has nothing else to do meanwhile, and
    // node's async fs costs far more per small file.
    if (!createdDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      createdDirs.add(dir);
    }
    const bytes = encoder.encode(content);
    writeFileSync(target, bytes);
    const { links, ids } = init.scan ? scanHtml(content) : { links: [], ids: [] };
    return {
      id,
      outputPath: page.outputPath,
      hash: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      scan: { links: links.map(({ href, line }) => ({ href, line })), ids },
    };
  };
}

async function importFilters(configModule: string | null): Promise<Record<string, Filter>> {
  if (!configModule) return {};
  const mod = await import(configModule);
  return { ...(mod.default?.filters ?? {}) };
}

/** Turns a Vento error into a diagnostic pointing into the layout file. */
async function templateDiagnostic(
  e: unknown,
  layouts: DeepReadonly<Record<string, Layout>>,
  pageFile: string,
  running: string,
): Promise<Diagnostic> {
  const err = (e instanceof Error ? e : new Error(String(e))) as Error & {
    position?: number;
    file?: string;
    getContext?: () => unknown;
  };
  let context: {
    file?: string;
    position?: number;
    source?: string;
    type?: string;
  } = {};
  try {
    context = (await err.getContext?.() ?? {}) as typeof context;
  } catch { /* keep what the error itself says */ }
  const name = String(context.file ?? err.file ?? running).replace(/^\/+/, "");
  const layout = layouts[name] ?? layouts[running];
  const position = context.position ?? err.position;
  const where = position !== undefined && layout
    ? lineColumnAt(layout.source, position)
    : undefined;
  const missing = /not found \(looked in layouts/.test(err.message);
  const unknownFilter = /^Method "([^"]+)" is not a function/.exec(err.message);
  const syntax = !missing && !unknownFilter &&
    (err.name === "SourceError" || context.type === "SourceError" ||
      err.name === "SyntaxError");
  const [code, what, hint] = missing
    ? [
      "layout-missing",
      "template error",
      'include paths are relative to layouts/, e.g. {{ include "partials/nav.vto" }}',
    ]
    : unknownFilter
    ? [
      "template-filter",
      "unknown filter",
      `"${
        unknownFilter[1]
      }" is neither one of floe's filters (url, absURL, relURL, date, markdown, plainify, slugify, where, sortBy, limit, reverse, readingTime, wordCount), Vento's own (escape, unescape, empty) nor one of the config's filters`,
    ]
    : syntax
    ? [
      "template-syntax",
      "template syntax error",
      "check that every {{ tag }} is closed and every {{ if }}/{{ for }} has its {{ /if }}/{{ /for }}",
    ]
    : [
      "template-runtime",
      "template error",
      "a variable or property used here is undefined or not what the template expects; check its name and the page's front matter",
    ];
  return error(
    code,
    `${what}: ${err.message.replace(/^Error loading template: /, "")} (rendering ${pageFile})`,
    {
      file: layout?.file ?? name,
      line: where ? where.line + layout!.line - 1 : undefined,
      column: where?.column,
      hint,
    },
  );
}
