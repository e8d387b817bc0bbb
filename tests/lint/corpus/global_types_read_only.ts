// Reads a version string the host injects; this module never writes globals.
declare global {
  var __FLOE_VERSION__: string | undefined;
  var __FLOE_DEV__: boolean | undefined;
}

const FALLBACK_VERSION = "0.0.0-dev";

export function floeVersion(): string {
  return globalThis.__FLOE_VERSION__ ?? FALLBACK_VERSION;
}

export function isDev(): boolean {
  return globalThis.__FLOE_DEV__ === true;
}

export function generatorMeta(): string {
  return `<meta name="generator" content="floe ${floeVersion()}">`;
}

export function devBanner(html: string): string {
  return isDev() ? html.replace("<body>", '<body><div class="dev-banner">preview</div>') : html;
}
