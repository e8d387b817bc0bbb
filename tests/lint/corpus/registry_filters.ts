// A plugin API that lets users register filters from anywhere.
import type { Filter } from "jsr:@floe/floe";

const filters = new Map<string, Filter>(); // expect: floe/no-module-mutable-state

export function registerFilter(name: string, filter: Filter): void {
  if (filters.has(name)) {
    console.warn(`filter ${name} is registered twice; the last one wins`);
  }
  filters.set(name, filter);
}

export function unregisterFilter(name: string): boolean {
  return filters.delete(name);
}

export function applyFilter(name: string, value: unknown, ...args: unknown[]): unknown {
  const filter = filters.get(name);
  if (!filter) throw new Error(`unknown filter "${name}"`);
  return filter(value, ...args);
}

export function filterNames(): string[] {
  return [...filters.keys()].sort();
}
