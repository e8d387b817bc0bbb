// Include files for templates: {{ include("snippets/cta.html") }}.
import { join } from "node:path";

const INCLUDE_ROOT = "./site/includes";

const fileCache = new Map<string, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function include(path: string): string {
  const cached = fileCache.get(path);
  if (cached !== undefined) return cached;
  const text = Deno.readTextFileSync(join(INCLUDE_ROOT, path));
  fileCache.set(path, text);
  return text;
}

export function includeIf(path: string, condition: unknown): string {
  return condition ? include(path) : "";
}

export function includeAll(paths: readonly string[], separator = "\n"): string {
  return paths.map((p) => include(p)).join(separator);
}

export function includeRaw(path: string): string {
  return include(path).replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
