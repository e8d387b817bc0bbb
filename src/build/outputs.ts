/**
 * The outputs that are not pages: copied files and site-wide files. Each is
 * made again only when what it depends on changed.
 *
 * @module
 */
import { type Body, BodyReader } from "../base/body.ts";
import { createHash } from "node:crypto";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DeepReadonly } from "../base/deep_freeze.ts";
import { sha256InPieces } from "../base/hash.ts";
import type { ResolvedConfig } from "../config/load_config.ts";
import type { InputFile, Inputs } from "../discover/discover.ts";
import { error } from "../errors/diagnostic.ts";
import { describeIoError, ioErrorHint } from "../errors/io_error.ts";
import type { OutboundLink, TocEntry } from "../parse/markdown.ts";
import { type SiteOutput, siteOutputs, type SiteSource } from "../post/outputs.ts";
import { PluginError, type PluginRegistry } from "../config/plugin.ts";
import { pluginDiagnostic } from "../config/plugin_diagnostic.ts";
import type { BuildState, Provenance } from "../remember/store.ts";
import type { CopyJob, Redirect } from "../snapshot/types.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";
import { createViews, type ReadTracker } from "../snapshot/views.ts";
import { describeRead, firstChanged } from "./plan.ts";
import type { KeyTable } from "../base/key_table.ts";
import { ReadLog, readMarks } from "../base/read_log.ts";
import type { BuildRun } from "./run.ts";

/**
 * What stays on the main thread about a page: its body, table of contents,
 * Markdown links and plain text (empty for generated pages).
 *
 * @example
 * ```ts
 * import type { PageData } from "./outputs.ts";
 * declare const data: PageData;
 * console.log(data.body.length, data.toc.length);
 * ```
 */
export interface PageData {
  /** UTF-8 HTML body, or where it is. */
  readonly body: Body;
  readonly toc: readonly TocEntry[];
  readonly sourceLinks: readonly OutboundLink[];
  /** UTF-8 plain text, or where it is. */
  readonly text: Body;
}

/**
 * Copies static files and bundle assets whose source changed or whose output is
 * new (`prior`: the last build's outputs in this output folder). A copy's hash is
 * its source's path, size and mtime: copying again is cheaper than hashing every
 * image of a site on every build.
 *
 * @example
 * ```ts
 * import { copyOutputs } from "./outputs.ts";
 * declare const run: import("./run.ts").BuildRun;
 * declare const inputs: import("../discover/discover.ts").Inputs;
 * const outputs = copyOutputs(run, [], inputs, null);
 * ```
 */
export function copyOutputs(
  run: BuildRun,
  copies: readonly CopyJob[],
  inputs: Inputs,
  prior: BuildState | null,
): Map<string, Provenance> {
  const bySource = new Map<string, InputFile>();
  for (const f of [...inputs.statics, ...inputs.assets]) bySource.set(f.abs, f);
  const outputs = new Map<string, Provenance>();
  for (const copy of copies) {
    const file = bySource.get(copy.from)!;
    const hash = `stat:${copy.source}:${file.size}:${file.mtimeMs}`;
    const previous = prior?.outputs.get(copy.to);
    outputs.set(copy.to, {
      path: copy.to,
      kind: "copy",
      hash,
      bytes: file.size,
      reads: new Uint32Array(0),
    });
    if (previous?.hash === hash) continue;
    const copied = stage(
      run,
      copy.to,
      copy.source,
      (target) => Deno.copyFileSync(copy.from, target),
    );
    if (!copied) continue;
    run.written.push(copy.to);
    run.explain.push({
      output: copy.to,
      cause: previous ? `${copy.source} changed` : "new output",
    });
  }
  return outputs;
}

/**
 * Writes one output into the staging folder; a file-system failure (a full
 * disk, a name too long) becomes a diagnostic naming the output and its source.
 */
function stage(
  run: BuildRun,
  path: string,
  source: string | undefined,
  write: (target: string) => void,
): boolean {
  const target = join(run.staging!.dir, path);
  try {
    run.ensureDir(dirname(target));
    write(target);
    return true;
  } catch (e) {
    return writeFailed(run, path, source, e);
  }
}

/**
 * {@link stage} for bytes written off this thread: a search index of 100,000 pages
 * is 0.25 GB, seconds of writing the render workers would otherwise wait through.
 */
async function stageBytes(run: BuildRun, path: string, bytes: Uint8Array): Promise<boolean> {
  const target = join(run.staging!.dir, path);
  try {
    run.ensureDir(dirname(target));
    await Deno.writeFile(target, bytes);
    return true;
  } catch (e) {
    return writeFailed(run, path, undefined, e);
  }
}

function writeFailed(run: BuildRun, path: string, source: string | undefined, e: unknown): false {
  run.diagnostics.push(
    error("io", `could not write ${path}: ${describeIoError(e)}`, {
      file: source,
      hint: ioErrorHint(e) ?? "check the disk and the output folder's permissions",
    }),
  );
  return false;
}

/**
 * Makes the site-wide files: an untracked one (cheap) always, a tracked one only
 * when it is new or a read it recorded changed. Writes those whose bytes changed.
 *
 * @example
 * ```ts
 * import { makeSiteOutputs } from "./outputs.ts";
 * declare const input: Parameters<typeof makeSiteOutputs>[0];
 * const outputs = await makeSiteOutputs(input);
 * ```
 */
export async function makeSiteOutputs(input: {
  readonly run: BuildRun;
  readonly config: DeepReadonly<ResolvedConfig>;
  readonly snapshot: SiteSnapshot;
  readonly redirects: readonly Redirect[];
  /** Whether a page or a copy writes this output path. */
  readonly taken: (path: string) => boolean;
  /** The site file (page or static file) that writes a taken output path, for the error. */
  readonly sourceOf: (path: string) => string | undefined;
  readonly pageData: (url: string) => PageData;
  /** A page's plain text (UTF-8, or where it is): `pageData(url).text`, without the rest. */
  readonly text: (url: string) => Body;
  /** Changed read keys by id, or `null` when everything is made anew. */
  readonly changed: Uint8Array | null;
  /** The last good build, when this one is incremental: what each output read. */
  readonly last: BuildState | null;
  /** The last build's outputs in this output folder: their hashes. */
  readonly prior: BuildState | null;
  readonly keys: KeyTable;
  readonly registry: PluginRegistry;
  /** Awaited between two outputs: lets other work on this thread go on. */
  readonly pause?: () => Promise<unknown>;
  /**
   * What `keep` made, for a session's next build: made against `last`, whose
   * changes since (`changed`) tell which values stand. Absent: nothing is kept.
   */
  readonly kept?: KeptValues;
}): Promise<Map<string, Provenance>> {
  const { run, snapshot, taken, last } = input;
  let specs: SiteOutput[];
  try {
    specs = siteOutputs({
      snapshot,
      redirects: input.redirects,
      config: input.config,
      taken,
      registry: input.registry,
    });
  } catch (e) {
    run.diagnostics.push(pluginDiagnostic(e, input.config.root));
    return new Map();
  }
  // A view's read is numbered once for every output that reads it (feeds, sitemap and
  // search read the same fields of every page).
  const keys = input.keys;
  const number = (key: string) => keys.intern(key);
  const tracker: ReadTracker = { reads: null, key: (record, field) => keys.field(record, field) };
  const marks = readMarks();
  const newLog = () => new ReadLog(marks, number);
  const views = createViews(snapshot, tracker);
  // Each body file opened once: the search index reads every page's text.
  const bodies = new BodyReader();
  const source: SiteSource = {
    views,
    allPages: () => {
      tracker.reads?.add("p:*");
      return [...snapshot.pages.keys()].map((url) => views.page(url));
    },
    body: (url) => {
      tracker.reads?.add(`b:${url}`);
      return bodies.text(input.pageData(url).body);
    },
    text: (url) => {
      tracker.reads?.add(`b:${url}`);
      return bodies.text(input.text(url));
    },
    memo: <T>(key: string, make: () => T): T => {
      let hit = memos.get(key);
      if (!hit) memos.set(key, hit = logged(make));
      for (const read of hit.reads) tracker.reads?.add(read);
      return hit.value as T;
    },
    keep: <T>(key: string, make: () => T): T => {
      // Nothing kept (a one-shot build): what `make` reads goes straight to the output's log.
      if (!kept) return make();
      let hit = kept.get(key);
      if (!hit) kept.set(key, hit = logged(make));
      for (const read of hit.reads) tracker.reads?.add(read);
      return hit.value as T;
    },
    pause: async () => {
      await input.pause?.();
    },
  };
  /** `make()`, and the ids of what it read. */
  const logged = (make: () => unknown): MadeValue => {
    const outer = tracker.reads;
    const reads = newLog();
    tracker.reads = reads;
    try {
      return { value: make(), reads: reads.ids };
    } finally {
      tracker.reads = outer;
    }
  };
  const memos = new Map<string, MadeValue>();
  const kept = input.kept;
  if (kept) dropChanged(kept, input.changed);
  const outputs = new Map<string, Provenance>();
  try {
    for (const spec of specs) {
      const twice = specs.find((other) => other !== spec && other.path === spec.path);
      if (outputs.has(spec.path) && twice) {
        run.diagnostics.push(
          error("url-collision", `${spec.path} is written by two outputs`, {
            hint:
              `plugins "${twice.plugin}" and "${spec.plugin}" both list it: remove one, or rename one of the plugins' files`,
          }),
        );
        continue;
      }
      if (taken(spec.path) || outputs.has(spec.path)) {
        const by = input.sourceOf(spec.path);
        run.diagnostics.push(
          error("url-collision", `${spec.path} is written by floe and by the site`, {
            file: by,
            hint: spec.path === "search-index.json"
              ? "rename the site's file, or set `search: false` in the config"
              : spec.plugin.startsWith("(")
              ? "floe writes this file itself: rename or remove the site's file or page"
              : `the plugin "${spec.plugin}" writes it: rename or remove the site's file or page`,
          }),
        );
        continue;
      }
      const previous = last?.outputs.get(spec.path);
      const cause = causeOf(spec, previous, input.changed, input.keys);
      if (cause !== null && spec.tracked) await input.pause?.();
      if (cause === null) outputs.set(spec.path, previous!);
      else {
        const hash = input.prior?.outputs.get(spec.path)?.hash;
        const made = await makeOne(run, spec, source, tracker, hash, cause, newLog);
        if ("path" in made) outputs.set(spec.path, made);
        else run.diagnostics.push(pluginDiagnostic(made.failed, input.config.root));
      }
    }
  } finally {
    bodies.close();
  }
  return outputs;
}

/**
 * A value `make` made, with the ids of what it read.
 *
 * @example
 * ```ts
 * import type { MadeValue } from "./outputs.ts";
 * const made: MadeValue = { value: "x", reads: [3, 4] };
 * ```
 */
export interface MadeValue {
  readonly value: unknown;
  readonly reads: readonly number[];
}

/**
 * The values `SiteSource.keep` made, by key, kept by a session between builds.
 *
 * @example
 * ```ts
 * import type { KeptValues } from "./outputs.ts";
 * const kept: KeptValues = new Map();
 * ```
 */
export type KeptValues = Map<string, MadeValue>;

/**
 * Drops the kept values that read a key changed since the last build (all of them
 * for a full build). Run every build over every value, made this time or before:
 * what stays has read nothing that changed since it was made. A deleted page's
 * values go too, as its keys change.
 */
function dropChanged(kept: KeptValues, changed: Uint8Array | null): void {
  if (changed === null) return kept.clear();
  for (const [key, { reads }] of kept) {
    if (reads.some((id) => changed[id])) kept.delete(key);
  }
}

function causeOf(
  spec: SiteOutput,
  previous: Provenance | undefined,
  changed: Uint8Array | null,
  keys: KeyTable,
): string | null {
  if (!previous || previous.kind !== "site") return "new output";
  if (changed === null) return "full build";
  if (!spec.tracked) return "always made";
  const id = firstChanged(previous.reads, changed);
  return id === undefined ? null : describeRead(keys.key(id));
}

async function makeOne(
  run: BuildRun,
  spec: SiteOutput,
  source: SiteSource,
  tracker: ReadTracker,
  previousHash: string | undefined,
  cause: string,
  newLog: () => ReadLog,
): Promise<Provenance | { failed: PluginError }> {
  const reads = newLog();
  // One output at a time: what this thread reads meanwhile (it only feeds workers)
  // goes through no view, so the log is this output's alone. An output made in
  // pieces reads as they are made, so the log stays open until the last one.
  tracker.reads = spec.tracked ? reads : null;
  let made: Made;
  try {
    const content = await spec.make(source);
    made = typeof content === "string" || content instanceof Uint8Array
      ? await hashWhole(content, source.pause)
      : isPieces(content)
      ? await stagePieces(run, spec.path, content, previousHash)
      : notContent(
        "must return a string, a Uint8Array or an async iterable of them, got ",
        content,
      );
  } catch (e) {
    return { failed: new PluginError(spec.plugin, "output", e, spec.path) };
  } finally {
    tracker.reads = null;
  }
  if (spec.tracked || made.hash !== previousHash) run.generated.push(spec.path);
  if (made.hash !== previousHash) {
    const written = "whole" in made ? await stageBytes(run, spec.path, made.whole) : made.staged;
    if (written) run.written.push(spec.path);
    run.explain.push({ output: spec.path, cause });
  }
  return {
    path: spec.path,
    kind: "site",
    hash: made.hash,
    bytes: made.bytes,
    reads: Uint32Array.from(reads.ids),
  };
}

/**
 * A made output: its hash and size, and its bytes, or whether they are in the
 * staging folder already (an output made in pieces is written as they come).
 */
type Made = { hash: string; bytes: number } & ({ whole: Uint8Array } | { staged: boolean });

async function hashWhole(content: string | Uint8Array, pause: () => Promise<void>): Promise<Made> {
  const whole = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { hash: await sha256InPieces(whole, pause), bytes: whole.length, whole };
}

function isPieces(content: unknown): content is AsyncIterable<string | Uint8Array> {
  return typeof (content as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

/** A plugin's `make` gave something that is not content: `what`, then the kind it got. */
function notContent(what: string, value: unknown): never {
  throw new TypeError(`make() ${what}${value === null ? "null" : typeof value}`);
}

/**
 * Writes an output made in pieces into the staging folder as they come, hashing
 * them on the way; takes the file out again when its bytes are the last build's.
 * A piece that is not text or bytes, or a plugin error while making them, leaves
 * no file behind; a file-system failure becomes a diagnostic.
 */
async function stagePieces(
  run: BuildRun,
  path: string,
  pieces: AsyncIterable<string | Uint8Array>,
  previousHash: string | undefined,
): Promise<Made> {
  const target = join(run.staging!.dir, path);
  const hash = createHash("sha256");
  const encoder = new TextEncoder();
  let bytes = 0;
  let fd: number | undefined;
  let failure: unknown;
  try {
    run.ensureDir(dirname(target));
    fd = openSync(target, "w");
  } catch (e) {
    failure = e;
  }
  try {
    for await (const piece of pieces) {
      const chunk = typeof piece === "string"
        ? encoder.encode(piece)
        : piece instanceof Uint8Array
        ? piece
        : notContent("gave a piece that is not a string or a Uint8Array: ", piece);
      hash.update(chunk);
      bytes += chunk.length;
      if (fd === undefined) continue;
      try {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
      } catch (e) {
        failure = e;
        closeSync(fd);
        fd = undefined;
      }
    }
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(target, { force: true });
    throw e;
  }
  if (fd !== undefined) closeSync(fd);
  const digest = hash.digest("hex");
  if (failure !== undefined || digest === previousHash) rmSync(target, { force: true });
  const staged = failure === undefined
    ? digest !== previousHash
    : writeFailed(run, path, undefined, failure);
  return { hash: digest, bytes, staged };
}
