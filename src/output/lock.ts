/**
 * One build at a time per output folder. Two processes building into one
 * folder would move their files over each other's and delete what the other
 * wrote; the second one is refused instead, naming the first. The lock is a
 * file next to the output folder holding the owner's process id; a lock left by
 * a process that no longer runs (killed with -9) is taken over.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { describeIoError, ioErrorCode } from "../errors/io_error.ts";

/** A held lock. */
export interface OutputLock {
  /** The output folder it guards. */
  readonly outDir: string;
  /** Gives the lock up (idempotent). */
  release(): void;
}

/**
 * Takes the lock of `outDir`, or says who holds it.
 *
 * @example
 * ```ts
 * import { lockOutput } from "./lock.ts";
 * const lock = lockOutput("/tmp/site/_site");
 * if ("release" in lock) lock.release();
 * ```
 */
export function lockOutput(outDir: string): OutputLock | Diagnostic {
  const path = join(dirname(outDir), `.${basename(outDir)}.floe-lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // An output folder in a folder that does not exist yet is made, as Hugo does.
      mkdirSync(dirname(outDir), { recursive: true });
      writeFileSync(path, `${Deno.pid}\n`, { flag: "wx" });
      let held = true;
      return {
        outDir,
        release() {
          if (!held) return;
          held = false;
          rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if (ioErrorCode(e) !== "EEXIST") {
        return error(
          "output-folder",
          `could not lock the output folder ${outDir}: ${describeIoError(e)}`,
          {
            hint:
              "floe writes a lock file next to the output folder; choose an output folder in a writable place",
          },
        );
      }
    }
    const owner = Number.parseInt(readText(path), 10);
    if (Number.isInteger(owner) && owner !== Deno.pid && isRunning(owner)) {
      return error(
        "output-folder",
        `another floe (process ${owner}) is building into ${outDir}`,
        { hint: `wait for it to finish or stop it; if no floe runs, delete ${path}` },
      );
    }
    rmSync(path, { force: true }); // left by a process that is gone
  }
  return error("output-folder", `could not lock the output folder ${outDir}`, {
    hint: "another process keeps creating the lock file; try again",
  });
}

/**
 * Whether a process with this id runs. Where the system cannot tell (no /proc),
 * it is assumed to run: a lock is never taken from a live build.
 *
 * @example
 * ```ts
 * import { isRunning } from "./lock.ts";
 * console.log(isRunning(Deno.pid)); // true
 * ```
 */
export function isRunning(pid: number): boolean {
  if (!existsSync("/proc/self")) return true;
  return existsSync(`/proc/${pid}`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
