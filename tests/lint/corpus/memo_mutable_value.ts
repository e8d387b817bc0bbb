// Front matter parsing, memoised by the source text.
import { parse as parseYaml } from "js-yaml";

export interface PageMeta {
  title: string;
  tags: string[];
  extra: Record<string, unknown>;
}

const metaCache = new Map<string, PageMeta>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

const FENCE = /^---\n([\s\S]*?)\n---\n/;

export function frontMatter(source: string): PageMeta {
  const cached = metaCache.get(source);
  if (cached) return cached;
  const match = FENCE.exec(source);
  const raw = (match ? parseYaml(match[1]) : {}) as Record<string, unknown>;
  const meta: PageMeta = {
    title: String(raw.title ?? ""),
    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],
    extra: { ...raw },
  };
  metaCache.set(source, meta);
  return meta;
}

export function clearFrontMatterCache(): void {
  metaCache.clear();
}
