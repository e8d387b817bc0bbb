// Pagination helpers for list pages.
export interface PageSlice<T> {
  readonly number: number;
  readonly items: readonly T[];
  readonly total: number;
  readonly prev: number | null;
  readonly next: number | null;
}

export function* paginate<T>(items: readonly T[], perPage: number): Generator<PageSlice<T>> {
  if (perPage <= 0) throw new RangeError("perPage must be positive");
  const total = Math.max(1, Math.ceil(items.length / perPage));
  for (let number = 1; number <= total; number++) {
    yield {
      number,
      items: items.slice((number - 1) * perPage, number * perPage),
      total,
      prev: number > 1 ? number - 1 : null,
      next: number < total ? number + 1 : null,
    };
  }
}

export function pageUrl(base: string, number: number): string {
  return number === 1 ? base : `${base.replace(/\/$/, "")}/page/${number}/`;
}

export function pagerWindow(current: number, total: number, size = 5): number[] {
  const half = Math.floor(size / 2);
  let start = Math.max(1, current - half);
  const end = Math.min(total, start + size - 1);
  start = Math.max(1, end - size + 1);
  const out: number[] = [];
  for (let n = start; n <= end; n++) out.push(n);
  return out;
}
