// Partials rendered with data; keyed by the serialised data.
import { renderTemplate } from "./template_engine.ts";

const MAX_ENTRIES = 1000;

const renderCache = new Map<string, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function renderPartial(name: string, data: Record<string, unknown>): string {
  const key = `${name}:${JSON.stringify(data)}`;
  const hit = renderCache.get(key);
  if (hit !== undefined) return hit;
  const html = renderTemplate(name, data);
  if (renderCache.size >= MAX_ENTRIES) renderCache.clear();
  renderCache.set(key, html);
  return html;
}

export function card(title: string, href: string): string {
  return renderPartial("card", { title, href });
}
