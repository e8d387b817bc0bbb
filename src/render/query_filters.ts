/**
 * Filters that query lists of pages in templates: `where`, `sortBy`, `limit`,
 * `reverse`, plus `readingTime` and `wordCount`. The lists come from the deep-frozen
 * snapshot, so every filter returns a new array and never touches its input.
 *
 * @module
 */
import type { Filter } from "../config/config.ts";

/**
 * Reads a dotted key (`"section.path"`, `"params.author"`) from a value; `undefined`
 * when any step is missing. `parts` is the key already split, so a filter splits
 * it once per call, not once per page.
 *
 * @example
 * ```ts
 * import { lookup } from "./query_filters.ts";
 * lookup({ section: { path: "blog" } }, ["section", "path"]); // "blog"
 * lookup({ section: null }, ["section", "path"]); // undefined
 * ```
 */
export function lookup(value: unknown, parts: readonly string[]): unknown {
  let current = value;
  for (const part of parts) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Creates the query filters. `language` picks the collation `sortBy` uses for
 * strings, so titles sort as readers of the site's language expect ("apple" before
 * "Banana"), the same on every machine:
 * - `where(list, key, value)` — items whose `key` (dotted) equals `value`, or, when
 *   it is an array (`params.tags`), contains it; without `value`, items whose `key`
 *   is truthy;
 * - `sortBy(list, key, order = "asc")` — stable; `null`/missing values last in
 *   either order; numbers by value, strings by collation;
 * - `limit(list, n)` — the first `n` items;
 * - `reverse(list)` — a reversed copy. Vento would otherwise call
 *   `Array.prototype.reverse`, which reverses in place and throws on frozen lists;
 * - `readingTime(pageOrWords, wordsPerMinute = 220)` — whole minutes, at least 1;
 * - `wordCount(page)` — `page.wordCount` (0 when the value has none).
 *
 * @example
 * ```ts
 * import { queryFilters } from "./query_filters.ts";
 * const f = queryFilters("en");
 * const pages = [{ title: "B", params: { tags: ["news"] } }, { title: "a", params: {} }];
 * f.where(pages, "params.tags", "news"); // [{ title: "B", … }]
 * f.sortBy(pages, "title"); // [{ title: "a", … }, { title: "B", … }]
 * ```
 */
export function queryFilters(language: string): Record<string, Filter> {
  // Made on first use: a thread's first collator loads ICU's data (10–25 ms), and
  // most templates never sort by text.
  let collator: Intl.Collator | undefined;
  const compare = (a: unknown, b: unknown): number => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
    collator ??= new Intl.Collator(language, { numeric: true });
    return collator.compare(String(a), String(b));
  };
  return {
    where: (list: unknown, key: unknown, ...value: unknown[]) => {
      const parts = keyParts("where", key);
      const items = asArray(list);
      // `where(list, key)` with no value at all: keep items whose key is truthy.
      if (value.length === 0) return items.filter((item) => Boolean(lookup(item, parts)));
      const wanted = value[0];
      return items.filter((item) => {
        const found = lookup(item, parts);
        return Array.isArray(found) ? found.includes(wanted) : found === wanted;
      });
    },
    sortBy: (list: unknown, key: unknown, order: unknown = "asc") => {
      const parts = keyParts("sortBy", key);
      const direction = String(order).toLowerCase();
      if (direction !== "asc" && direction !== "desc") {
        throw new Error(`sortBy: order must be "asc" or "desc", not ${JSON.stringify(order)}`);
      }
      const sign = direction === "desc" ? -1 : 1;
      // Decorate once: each key is looked up once per item, not once per comparison.
      const decorated = asArray(list).map((item) => ({ item, key: lookup(item, parts) }));
      decorated.sort((a, b) => {
        const aMissing = isMissing(a.key);
        const bMissing = isMissing(b.key);
        if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
        return sign * compare(a.key, b.key);
      });
      return decorated.map((d) => d.item);
    },
    limit: (list: unknown, n: unknown) => {
      const count = Math.floor(Number(n));
      return count > 0 ? asArray(list).slice(0, count) : [];
    },
    reverse: (value: unknown) => {
      if (typeof value === "string") return Array.from(value).reverse().join("");
      return asArray(value).toReversed();
    },
    readingTime: (value: unknown, wordsPerMinute: unknown = 220) => {
      const words = typeof value === "number" ? value : pageWords(value);
      const rate = Number(wordsPerMinute);
      const perMinute = Number.isFinite(rate) && rate > 0 ? rate : 220;
      return Math.max(1, Math.ceil((Number.isFinite(words) ? words : 0) / perMinute));
    },
    wordCount: (value: unknown) => typeof value === "number" ? value : pageWords(value),
  };
}

function keyParts(filter: string, key: unknown): string[] {
  if (typeof key !== "string" || key === "") {
    throw new Error(
      `${filter}: the key must be a non-empty string such as "title" or "params.tags", not ${
        JSON.stringify(key)
      }`,
    );
  }
  return key.split(".");
}

/** Arrays (frozen or not) as they are; `null`/`undefined` and other values as `[]`. */
function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isMissing(value: unknown): boolean {
  return value === null || value === undefined || Number.isNaN(value);
}

function pageWords(value: unknown): number {
  const words = (value as { wordCount?: unknown } | null | undefined)?.wordCount;
  return typeof words === "number" && Number.isFinite(words) ? words : 0;
}
