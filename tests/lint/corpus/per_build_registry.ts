// A plugin registry created for each build and passed to the render functions.
import type { Page } from "jsr:@floe/floe";

export type Transform = (html: string, page: Page) => string;

export interface Registry {
  register(name: string, transform: Transform): void;
  apply(html: string, page: Page): string;
  readonly names: readonly string[];
}

export function createRegistry(): Registry {
  const transforms = new Map<string, Transform>();
  let order: string[] = [];
  return {
    register(name, transform) {
      if (transforms.has(name)) throw new Error(`transform ${name} registered twice`);
      transforms.set(name, transform);
      order = [...order, name];
    },
    apply(html, page) {
      let out = html;
      for (const name of order) out = transforms.get(name)!(out, page);
      return out;
    },
    get names() {
      return order;
    },
  };
}

export function withDefaults(registry: Registry): Registry {
  registry.register("external-links", (html) =>
    html.replace(/<a href="(https?:[^"]+)"/g, '<a href="$1" rel="noopener" target="_blank"'));
  registry.register("lazy-images", (html) => html.replace(/<img /g, '<img loading="lazy" '));
  return registry;
}
