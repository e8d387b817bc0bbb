// Data files (YAML) loaded by path; the cache has a size limit.
import { parse as parseYaml } from "js-yaml";

const MAX_FILES = 64;

const dataCache = new Map<string, Readonly<Record<string, unknown>>>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function loadData(file: string): Readonly<Record<string, unknown>> {
  const hit = dataCache.get(file);
  if (hit) return hit;
  const value = Object.freeze(parseYaml(Deno.readTextFileSync(file)) as Record<string, unknown>);
  if (dataCache.size >= MAX_FILES) {
    const first = dataCache.keys().next().value;
    if (first !== undefined) dataCache.delete(first);
  }
  dataCache.set(file, value);
  return value;
}

export function dataValue(file: string, key: string): unknown {
  return loadData(file)[key];
}
