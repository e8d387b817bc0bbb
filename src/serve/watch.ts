/**
 * Watching a site's inputs with `Deno.watchFs`: the input folders recursively,
 * the site folder and the folders of the config's modules one level deep (an
 * editor that saves by writing a new file and renaming it over the old one
 * replaces the file a watch on the file itself would follow). A burst of events
 * (an editor writes several per save) becomes one change set once the file
 * system has been quiet for a moment.
 *
 * @module
 */
import { basename, dirname, relative, resolve, sep } from "node:path";

/**
 * What to watch: folders whose whole tree is input, and single files.
 *
 * @example
 * ```ts
 * import type { WatchTargets } from "./watch.ts";
 * const t: WatchTargets = { folders: ["site/content"], files: ["site/floe.config.ts"] };
 * ```
 */
export interface WatchTargets {
  /** Input folders (their subfolders too). A folder that does not exist yet is watched for. */
  readonly folders: readonly string[];
  /** Files outside those folders (the config and the local modules it imports). */
  readonly files: readonly string[];
  /**
   * Paths in the folders that are no input (`ignoredInput` of the discover stage:
   * dotfiles, editor backups, `node_modules`, the config's `ignore`): no change set.
   */
  readonly ignored?: (path: string) => boolean;
}

/**
 * Watches a site's inputs and calls back with each change set.
 *
 * @example
 * ```ts
 * import { SiteWatcher } from "./watch.ts";
 * const watcher = new SiteWatcher((paths) => console.log(paths), { quietMs: 10 });
 * watcher.watch({ folders: ["site/content"], files: ["site/floe.config.ts"] });
 * watcher.close();
 * ```
 */
export class SiteWatcher {
  readonly #onChange: (paths: string[], firstAt: number) => void;
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  /** Open watches by `path\0recursive`. */
  readonly #watches = new Map<string, Deno.FsWatcher>();
  #targets: {
    folders: string[];
    files: Set<string>;
    ignored?: (path: string) => boolean;
  } = { folders: [], files: new Set() };
  readonly #pending = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstAt = 0;
  #closed = false;

  /**
   * @param onChange called with the absolute paths of one change set and the
   *   `performance.now()` of its first event
   * @param options `quietMs`: how long the file system must be quiet before a
   *   change set is handed over; `maxWaitMs`: hand it over after this long
   *   whatever (a tool that writes without pause)
   */
  constructor(
    onChange: (paths: string[], firstAt: number) => void,
    options: { readonly quietMs?: number; readonly maxWaitMs?: number } = {},
  ) {
    this.#onChange = onChange;
    this.#quietMs = options.quietMs ?? 10;
    this.#maxWaitMs = options.maxWaitMs ?? 200;
  }

  /** Watches exactly these targets from now on (watches no longer needed are closed). */
  watch(targets: WatchTargets): void {
    const folders = targets.folders.map((f) => resolve(f));
    const files = new Set(targets.files.map((f) => resolve(f)));
    this.#targets = { folders, files, ignored: targets.ignored };
    const wanted = new Map<string, boolean>();
    for (const folder of folders) {
      if (isFolder(folder)) wanted.set(folder, true);
      // A missing input folder appears in its parent: watch that one level deep.
      else if (!wanted.has(dirname(folder))) wanted.set(dirname(folder), false);
    }
    for (const file of files) {
      if (!wanted.has(dirname(file))) wanted.set(dirname(file), false);
    }
    for (const [key, watcher] of this.#watches) {
      const [path, recursive] = key.split("\0");
      if (wanted.get(path) !== (recursive === "1")) {
        watcher.close();
        this.#watches.delete(key);
      }
    }
    for (const [path, recursive] of wanted) {
      const key = `${path}\0${recursive ? "1" : "0"}`;
      if (this.#watches.has(key)) continue;
      let watcher: Deno.FsWatcher;
      try {
        watcher = Deno.watchFs(path, { recursive });
      } catch {
        continue; // gone already: its parent's watch will tell when it is back
      }
      this.#watches.set(key, watcher);
      this.#listen(watcher);
    }
  }

  async #listen(watcher: Deno.FsWatcher): Promise<void> {
    try {
      for await (const event of watcher) {
        // "access" is a file closed after writing: its "modify" came before.
        if (event.kind === "access") continue;
        for (const path of event.paths) {
          if (this.#relevant(path)) this.#add(path);
        }
      }
    } catch {
      // The watched folder went away; `watch()` is called again after the next build.
    }
  }

  /** A path inside an input folder (or the folder itself), or one of the files. */
  #relevant(path: string): boolean {
    if (isEditorScratch(basename(path))) return false;
    if (this.#targets.files.has(path)) return true;
    return this.#targets.folders.some((folder) => {
      const rel = relative(folder, path);
      return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep));
    }) && !this.#targets.ignored?.(path);
  }

  #add(path: string): void {
    if (this.#closed) return;
    const now = performance.now();
    if (this.#pending.size === 0) this.#firstAt = now;
    this.#pending.add(path);
    clearTimeout(this.#timer);
    const wait = Math.min(this.#quietMs, Math.max(0, this.#firstAt + this.#maxWaitMs - now));
    this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#closed || this.#pending.size === 0) return;
    const paths = [...this.#pending].sort();
    this.#pending.clear();
    this.#onChange(paths, this.#firstAt);
  }

  /** Stops watching; no change set is handed over after this. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const watcher of this.#watches.values()) watcher.close();
    this.#watches.clear();
  }
}

function isFolder(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/** Files editors write beside the one being saved (vim's swap and probe files, emacs locks, backups). */
function isEditorScratch(name: string): boolean {
  return /^\.#|\.sw[a-p]$|\.swx$|~$|^4913$|\.tmp$|^\.goutputstream-/.test(name);
}
