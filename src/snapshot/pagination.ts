/**
 * Pagination of listings: `/blog/`, `/blog/page/2/`, … Each page of a listing is
 * its own page record (rendered like any other) with a `paginator`.
 *
 * @module
 */
import type { DraftPage } from "./draft.ts";
import type { Page, PagerLink, Paginator } from "./types.ts";
import { outputPathFor } from "./urls.ts";

/**
 * Splits `items` into pages of `size` (`0` = one page with everything) and gives
 * `list` the first page's paginator. Returns the extra pages (2…n), copies of
 * `list` at `<list.url>page/<n>/`. An empty listing still has one page.
 *
 * @example
 * ```ts
 * import { paginate } from "./pagination.ts";
 * declare const list: import("./draft.ts").DraftPage;
 * const extra = paginate(list, [], 10); // [] — one page, no items
 * ```
 */
export function paginate(list: DraftPage, items: readonly Page[], size: number): DraftPage[] {
  const per = size > 0 ? size : Math.max(1, items.length);
  const total = Math.max(1, Math.ceil(items.length / per));
  const urlOf = (n: number) => (n === 1 ? list.url : `${list.url}page/${n}/`);
  const numbers: PagerLink[] = Array.from(
    { length: total },
    (_, i) => ({ number: i + 1, url: urlOf(i + 1) }),
  );
  const pagerFor = (n: number): Paginator => ({
    items: items.slice((n - 1) * per, n * per),
    number: n,
    total,
    size: per,
    totalItems: items.length,
    first: numbers[0],
    last: numbers[total - 1],
    prev: n > 1 ? numbers[n - 2] : null,
    next: n < total ? numbers[n] : null,
    numbers,
  });
  list.paginator = pagerFor(1);
  const extra: DraftPage[] = [];
  for (let n = 2; n <= total; n++) {
    extra.push({
      ...list,
      url: urlOf(n),
      outputPath: outputPathFor(urlOf(n)),
      paginator: pagerFor(n),
      aliases: [],
      listed: false,
    });
  }
  return extra;
}
