// Plugin registry in a static readonly field: readonly binding, mutable Map.
import type { Page } from "jsr:@floe/floe";

export interface Plugin {
  readonly name: string;
  transform(html: string, page: Page): string;
}

export class Plugins {
  static readonly registry = new Map<string, Plugin>(); // expect: floe/no-module-mutable-state

  static register(plugin: Plugin): void {
    Plugins.registry.set(plugin.name, plugin);
  }

  static apply(html: string, page: Page): string {
    let out = html;
    for (const plugin of Plugins.registry.values()) out = plugin.transform(out, page);
    return out;
  }
}
