// Plugin defaults and filters exported as plain objects.
import type { Filter } from "jsr:@floe/floe";

export const DEFAULTS = { // expect: floe/no-module-mutable-state
  minify: true,
  sourcemaps: false,
  target: "es2022",
};

export const IGNORED_DIRS = ["node_modules", ".git", "_site"]; // expect: floe/no-module-mutable-state

export const filters: Record<string, Filter> = { // expect: floe/no-module-mutable-state
  upper: (value) => String(value).toUpperCase(),
  lower: (value) => String(value).toLowerCase(),
  json: (value) => JSON.stringify(value, null, 2),
};

export function isIgnored(path: string): boolean {
  return path.split("/").some((part) => IGNORED_DIRS.includes(part));
}

export function options(overrides: Partial<typeof DEFAULTS>): typeof DEFAULTS {
  return { ...DEFAULTS, ...overrides };
}
