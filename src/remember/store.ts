/**
 * Remember stage: what a build leaves for the next one, in memory (a session) and
 * on disk (`.floe-cache/` in the site folder, or `cacheDir`). Two files, each
 * written atomically (temporary file, then rename):
 *
 * - `parse.bin`: parsed pages by source path with the size and mtime they were
 *   parsed at; an entry is used only while the file still has that size and mtime.
 * - `state.bin`: the last good build — its fingerprint (cache format, floe and
 *   library versions, config, output folder), snapshot, page body fingerprints
 *   and one provenance record per output (hash, what it read, link scan).
 *
 * `state.bin` is deleted before the output folder is touched and written again
 * after, so a build killed in between leaves no state and the next build is a
 * full one. A file from another floe version or that cannot be read is ignored.
 *
 * @module
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { FLOE_VERSION } from "../base/version.ts";
import type { ParsedPage } from "../parse/parse_page.ts";
import type { PageScan } from "../render/render_page.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";

/** Bumped whenever what the cache holds changes shape. */
const CACHE_FORMAT = 1;

/**
 * What one output was made from.
 *
 * @example
 * ```ts
 * import type { Provenance } from "./store.ts";
 * const p: Provenance = { path: "index.html", kind: "page", hash: "…", bytes: 10, reads: ["p:/#title"] };
 * ```
 */
export interface Provenance {
  /** Path relative to the output folder. */
  readonly path: string;
  /** A page rendered from layouts, a site-wide file, or a copied file. */
  readonly kind: "page" | "site" | "copy";
  /** sha256 of the bytes (for copies: the source's path, size and mtime). */
  readonly hash: string;
  readonly bytes: number;
  /** Read keys (see `../snapshot/views.ts`); empty for untracked outputs. */
  readonly reads: readonly string[];
  /** Links and ids of a page, for the link check of later builds. */
  readonly scan?: PageScan;
}

/**
 * The last good build.
 *
 * @example
 * ```ts
 * import type { BuildState } from "./store.ts";
 * declare const state: BuildState;
 * console.log(state.outputs.size);
 * ```
 */
export interface BuildState {
  readonly fingerprint: string;
  readonly snapshot: SiteSnapshot;
  /** Page URL → fingerprint of its body and table of contents. */
  readonly bodies: ReadonlyMap<string, string>;
  /** Output path → provenance. */
  readonly outputs: ReadonlyMap<string, Provenance>;
}

/**
 * A parsed page, with the file's size and mtime when it was parsed and the parse
 * options it was parsed with.
 *
 * @example
 * ```ts
 * import type { ParseEntry } from "./store.ts";
 * declare const entry: ParseEntry;
 * console.log(entry.page.file, entry.size);
 * ```
 */
export interface ParseEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly options: string;
  readonly page: ParsedPage;
}

interface Envelope<T> {
  readonly format: number;
  readonly floe: string;
  readonly value: T;
}

/**
 * Reads `name` from the cache folder; `null` (never an exception) when it is
 * missing, unreadable, or from another floe version or cache format.
 *
 * @example
 * ```ts
 * import { loadCache, type BuildState } from "./store.ts";
 * const state = loadCache<BuildState>("/site/.floe-cache", "state.bin");
 * ```
 */
export function loadCache<T>(dir: string, name: string): T | null {
  try {
    const envelope = deserialize(readFileSync(join(dir, name))) as Envelope<T>;
    return envelope.format === CACHE_FORMAT && envelope.floe === FLOE_VERSION
      ? envelope.value
      : null;
  } catch {
    return null;
  }
}

/**
 * Writes `name` into the cache folder atomically.
 *
 * @example
 * ```ts
 * import { saveCache } from "./store.ts";
 * await saveCache("/site/.floe-cache", "parse.bin", new Map());
 * ```
 */
export async function saveCache<T>(dir: string, name: string, value: T): Promise<void> {
  await mkdir(dir, { recursive: true });
  const envelope: Envelope<T> = { format: CACHE_FORMAT, floe: FLOE_VERSION, value };
  const temp = join(dir, `.${name}.${Deno.pid}.tmp`);
  writeFileSync(temp, serialize(envelope));
  renameSync(temp, join(dir, name));
}

/**
 * Deletes `name` from the cache folder, if it is there.
 *
 * @example
 * ```ts
 * import { dropCache } from "./store.ts";
 * dropCache("/site/.floe-cache", "state.bin");
 * ```
 */
export function dropCache(dir: string, name: string): void {
  rmSync(join(dir, name), { force: true });
}
