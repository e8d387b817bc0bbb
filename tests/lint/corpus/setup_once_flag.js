// Registers template helpers on first use (JavaScript).
import { registerHelper } from "./template_engine.js";

let initialized = false; // expect: floe/no-module-mutable-state

const HELPERS = Object.freeze({
  upper: (s) => String(s).toUpperCase(),
  json: (v) => JSON.stringify(v),
  year: () => new Date().getUTCFullYear(),
});

export function setup() {
  if (initialized) return;
  initialized = true; // expect: floe/no-unguarded-singleton
  for (const [name, fn] of Object.entries(HELPERS)) registerHelper(name, fn);
}

export function render(template, data) {
  setup();
  return template.replace(/\{\{\s*(\w+)\s+(\w+)\s*\}\}/g, (whole, helper, key) => {
    const fn = HELPERS[helper];
    return fn ? String(fn(data[key])) : whole;
  });
}
