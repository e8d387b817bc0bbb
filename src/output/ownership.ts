/**
 * Whose folder the output folder is. A build replaces the output folder's
 * contents: every file the site does not produce is deleted. That is right for
 * a folder floe made and wrong for any other, so floe writes only into a folder
 * that does not exist yet, an empty one, or one it marked as its own when it
 * first wrote it (or that its cache remembers building). Anything else — a
 * file, a folder of someone's documents, a symlink — is refused before the
 * build starts, unless the user says to replace it.
 *
 * @module
 */
import { lstatSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Diagnostic, error } from "../errors/diagnostic.ts";

/** The file that marks a folder as floe's output: it is written into every output folder. */
export const OUTPUT_MARKER = ".floe-output";

const MARKER_TEXT = "This folder is the output of floe (a static site generator).\n" +
  "A build replaces its contents, and may delete files added here by hand.\n";

/** What the caller knows of the folder besides what is on disk. */
export interface ClaimOptions {
  /** The site's cache remembers a build into this folder (made before folders were marked). */
  readonly remembered: boolean;
  /** The user allowed replacing a folder floe did not make (`--replace-output`). */
  readonly replace: boolean;
}

/**
 * Why floe may not write `outDir`, or `null` when it may.
 *
 * @example
 * ```ts
 * import { refuseOutputFolder } from "./ownership.ts";
 * const problem = refuseOutputFolder("/tmp/site/_site", { remembered: false, replace: false });
 * if (problem) console.error(problem.message);
 * ```
 */
export function refuseOutputFolder(outDir: string, options: ClaimOptions): Diagnostic | null {
  let stat;
  try {
    stat = lstatSync(outDir);
  } catch {
    return null; // not there yet: the build makes it
  }
  if (stat.isSymbolicLink()) {
    return error("output-folder", `the output folder ${outDir} is a symbolic link`, {
      hint: "floe replaces the output folder's contents and does not follow links there; " +
        "point --out (or outputDir) at the real folder",
    });
  }
  if (!stat.isDirectory()) {
    return error("output-folder", `the output path ${outDir} is a file, not a folder`, {
      hint: "choose another --out (or outputDir); floe never replaces a file it did not write",
    });
  }
  if (options.replace || options.remembered) return null;
  const entries = readdirSync(outDir);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER)) return null;
  return error(
    "output-folder",
    `the output folder ${outDir} holds files floe did not write (${
      describe(entries)
    }), and a build deletes every file the site does not produce`,
    {
      hint: `choose a new or empty folder, empty this one yourself, or pass --replace-output ` +
        `to let floe replace its contents (floe marks its output folders with a ${OUTPUT_MARKER} file)`,
    },
  );
}

/**
 * Marks `dir` as floe's output folder (idempotent).
 *
 * @example
 * ```ts
 * import { markOutputFolder } from "./ownership.ts";
 * markOutputFolder(Deno.makeTempDirSync());
 * ```
 */
export function markOutputFolder(dir: string): void {
  const path = join(dir, OUTPUT_MARKER);
  try {
    if (lstatSync(path).isFile()) return;
  } catch { /* not there yet */ }
  writeFileSync(path, MARKER_TEXT);
}

function describe(entries: readonly string[]): string {
  const shown = [...entries].sort().slice(0, 3).map((e) => JSON.stringify(e)).join(", ");
  return entries.length > 3 ? `${shown} and ${entries.length - 3} more` : shown;
}
