/**
 * What changed since the last good build, and what stands: the output files a
 * new process finds as they were left, whether the site's structure is the same,
 * the last snapshot patched for pages whose body alone changed, and the read
 * keys that differ between two snapshots.
 *
 * @module
 */
import type { InputFile, Inputs } from "../discover/discover.ts";
import type { ParsedPage } from "../parse/parse_page.ts";
import type { ForeignUse } from "../parse/foreign_syntax.ts";
import { diffRecord, diffSnapshots } from "../remember/diff.ts";
import type { BuildState, Provenance } from "../remember/store.ts";
import { repatchPage, sameJson } from "../snapshot/patch_page.ts";
import { applyPatch } from "../snapshot/transfer.ts";
import type { CopyJob, PageRecord, Redirect, SiteSnapshot } from "../snapshot/types.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";
import { join } from "node:path";
import type { SiteChanges } from "./plan.ts";

/** The snapshot of a build and what was settled with it. */
export interface Site {
  readonly snapshot: SiteSnapshot;
  readonly copies: readonly CopyJob[];
  readonly redirects: readonly Redirect[];
  /** Warnings of the stages up to the snapshot. */
  readonly warnings: readonly Diagnostic[];
  /** The pages that use other tools' syntax, by source path (see `foreignUses`). */
  readonly foreign: ReadonlyMap<string, readonly ForeignUse[]>;
  readonly validUntil: number;
  /** Page URL → fingerprint of its body. */
  readonly bodies: ReadonlyMap<string, string>;
  /** What changed since the last good build; `null` for a full build. */
  readonly changes: SiteChanges | null;
  /** The last snapshot with some pages' records patched: the same pages, the same files. */
  readonly patched: boolean;
  /** Size and mtime of every input, by path. */
  readonly index: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * `state` without the outputs whose file is missing or has another size in the
 * output folder (someone deleted or edited it): they are made again.
 */
export function present(state: BuildState): BuildState {
  let outputs: Map<string, Provenance> | undefined;
  for (const [path, provenance] of state.outputs) {
    let size = -1;
    try {
      size = Deno.statSync(join(state.outDir, path)).size;
    } catch { /* missing */ }
    if (size === provenance.bytes) continue;
    outputs ??= new Map(state.outputs);
    outputs.delete(path);
  }
  return outputs ? { ...state, outputs } : state;
}

/** The keys of `before` that `after` lacks; cheap when the two hold the same keys. */
export function vanished(
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
): string[] {
  let added = 0;
  for (const key of after.keys()) if (!before.has(key)) added++;
  if (before.size + added === after.size) return [];
  return [...before.keys()].filter((key) => !after.has(key));
}

/** No input added, removed or moved, and layouts and data files untouched. */
export function sameStructure(
  last: BuildState,
  index: ReadonlyMap<string, unknown>,
  inputs: Inputs,
): boolean {
  if (index.size !== last.inputs.size) return false;
  for (const path of index.keys()) if (!last.inputs.has(path)) return false;
  return [...inputs.layouts, ...inputs.data].every((f) => sameStat(last.inputs.get(f.path), f));
}

export function sameStat(stat: readonly [number, number] | undefined, file: InputFile): boolean {
  return stat !== undefined && stat[0] === file.size && stat[1] === file.mtimeMs;
}

/**
 * The last site with the records of edited pages patched, when each edit can
 * change nothing but its page's record (see `repatchPage`: a body, a title that
 * keeps the page's place, a description, custom params). `null` otherwise: the
 * snapshot is built anew.
 */
export function patchSite(
  last: BuildState,
  before: readonly (ParsedPage | undefined)[],
  fresh: readonly ParsedPage[],
  urlsOf: (file: string) => readonly string[],
  taxonomies: readonly string[],
  bodyKey: (url: string, page: ParsedPage) => string,
): Omit<Site, "index" | "patched"> | null {
  const byFile = new Map(fresh.map((p) => [p.file, p]));
  const edited = new Map<string, { old: ParsedPage; page: ParsedPage }>();
  for (const old of before) {
    const page = old && byFile.get(old.file);
    if (!old || !page) return null;
    // A warning located in the page, or naming a line of it (`content/a.md:4:1`: the
    // other page of an alias conflict), would point at lines that may have moved.
    if (
      !sameJson(old.keyLocations, page.keyLocations) &&
      last.warnings.some((d) => d.file === page.file || d.message.includes(`${page.file}:`))
    ) {
      return null;
    }
    edited.set(page.file, { old, page });
  }
  if (edited.size !== fresh.length) return null;
  const keys = new Set<string>();
  const pages: [string, PageRecord][] = [];
  const bodies = new Map(last.bodies);
  for (const [file, { old, page }] of edited) {
    // Every record made from the file: the page, or a list page and its pages 2…n.
    const urls = urlsOf(file);
    const sameFrontMatter = sameJson(old.frontMatter, page.frontMatter);
    // A page with no record (a draft, say) may get one: that needs a new snapshot.
    if (!sameFrontMatter && !urls.length) return null;
    for (const url of urls) {
      const record = last.snapshot.pages.get(url)!;
      bodies.set(url, bodyKey(url, page));
      if (bodies.get(url) !== last.bodies.get(url)) keys.add(`b:${url}`);
      const next = sameFrontMatter
        ? patchBody(record, page)
        : repatchPage(last.snapshot, url, old, page, taxonomies);
      if (next === null) return null;
      if (diffRecord(`p:${url}`, record, next, keys)) pages.push([url, next]);
    }
  }
  const patch = { pages, sections: [], terms: [], taxonomies: [] };
  // The other pages' uses stand: only the edited ones are read again.
  const foreign = new Map(last.foreign);
  for (const [file, { page }] of edited) {
    if (page.foreign.length) foreign.set(file, page.foreign);
    else foreign.delete(file);
  }
  return {
    snapshot: pages.length ? applyPatch(last.snapshot, patch) : last.snapshot,
    copies: last.copies,
    redirects: last.redirects,
    warnings: last.warnings,
    foreign,
    validUntil: last.validUntil,
    bodies,
    changes: { keys, patch },
  };
}

/** A record whose page kept its front matter: only its excerpt and word count can differ. */
function patchBody(record: PageRecord, page: ParsedPage): PageRecord {
  return record.excerpt === page.excerpt && record.wordCount === page.wordCount
    ? record
    : Object.freeze({ ...record, excerpt: page.excerpt, wordCount: page.wordCount });
}

/** The read keys that differ from the last good build, and the patch for workers. */
export function changesSince(
  last: BuildState,
  snapshot: SiteSnapshot,
  bodies: ReadonlyMap<string, string>,
): SiteChanges {
  const diff = diffSnapshots(last.snapshot, snapshot);
  const keys = new Set(diff.keys);
  for (const [url, body] of bodies) if (last.bodies.get(url) !== body) keys.add(`b:${url}`);
  return { keys, patch: diff.patch };
}
