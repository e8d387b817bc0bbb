/**
 * File-system failures in words. Deno and Node errors carry a code (`ENOSPC`)
 * and a message made for programmers (`No space left on device (os error 28)`);
 * a diagnostic says what happened to the user's disk, and what to do about it.
 *
 * @module
 */

const WORDS: Readonly<Record<string, readonly [string, string]>> = Object.freeze({
  ENOSPC: ["the disk is full", "free some space on the disk and build again"],
  EDQUOT: ["the disk quota is used up", "free some space and build again"],
  ENAMETOOLONG: [
    "a file name is longer than the file system allows",
    "shorten the slug, url or file name",
  ],
  EROFS: ["the file system is read-only", "choose an output folder on a writable disk"],
  EACCES: ["permission denied", "check the folder's owner and permissions"],
  EPERM: ["operation not permitted", "check the folder's owner and permissions"],
  ENOENT: ["no such file or folder", "check the path"],
  ENOTDIR: ["a part of the path is a file, not a folder", "check the path"],
  EISDIR: ["the path is a folder, not a file", "check the path"],
  EMFILE: ["too many open files", "raise the open-file limit (ulimit -n) or use fewer --workers"],
  EIO: ["the disk reported an input/output error", "check the disk"],
});

/**
 * What went wrong, in words, with the system's code: `the disk is full (ENOSPC)`.
 *
 * @example
 * ```ts
 * import { describeIoError } from "./io_error.ts";
 * try {
 *   Deno.readTextFileSync("/nope");
 * } catch (e) {
 *   console.log(describeIoError(e)); // "no such file or folder (ENOENT)"
 * }
 * ```
 */
export function describeIoError(e: unknown): string {
  const code = ioErrorCode(e);
  const words = code ? WORDS[code]?.[0] : undefined;
  if (words) return `${words} (${code})`;
  const message = String((e as Error)?.message ?? e).replace(/\s*\(os error \d+\)/, "");
  return code ? `${message} (${code})` : message;
}

/**
 * What the user can do about a file-system failure, when floe knows.
 *
 * @example
 * ```ts
 * import { ioErrorHint } from "./io_error.ts";
 * console.log(ioErrorHint(Object.assign(new Error("x"), { code: "ENOSPC" })));
 * ```
 */
export function ioErrorHint(e: unknown): string | undefined {
  const code = ioErrorCode(e);
  return code ? WORDS[code]?.[1] : undefined;
}

/**
 * The error's system code (`ENOSPC`), from a Node error's `code` or a Deno
 * error's class and message; `undefined` for anything else.
 *
 * @example
 * ```ts
 * import { ioErrorCode } from "./io_error.ts";
 * console.log(ioErrorCode(new Deno.errors.NotFound("x"))); // "ENOENT"
 * ```
 */
export function ioErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
  if (e instanceof Deno.errors.NotFound) return "ENOENT";
  if (e instanceof Deno.errors.PermissionDenied) return "EACCES";
  if (e instanceof Deno.errors.AlreadyExists) return "EEXIST";
  if (e instanceof Deno.errors.IsADirectory) return "EISDIR";
  if (e instanceof Deno.errors.NotADirectory) return "ENOTDIR";
  const message = String((e as Error)?.message ?? "");
  if (/No space left on device/i.test(message)) return "ENOSPC";
  if (/File name too long/i.test(message)) return "ENAMETOOLONG";
  if (/Read-only file system/i.test(message)) return "EROFS";
  return undefined;
}
