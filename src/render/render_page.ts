/**
 * Render stage, one job: the page's Vento layout chain over views of the
 * snapshot, the output hashed, and the file written into the staging folder only
 * when its bytes differ from the previous build's. Every read of the snapshot, of
 * a template and of the page's own body is logged: that is the output's
 * provenance. Runs in render workers; one renderer per worker and build generation.
 *
 * @module
 */
import { type Body, BodyReader } from "../base/body.ts";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
// The entry without Vento's file loader (and the node:fs it loads): templates come
// from the snapshot, through the loader given to `vento`.
import vento from "npm:ventojs@2.4.0/web.js";
import { SafeString } from "npm:ventojs@2.4.0/core/environment.js";
import type { MarkdownOptions } from "../config/config.ts";
import { type Diagnostic, error, lineColumnAt } from "../errors/diagnostic.ts";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import {
  applyPatch,
  openSnapshot,
  type SharedSnapshot,
  type SnapshotPatch,
} from "../snapshot/transfer.ts";
import type { Layout, SiteSnapshot } from "../snapshot/types.ts";
import { createViews, type ReadTracker } from "../snapshot/views.ts";
import type { TocEntry } from "../parse/markdown.ts";
import { scanHtml } from "../base/html_scan.ts";
import { ReadLog, readMarks } from "../base/read_log.ts";
import { packStrings, type StringList } from "../base/string_list.ts";
import { type NewKeys, WorkerKeys } from "./worker_keys.ts";
import { builtinFilters } from "./filters.ts";
import { importPlugins, startBuild } from "../config/plugin.ts";
import { extendTemplates } from "./plugins.ts";
import { describeIoError, ioErrorHint } from "../errors/io_error.ts";
import { expandComponents, hasComponents, unknownComponent } from "./components.ts";

/**
 * What a render worker receives once per build: the whole snapshot, or a patch
 * to the snapshot it rendered the previous build with.
 *
 * @example
 * ```ts
 * import type { RenderInit } from "./render_page.ts";
 * declare const init: RenderInit;
 * console.log(init.outDir);
 * ```
 */
export interface RenderInit {
  /**
   * The snapshot: shared bytes (a worker), a patch to the previous generation's,
   * or the tables themselves (rendering on the thread that built them).
   */
  readonly snapshot:
    | SharedSnapshot
    | { readonly patch: SnapshotPatch }
    | { readonly tables: SiteSnapshot };
  /** Absolute folder the worker writes changed outputs into (the build's staging folder). */
  readonly outDir: string;
  /** URL of the site's config module, imported by the worker for the user's filters. */
  readonly configModule: string | null;
  /** Markdown options, for the `markdown` filter. */
  readonly markdown: MarkdownOptions;
  /** Collect links and ids for the link checker. */
  readonly scan: boolean;
}

/**
 * One render job: the page's URL (its key in the snapshot), its HTML body and
 * table of contents (page-local data travels with the job, not in the snapshot),
 * and the hash of what the previous build wrote for it, if anything.
 *
 * @example
 * ```ts
 * import type { RenderItem } from "./render_page.ts";
 * const item: RenderItem = { key: "/", body: new TextEncoder().encode("<p>Hi</p>"), toc: [], previousHash: null };
 * ```
 */
export interface RenderItem {
  readonly key: string;
  /** UTF-8 HTML, or where it is (read here, not on the main thread). */
  readonly body: Body;
  readonly toc: readonly TocEntry[];
  /** sha256 of the output the last build wrote; an equal result is not written again. */
  readonly previousHash: string | null;
}

/**
 * What rendering one job gives: the output (path relative to the output folder,
 * sha256, size, whether its bytes were written, what it read) or its diagnostics.
 *
 * @example
 * ```ts
 * import type { RenderOutcome } from "./render_page.ts";
 * const NONE = { text: "", ends: new Uint32Array(0) };
 * const ok: RenderOutcome = {
 *   key: "/", outputPath: "index.html", hash: "…", bytes: 1200, written: true,
 *   reads: new Uint32Array([0, 1]), worker: "a1b2",
 *   newKeys: {
 *     firstKey: 0, records: ["p:/"], fields: ["title"], whole: ["l:_default/home.vto"],
 *     keys: new Uint32Array([0, 0, 0xffffffff, 0]),
 *   },
 *   scan: { hrefs: NONE, lines: new Uint32Array(0), ids: NONE },
 * };
 * ```
 */
export type RenderOutcome =
  | {
    readonly key: string;
    readonly outputPath: string;
    readonly hash: string;
    readonly bytes: number;
    /** False when the bytes equal `previousHash`'s: the file was left alone. */
    readonly written: boolean;
    /**
     * What the output was made from: read keys (see `views.ts`), `l:<layout>`,
     * `b:<url>`, as ids in this worker's key table. Ids are cheap to send; a key
     * itself crosses once per worker, in `newKeys` of the first outcome that read it.
     */
    readonly reads: Uint32Array;
    /** Keys read here for the first time in this worker. */
    readonly newKeys: NewKeys;
    /** Which worker (its key table), for the ids above. */
    readonly worker: string;
    /** Links and ids in the HTML, for the link checker; absent when it is off. */
    readonly scan?: PageScan;
  }
  | { readonly key: string; readonly diagnostics: readonly Diagnostic[] };

/**
 * What the link checker needs from a rendered page: its links with their lines in
 * the output, and its element ids (anchor targets).
 *
 * @example
 * ```ts
 * import type { PageScan } from "./render_page.ts";
 * import { packStrings } from "../base/string_list.ts";
 * const scan: PageScan = {
 *   hrefs: packStrings(["/a/"]), lines: new Uint32Array([12]), ids: packStrings(["intro"]),
 * };
 * ```
 */
export interface PageScan {
  /**
   * Every link's href, each once, in document order; packed, as are `ids`: a site has
   * millions of them, and the thread that keeps them all would otherwise hold
   * (and trace, at every major GC) each as a string of its own.
   */
  readonly hrefs: StringList;
  /** The output line of each of `hrefs`. */
  readonly lines: Uint32Array;
  readonly ids: StringList;
}

/**
 * The links and ids of a page's HTML. Each href once, where it first is: the
 * checker reports a broken href once per page, at its first line (a layout
 * repeats some links: 30 hrefs, 23 distinct, on a page of the default theme).
 */
function scanOf(html: string): PageScan {
  const { links, ids } = scanHtml(html);
  const seen = new Set<string>();
  const hrefs: string[] = [];
  const lines: number[] = [];
  for (const { href, line } of links) {
    if (seen.has(href)) continue;
    seen.add(href);
    hrefs.push(href);
    lines.push(line);
  }
  return { hrefs: packStrings(hrefs), lines: new Uint32Array(lines), ids: packStrings(ids) };
}

/**
 * A render worker's handler for one build generation; it keeps the snapshot it
 * was made with, so the next generation can be made from a patch.
 *
 * @example
 * ```ts
 * import type { Renderer } from "./render_page.ts";
 * declare const render: Renderer;
 * console.log(render.snapshot.pages.size);
 * ```
 */
export type Renderer = ((item: RenderItem) => Promise<RenderOutcome>) & {
  readonly snapshot: SiteSnapshot;
  /** The snapshot's tables belong to this renderer alone (not the thread that built them). */
  readonly owned: boolean;
  /** The worker's read keys by id, kept for the worker's life. */
  readonly keys: WorkerKeys;
  /** The Vento environment, for the next generation to keep when it can. */
  readonly templates: Templates;
  /**
   * The body files it reads, each opened once: opening one for every page was 3%
   * of a render worker's time. Whoever runs the renderer closes them after each
   * batch, so no file outlives the build that deletes it.
   */
  readonly bodies: BodyReader;
};

/**
 * Prepares a renderer for one build: the snapshot (opened in shared memory, or
 * the previous generation's with a patch applied), views over it that log reads, the
 * Vento environment with an in-memory loader over the snapshot's layouts, and the
 * filters.
 *
 * @example
 * ```ts
 * import { createRenderer } from "./render_page.ts";
 * declare const init: import("./render_page.ts").RenderInit;
 * const render = await createRenderer(init);
 * const outcome = await render({ key: "/", body: new TextEncoder().encode("<p>Hi</p>"), toc: [], previousHash: null });
 * ```
 */
export async function createRenderer(
  init: RenderInit,
  previous?: Renderer,
): Promise<Renderer> {
  // The previous generation is dropped once this one exists: the tables it opened
  // in shared bytes are this worker's alone, and are patched in place.
  const owned = "patch" in init.snapshot
    ? requirePrevious(previous).owned
    : !("tables" in init.snapshot);
  const snapshot = "patch" in init.snapshot
    ? applyPatch(requirePrevious(previous).snapshot, init.snapshot.patch, owned)
    : "tables" in init.snapshot
    ? init.snapshot.tables
    : openSnapshot(init.snapshot);
  const { layouts } = snapshot;
  const templates = previous?.templates.layouts === layouts &&
      previous.templates.configModule === init.configModule
    ? previous.templates
    : createTemplates(
      init,
      snapshot,
      // A layout edit makes new templates, not a new plugin generation.
      previous?.templates.configModule === init.configModule
        ? previous.templates.plugins
        : await importPlugins(init.configModule),
    );
  // Plugins' per-build state is made anew for every build this worker renders.
  startBuild(templates.plugins.registry);
  const { env, tracker } = templates;
  const views = createViews(snapshot, tracker);
  const keys = previous?.keys ?? new WorkerKeys();
  const number = (key: string) => keys.key(key);
  tracker.key = (record, field) => keys.field(record, field);
  const marks = readMarks();
  const createdDirs = new Set<string>();
  const encoder = new TextEncoder();
  // One buffer for the encoded page, grown as needed: a page's bytes are hashed and
  // written before the next page is encoded.
  let buffer = new Uint8Array(1 << 16);
  const bodies = new BodyReader();

  const render = async ({ key, body, toc, previousHash }: RenderItem): Promise<RenderOutcome> => {
    const reads = new ReadLog(marks, number);
    reads.add(`b:${key}`);
    tracker.reads = reads;
    const page = views.rendered(key, toc);
    let content: string;
    try {
      content = bodies.text(body);
    } catch (e) {
      // A body file deleted under a running build.
      tracker.reads = null;
      return {
        key,
        diagnostics: [
          error("io", `could not read the body of ${page.file ?? key}: ${describeIoError(e)}`, {
            hint: "do not delete the cache folder while a build runs",
          }),
        ],
      };
    }
    try {
      if (hasComponents(content)) {
        const expanded = await renderComponents(content, page);
        if ("diagnostics" in expanded) return { key, diagnostics: expanded.diagnostics };
        content = expanded.html;
      }
      for (const name of page.layouts) {
        try {
          const result = await env.run(name, {
            page,
            section: page.section,
            site: views.site,
            data: views.data,
            content: new SafeString(content),
          });
          content = result.content;
        } catch (e) {
          return {
            key,
            diagnostics: [await templateDiagnostic(e, layouts, page.file ?? page.url, name)],
          };
        }
      }
    } finally {
      tracker.reads = null;
    }
    const target = join(init.outDir, page.outputPath);
    const rel = relative(init.outDir, target);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      return {
        key,
        diagnostics: [
          error("unsafe-url", `refusing to write outside the output folder: ${page.outputPath}`, {
            file: page.file ?? undefined,
          }),
        ],
      };
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (buffer.length < content.length * 3) buffer = new Uint8Array(content.length * 3);
    const bytes = buffer.subarray(0, encoder.encodeInto(content, buffer).written);
    const hash = createHash("sha256").update(bytes).digest("hex");
    const written = hash !== previousHash;
    if (written) {
      const dir = dirname(target);
      // Synchronous on purpose: the worker has nothing else to do meanwhile, and
      // node's async fs costs far more per small file.
      try {
        makeFolderIn(init.outDir, dir, createdDirs);
        writeFileSync(target, bytes);
      } catch (e) {
        // A full disk or a name too long is the page's problem to report, not a crash.
        return {
          key,
          diagnostics: [
            error("io", `could not write ${page.outputPath}: ${describeIoError(e)}`, {
              file: page.file ?? undefined,
              hint: ioErrorHint(e) ?? "check the disk and the output folder's permissions",
            }),
          ],
        };
      }
    }
    return {
      key,
      outputPath: page.outputPath,
      hash,
      bytes: bytes.length,
      written,
      reads: Uint32Array.from(reads.ids),
      newKeys: keys.take(),
      worker: keys.worker,
      // Three typed arrays a page, 100,000 times over, for a thread that would drop them.
      ...(init.scan ? { scan: scanOf(content) } : {}),
    };
  };
  /**
   * Replaces the body's component placeholders with their templates, run through
   * `env` so the loader logs `l:components/<name>.vto` as this output's read. Only
   * where components are on (the site's setting, or the page's `components:
   * true`): a `<floe-component>` written as raw HTML on another page stays HTML.
   */
  const renderComponents = async (
    html: string,
    page: ReturnType<typeof views.rendered>,
  ): Promise<{ html: string } | { diagnostics: Diagnostic[] }> => {
    if (init.markdown.components !== true && page.params.components !== true) return { html };
    const pageFile = page.file ?? page.url;
    const expanded = await expandComponents(html, layouts, async (template, props, inner) => {
      const result = await env.run(template, {
        ...props,
        content: new SafeString(inner),
        page,
        site: views.site,
        data: views.data,
      });
      return result.content;
    });
    if ("html" in expanded) return expanded;
    const { call, template, error: thrown } = expanded.failure;
    return {
      diagnostics: [
        "error" in expanded.failure
          ? await templateDiagnostic(thrown, layouts, pageFile, template)
          : unknownComponent(call, pageFile, layouts),
      ],
    };
  };
  return Object.assign(render, { snapshot, owned, templates, keys, bodies });
}

/**
 * The Vento environment of a render worker: compiled templates, filters, and
 * the tracker the loader logs templates into. Kept from one build generation to
 * the next while the layouts and the config module are the same, so an edit
 * does not compile every template again.
 */
interface Templates {
  readonly env: ReturnType<typeof vento>;
  /** Reads of the job being rendered; a worker renders one job at a time. */
  readonly tracker: ReadTracker;
  readonly layouts: SiteSnapshot["layouts"];
  readonly configModule: string | null;
  /** The config's plugins, as this worker loaded them for the generation. */
  /** The config's filters and the registry of its plugins, loaded once per config generation. */
  readonly plugins: Awaited<ReturnType<typeof importPlugins>>;
}

function createTemplates(
  init: RenderInit,
  snapshot: SiteSnapshot,
  plugins: Templates["plugins"],
): Templates {
  const { layouts } = snapshot;
  const tracker: ReadTracker = { reads: null };
  const env = vento({
    autoescape: true,
    includes: {
      resolve: (from: string, file: string) => {
        const name = file.startsWith(".") ? join(dirname(from), file) : file;
        const clean = name.replace(/^\/+/, "");
        const resolved = /\.[a-z0-9]+$/i.test(clean) ? clean : `${clean}.vto`;
        // Called on every load, cached or not: the one place that sees each template a job uses.
        tracker.reads?.add(`l:${resolved}`);
        return resolved;
      },
      load: (file: string) => {
        const layout = layouts[file];
        if (!layout) {
          return Promise.reject(
            new Error(`layout "${file}" not found (looked in layouts/ and floe's defaults)`),
          );
        }
        return Promise.resolve({ source: layout.source });
      },
    },
  });
  const { filters, registry } = plugins;
  const builtin = builtinFilters({
    baseURL: snapshot.site.baseURL,
    language: snapshot.site.language,
    markdown: init.markdown,
    markdownPlugins: registry.markdown,
  });
  extendTemplates(env, registry, builtin, filters);
  guardIncludes(env);
  return { env, tracker, layouts, configModule: init.configModule, plugins };
}

/** How deep includes may nest: far beyond any real layout, well before a loop eats the memory. */
const MAX_INCLUDE_DEPTH = 64;

/** An include that, directly or through others, includes itself. */
class IncludeLoop extends Error {
  override name = "IncludeLoop";
}

/**
 * Counts how deep `{{ include }}`s nest (Vento runs each through `env.run`) and
 * stops a loop with the chain of files, instead of recursing until the worker
 * runs out of memory. A worker renders one page at a time, so one count serves.
 */
function guardIncludes(env: ReturnType<typeof vento>): void {
  const run = env.run.bind(env);
  const chain: string[] = [];
  env.run = async (file: string, ...rest: unknown[]) => {
    if (chain.length >= MAX_INCLUDE_DEPTH) {
      const first = chain.lastIndexOf(file);
      const loop = first >= 0 ? [...chain.slice(first), file] : [...chain.slice(-8), file];
      throw new IncludeLoop(
        `includes nest more than ${MAX_INCLUDE_DEPTH} deep: ${loop.join(" → ")}`,
      );
    }
    chain.push(file);
    try {
      return await (run as (...args: unknown[]) => ReturnType<typeof env.run>)(file, ...rest);
    } finally {
      chain.pop();
    }
  };
}

/** Tags that are not a plain expression to print. */
const STATEMENT =
  /^(?:[#>\/-]|(?:if|else|for|include|set|layout|function|export|import|echo|async|await)\b)/;

/**
 * The offset of the first `{{ expression }}` of a layout that is not valid
 * JavaScript. Vento compiles a whole layout into one function, and a syntax
 * error in it says what is wrong but not where: each printed expression (the
 * part before any `|>` filter) is tried on its own to find the one.
 */
function badExpressionAt(source: string): number | undefined {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  for (const tag of source.matchAll(/\{\{-?([^]*?)-?\}\}/g)) {
    const code = tag[1].trim();
    if (!code || STATEMENT.test(code)) continue;
    try {
      new AsyncFunction(`return (${code.split("|>")[0]});`);
    } catch (e) {
      if (e instanceof SyntaxError) return tag.index;
    }
  }
  return undefined;
}

function requirePrevious(previous: Renderer | undefined): Renderer {
  if (!previous) throw new Error("a snapshot patch arrived before any snapshot");
  return previous;
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
  const position = context.position ?? err.position ??
    (err.name === "SyntaxError" && layout ? badExpressionAt(layout.source) : undefined);
  const where = position !== undefined && layout
    ? lineColumnAt(layout.source, position)
    : undefined;
  const loop = err.name === "IncludeLoop" || /includes nest more than \d+ deep/.test(err.message);
  const missing = /not found \(looked in layouts/.test(err.message);
  const unknownFilter = /^Method "([^"]+)" is not a function/.exec(err.message);
  const plugin = /^plugin "[^"]*" failed /.test(err.message);
  const syntax = !loop && !missing && !unknownFilter && !plugin &&
    (err.name === "SourceError" || context.type === "SourceError" ||
      err.name === "SyntaxError");
  const [code, what, hint] = loop
    ? [
      "include-loop",
      "include loop",
      "an include that includes itself, directly or through other files, never ends; break the cycle",
    ]
    : missing
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
    : plugin
    ? [
      "plugin",
      "template error",
      "a plugin's filter or tag threw while this page rendered; the message is the plugin's own",
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

/**
 * Creates `dir` inside the staging folder `root`, one level at a time and never
 * `root` itself: a worker stopped with its build may finish the write it was in
 * after the folder was removed, and must not bring the folder back (it fails
 * instead). `made` holds the folders made so far, so each costs one call.
 */
function makeFolderIn(root: string, dir: string, made: Set<string>): void {
  if (made.has(dir) || dir === root || dirname(dir) === dir) return;
  makeFolderIn(root, dirname(dir), made);
  try {
    Deno.mkdirSync(dir);
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
  }
  made.add(dir);
}
