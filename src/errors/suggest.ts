/**
 * "Did you mean …?" hints for misspelt names (config keys, flags, commands, ids,
 * URLs).
 *
 * @module
 */

/**
 * The closest known name to a misspelt one, as a hint, or `undefined`.
 *
 * @example
 * ```ts
 * import { suggest } from "./suggest.ts";
 * suggest("titel", ["title", "baseURL"]); // 'did you mean "title"?'
 * ```
 */
export function suggest(
  name: string,
  known: readonly string[],
): string | undefined {
  const best = closestName(name, known);
  return best === undefined ? undefined : `did you mean "${best}"?`;
}

/**
 * The largest edit distance at which {@link closestName} still calls two names
 * close: 2, or a third of the name's length for longer names.
 *
 * @example
 * ```ts
 * import { closeDistance } from "./suggest.ts";
 * closeDistance("titel"); // 2
 * closeDistance("install-on-linux"); // 5
 * ```
 */
export function closeDistance(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/**
 * The known name nearest to `name`, ignoring case, when it is at most `maxDistance`
 * edits away (default {@link closeDistance}); the first of equally near ones.
 *
 * @example
 * ```ts
 * import { closestName } from "./suggest.ts";
 * closestName("instal-on-linux", ["install-on-linux", "usage"]); // "install-on-linux"
 * closestName("x", ["usage"]); // undefined
 * ```
 */
export function closestName(
  name: string,
  known: Iterable<string>,
  maxDistance: number = closeDistance(name),
): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of known) {
    const d = editDistanceWithin(wanted, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}

/**
 * Levenshtein distance: the fewest one-character edits that turn `a` into `b`.
 *
 * @example
 * ```ts
 * import { editDistance } from "./suggest.ts";
 * editDistance("titel", "title"); // 2
 * ```
 */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Math.max(a.length, b.length));
}

/**
 * {@link editDistance} when it is at most `max`, and `max + 1` otherwise — found
 * without filling the whole table: strings whose lengths differ by more than `max`
 * are not compared, only the cells within `max` of the diagonal are computed, and
 * the comparison stops at the first row that is all over `max`.
 *
 * @example
 * ```ts
 * import { editDistanceWithin } from "./suggest.ts";
 * editDistanceWithin("titel", "title", 3); // 2
 * editDistanceWithin("a", "abcdef", 2); // 3
 * ```
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  const over = max + 1;
  if (max < 0 || Math.abs(a.length - b.length) > max) return over;
  if (a === b) return 0;
  // A cell more than `max` off the diagonal costs more than `max`: it stays `over`.
  let previous = new Array<number>(b.length + 1).fill(over);
  let current = new Array<number>(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[0] = i <= max ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowMin = current[0];
    for (let j = from; j <= to; j++) {
      const d = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        over,
      );
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to < b.length) current[to + 1] = over;
    if (rowMin > max) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], over);
}
