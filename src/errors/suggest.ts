/**
 * "Did you mean …?" hints for misspelt names (config keys, flags, commands, ids).
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
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : `did you mean "${best}"?`;
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
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
