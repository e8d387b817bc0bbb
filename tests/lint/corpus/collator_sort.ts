// Sorting helpers for list templates, with a stateless collator.
import type { Page } from "jsr:@floe/floe";

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

export type SortKey = "title" | "date" | "weight";

export function sortPages(pages: readonly Page[], key: SortKey, reverse = false): Page[] {
  const copy = [...pages];
  copy.sort((a, b) => {
    switch (key) {
      case "title":
        return collator.compare(a.title, b.title);
      case "date":
        return (a.date ?? "").localeCompare(b.date ?? "");
      case "weight":
        return a.weight - b.weight || collator.compare(a.title, b.title);
    }
  });
  if (reverse) copy.reverse();
  return copy;
}

export function alphabetical(names: readonly string[]): string[] {
  return names.toSorted(collator.compare);
}

export function initials(pages: readonly Page[]): Map<string, Page[]> {
  const byInitial = new Map<string, Page[]>();
  for (const page of sortPages(pages, "title")) {
    const initial = page.title.charAt(0).toUpperCase();
    const list = byInitial.get(initial) ?? [];
    list.push(page);
    byInitial.set(initial, list);
  }
  return byInitial;
}
