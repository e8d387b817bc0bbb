// Plugin list and supported formats exported as plain arrays.
import type { Page } from "jsr:@floe/floe";

export interface BuildPlugin {
  readonly name: string;
  run(pages: readonly Page[]): Promise<void> | void;
}

export const plugins: BuildPlugin[] = []; // expect: floe/no-module-mutable-state
export const SUPPORTED = ["md", "html", "vto"]; // expect: floe/no-module-mutable-state
export const LIMITS = Object.freeze({ maxPages: 10_000, maxDepth: 8 });

export function use(plugin: BuildPlugin): void {
  plugins.push(plugin);
}

export async function runAll(pages: readonly Page[]): Promise<void> {
  for (const plugin of plugins) await plugin.run(pages);
}

export function isSupported(file: string): boolean {
  return SUPPORTED.some((ext) => file.endsWith(`.${ext}`));
}
