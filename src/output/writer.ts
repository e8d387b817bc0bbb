/**
 * The output writer. Workers write an output's bytes into a staging folder only
 * when they differ from what the previous build wrote; nothing touches the output
 * folder until the build has no errors. Then `commit` moves each staged file into
 * place with a rename (atomic per file: a reader never sees half a file) and
 * deletes the outputs that are no longer produced. An unchanged output is never
 * written, so it keeps its mtime. A first build (no output folder yet) renames
 * the whole staging folder into place.
 *
 * @module
 */
import { readdirSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { eachEntry } from "../base/walk.ts";
import { isRunning } from "./lock.ts";
import { markOutputFolder, OUTPUT_MARKER } from "./ownership.ts";

/**
 * A staging folder for one build.
 *
 * @example
 * ```ts
 * import { openStaging } from "./writer.ts";
 * const staging = await openStaging("/site/_site");
 * // … workers write changed outputs into staging.dir …
 * await staging.commit(["index.html"], ["old/index.html"]); // or staging.discard()
 * ```
 */
export interface Staging {
  /** Absolute path changed outputs are written into (same layout as the output folder). */
  readonly dir: string;
  /**
   * Moves the staged files `written` (paths relative to the output folder) into
   * the output folder and deletes `removed` there.
   */
  commit(written: readonly string[], removed: readonly string[]): Promise<void>;
  /** Removes the staging folder; the output folder is untouched. */
  discard(): Promise<void>;
}

/**
 * Creates an empty staging folder next to `outDir` (same file system, so each
 * move is a rename). Its name starts with a dot and the process id.
 *
 * @example
 * ```ts
 * import { openStaging } from "./writer.ts";
 * const { dir } = await openStaging("/tmp/site/_site");
 * ```
 */
export async function openStaging(outDir: string): Promise<Staging> {
  const dir = `${stagingPrefix(outDir)}${Deno.pid}-${Date.now().toString(36)}`;
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async commit(written, removed) {
      if (!exists(outDir)) {
        // The whole staging folder goes into place, marked as floe's.
        markOutputFolder(dir);
        renameSync(dir, outDir);
        return;
      }
      const made = new Set<string>();
      for (const path of written) {
        const target = join(outDir, path);
        const folder = dirname(target);
        if (!made.has(folder)) {
          Deno.mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        renameSync(join(dir, path), target);
      }
      const emptied = new Set<string>();
      for (const path of removed) {
        rmSync(join(outDir, path), { force: true });
        emptied.add(dirname(path));
      }
      pruneEmptyFolders(outDir, emptied);
      markOutputFolder(outDir);
      await rm(dir, { recursive: true, force: true });
    },
    async discard() {
      await removeFolder(dir);
    },
  };
}

/**
 * Removes a staging folder whose build was stopped. A render worker that was
 * terminated may still finish the one write it was in (a terminated thread stops
 * between operations, not inside one): a file can appear while the folder is
 * being removed, which then fails as not empty. Tried again a few times.
 */
async function removeFolder(dir: string): Promise<void> {
  for (let attempt = 1;; attempt++) {
    try {
      return await rm(dir, { recursive: true, force: true });
    } catch (e) {
      if ((e as { code?: string }).code !== "ENOTEMPTY" || attempt === 10) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * Every file under `dir`, as paths relative to it (`[]` if it does not exist):
 * what a build without provenance must assume the previous build wrote.
 *
 * @example
 * ```ts
 * import { listOutputFiles } from "./writer.ts";
 * console.log(listOutputFiles("/tmp/site/_site").length);
 * ```
 */
export function listOutputFiles(dir: string): string[] {
  if (!exists(dir)) return [];
  const files: string[] = [];
  eachEntry(dir, (_abs, path, entry) => {
    if ((entry.isFile || entry.isSymlink) && path !== OUTPUT_MARKER) files.push(path);
  });
  return files;
}

/** Where the staging folders of `outDir` are made: beside it, same file system. */
function stagingPrefix(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.floe-staging-`);
}

/**
 * Removes the staging folders of `outDir` left by builds whose process is gone
 * (killed with -9, or by a power cut): nobody else will. Called by the holder
 * of the output folder's lock, once, when it takes it.
 *
 * @example
 * ```ts
 * import { removeDeadStaging } from "./writer.ts";
 * removeDeadStaging("/tmp/site/_site");
 * ```
 */
export function removeDeadStaging(outDir: string): void {
  const prefix = basename(stagingPrefix(outDir));
  let names: string[];
  try {
    names = readdirSync(dirname(outDir));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== Deno.pid && !isRunning(pid)) {
      rmSync(join(dirname(outDir), name), { recursive: true, force: true });
    }
  }
}

/** Removes folders left empty by deletions, deepest first, never `root` itself. */
function pruneEmptyFolders(root: string, folders: ReadonlySet<string>): void {
  const all = new Set<string>();
  for (let folder of folders) {
    while (folder && folder !== ".") {
      all.add(folder);
      folder = dirname(folder);
    }
  }
  for (const folder of [...all].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(root, folder));
    } catch { /* not empty, or gone: keep going */ }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
