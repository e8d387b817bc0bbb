/**
 * Post stage: copy `static/` and content assets into the output, as they are.
 *
 * @module
 */
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, isAbsolute, join, relative } from "node:path";
import type { CopyJob } from "../snapshot/build_snapshot.ts";

/**
 * Copies every job into `outDir`, a few at a time. Refuses targets outside `outDir`.
 *
 * @example
 * ```ts
 * import { copyFiles } from "./copy_files.ts";
 * await copyFiles([], "/tmp/out");
 * ```
 */
export async function copyFiles(
  jobs: readonly CopyJob[],
  outDir: string,
): Promise<number> {
  const dirs = new Map<string, Promise<unknown>>();
  const ensureDir = (dir: string) => {
    let made = dirs.get(dir);
    if (!made) dirs.set(dir, made = mkdir(dir, { recursive: true }));
    return made;
  };
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const target = join(outDir, job.to);
      const rel = relative(outDir, target);
      if (rel.startsWith("..") || isAbsolute(rel)) {
        throw new Error(
          `refusing to copy ${job.source} outside the output folder`,
        );
      }
      await ensureDir(dirname(target));
      await copyFile(job.from, target);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, jobs.length) }, worker));
  return jobs.length;
}
