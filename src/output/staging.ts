/**
 * The output folder is replaced, never patched: a build writes into a staging
 * folder beside it and swaps it in only when everything succeeded, so a failed
 * build leaves the previous output exactly as it was.
 *
 * @module
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A staging folder for one build.
 *
 * @example
 * ```ts
 * import { createStaging } from "./staging.ts";
 * const staging = await createStaging("/site/_site");
 * // … write into staging.dir …
 * await staging.commit(); // or staging.discard()
 * ```
 */
export interface Staging {
  /** Absolute path to write the new output into. */
  readonly dir: string;
  /** Replaces the output folder with the staging folder. */
  commit(): Promise<void>;
  /** Removes the staging folder; the output folder is untouched. */
  discard(): Promise<void>;
}

/**
 * Creates an empty staging folder next to `outDir` (same file system, so the swap
 * is a rename). Its name starts with a dot and the process id.
 *
 * @example
 * ```ts
 * import { createStaging } from "./staging.ts";
 * const { dir } = await createStaging("/tmp/site/_site");
 * ```
 */
export async function createStaging(outDir: string): Promise<Staging> {
  const parent = dirname(outDir);
  const stamp = `${Deno.pid}-${Date.now().toString(36)}`;
  const dir = join(parent, `.${basename(outDir)}.floe-staging-${stamp}`);
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async commit() {
      const old = join(parent, `.${basename(outDir)}.floe-old-${stamp}`);
      let moved = false;
      try {
        await rename(outDir, old);
        moved = true;
      } catch (e) {
        if ((e as { code?: string }).code !== "ENOENT") throw e;
      }
      try {
        await rename(dir, outDir);
      } catch (e) {
        if (moved) await rename(old, outDir);
        throw e;
      }
      if (moved) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
