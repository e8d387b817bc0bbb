// Sorting terms with a collator created lazily.
import type { Term } from "jsr:@floe/floe";

let collator: Intl.Collator | undefined; // expect: floe/no-module-mutable-state

function getCollator(): Intl.Collator {
  return collator ?? (collator = new Intl.Collator("en", { numeric: true })); // expect: floe/no-unguarded-singleton
}

export function sortTerms(terms: readonly Term[]): Term[] {
  const c = getCollator();
  return [...terms].sort((a, b) => c.compare(a.name, b.name));
}

export function sortNames(names: readonly string[]): string[] {
  return [...names].sort(getCollator().compare);
}

export function groupByInitial(names: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const name of sortNames(names)) {
    const initial = name.charAt(0).toUpperCase();
    const list = groups.get(initial) ?? [];
    list.push(name);
    groups.set(initial, list);
  }
  return groups;
}
