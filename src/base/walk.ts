/**
 * The one folder walker: of the site's inputs (discover) and of an output folder
 * that a build without provenance must list. Synchronous and on `Deno.readDirSync`
 * on purpose: node's recursive `readdirSync` took 3–4x as long over the 100,000
 * page folders of a big site's output, and async calls cost ~7x more per entry.
 *
 * @module
 */
import { join } from "node:path";

/**
 * Calls `found` with every entry under `dir` that is not a folder (a file, a link,
 * anything else), in no particular order, until it returns `false`. A folder is
 * entered when `enter` says so; a link is handed to `found`, never followed.
 * `rel` is the path below `dir`, with `/` between segments.
 *
 * @example
 * ```ts
 * import { eachEntry } from "./walk.ts";
 * const files: string[] = [];
 * eachEntry(".", (_abs, rel, entry) => {
 *   if (entry.isFile) files.push(rel);
 * }, (rel) => rel !== ".git");
 * ```
 */
export function eachEntry(
  dir: string,
  found: (abs: string, rel: string, entry: Deno.DirEntry) => boolean | void,
  enter: (rel: string) => boolean = () => true,
): void {
  const visit = (abs: string, rel: string): boolean => {
    for (const entry of Deno.readDirSync(abs)) {
      const childAbs = join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) {
        if (enter(childRel) && !visit(childAbs, childRel)) return false;
      } else if (found(childAbs, childRel, entry) === false) {
        return false;
      }
    }
    return true;
  };
  visit(dir, "");
}
