// Counts builds across dev-server rebuilds with a global (JavaScript).
export function onBuildStart() {
  globalThis.__buildCount = (globalThis.__buildCount ?? 0) + 1; // expect: floe/no-module-mutable-state
  return globalThis.__buildCount;
}

export function banner() {
  const n = globalThis.__buildCount ?? 0;
  return `<!-- build #${n} -->`;
}

export function injectBanner(html) {
  return html.replace("<head>", `<head>${banner()}`);
}

export function isFirstBuild() {
  return (globalThis.__buildCount ?? 0) <= 1;
}

export function buildLabel(prefix = "build") {
  const n = globalThis.__buildCount ?? 0;
  return n === 0 ? `${prefix} (not started)` : `${prefix} #${n}`;
}
