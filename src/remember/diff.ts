/**
 * What changed between two snapshots, as read keys (the same keys views log, see
 * `../snapshot/views.ts`) and as a patch for the workers that hold the old one.
 * Records are compared field by field: a title edit changes `p:<url>#title` and
 * nothing else, so only outputs that read that title are made again.
 *
 * @module
 */
import type { SnapshotPatch } from "../snapshot/transfer.ts";
import type { SiteSnapshot } from "../snapshot/types.ts";

/**
 * The changed read keys and the patch from `old` to `next`.
 *
 * @example
 * ```ts
 * import type { SnapshotChanges } from "./diff.ts";
 * declare const changes: SnapshotChanges;
 * console.log(changes.keys.has("p:/about/#title"));
 * ```
 */
export interface SnapshotChanges {
  readonly keys: ReadonlySet<string>;
  readonly patch: SnapshotPatch;
}

/**
 * Compares two snapshots record by record and field by field.
 *
 * @example
 * ```ts
 * import { diffSnapshots } from "./diff.ts";
 * declare const a: import("../snapshot/types.ts").SiteSnapshot;
 * declare const b: import("../snapshot/types.ts").SiteSnapshot;
 * const { keys } = diffSnapshots(a, b);
 * ```
 */
export function diffSnapshots(old: SiteSnapshot, next: SiteSnapshot): SnapshotChanges {
  const keys = new Set<string>();
  const pages = diffTable("p:", old.pages, next.pages, keys);
  // Enumerating every page (the sitemap does) reads the set of pages.
  if (pages.some(([url, record]) => record === null || !old.pages.has(url))) keys.add("p:*");
  const patch: {
    -readonly [K in keyof SnapshotPatch]: SnapshotPatch[K];
  } = {
    pages,
    sections: diffTable("s:", old.sections, next.sections, keys),
    terms: diffTable("t:", old.terms, next.terms, keys),
    taxonomies: diffTable("x:", old.taxonomies, next.taxonomies, keys),
  };
  if (diffRecord("site", old.site, next.site, keys)) patch.site = next.site;
  if (diffEntries("d:", old.data, next.data, keys)) patch.data = next.data;
  // Listing `data` (`d:*`) reads which entries there are.
  if (Object.keys(old.data).join("\0") !== Object.keys(next.data).join("\0")) keys.add("d:*");
  if (diffEntries("l:", old.layouts, next.layouts, keys)) patch.layouts = next.layouts;
  return { keys, patch };
}

function diffTable<T extends object>(
  prefix: string,
  old: ReadonlyMap<string, T>,
  next: ReadonlyMap<string, T>,
  keys: Set<string>,
): [string, T | null][] {
  const changes: [string, T | null][] = [];
  for (const [key, record] of next) {
    const before = old.get(key);
    if (before === record) continue;
    if (!before) {
      allFields(`${prefix}${key}`, record, keys);
      changes.push([key, record]);
    } else if (diffRecord(`${prefix}${key}`, before, record, keys)) changes.push([key, record]);
  }
  for (const [key, record] of old) {
    if (next.has(key)) continue;
    allFields(`${prefix}${key}`, record, keys);
    changes.push([key, null]);
  }
  return changes;
}

/**
 * Adds `<prefix>#<field>` to `keys` for every field of two records that
 * differs; true if any did.
 *
 * @example
 * ```ts
 * import { diffRecord } from "./diff.ts";
 * const keys = new Set<string>();
 * diffRecord("p:/a/", { title: "A", weight: 1 }, { title: "B", weight: 1 }, keys);
 * console.log([...keys]); // ["p:/a/#title"]
 * ```
 */
export function diffRecord(prefix: string, old: object, next: object, keys: Set<string>): boolean {
  const a = old as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  let changed = false;
  for (const field in b) {
    if (!sameValue(a[field], b[field])) {
      keys.add(`${prefix}#${field}`);
      changed = true;
    }
  }
  for (const field in a) {
    if (!(field in b)) {
      keys.add(`${prefix}#${field}`);
      changed = true;
    }
  }
  return changed;
}

function allFields(prefix: string, record: object, keys: Set<string>): void {
  for (const field in record) keys.add(`${prefix}#${field}`);
}

/** Adds `<prefix><name>` for every entry of two name → value tables that differs. */
function diffEntries(
  prefix: string,
  old: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
  keys: Set<string>,
): boolean {
  let changed = false;
  for (const name of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (!sameValue(old[name], next[name])) {
      keys.add(`${prefix}${name}`);
      changed = true;
    }
  }
  return changed;
}

/**
 * Plain-data equality (records hold only JSON-like values). Walks both values
 * instead of serializing them: most fields are equal, and most are small.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!Object.hasOwn(y, key) || !sameValue(x[key], y[key])) return false;
  return true;
}
