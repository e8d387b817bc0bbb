// Tag sets parsed from front matter text, memoised and cleared per build.
const tagSets = new Map<string, Set<string>>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

const TAGS_LINE = /^tags:\s*\[(.*)\]\s*$/m;

export function tagsOf(frontMatter: string): Set<string> {
  const known = tagSets.get(frontMatter);
  if (known) return known;
  const match = TAGS_LINE.exec(frontMatter);
  const tags = new Set<string>();
  for (const raw of match ? match[1].split(",") : []) {
    const tag = raw.trim().replace(/^["']|["']$/g, "").toLowerCase();
    if (tag) tags.add(tag);
  }
  tagSets.set(frontMatter, tags);
  return tags;
}

export function resetTagCache(): void {
  tagSets.clear();
}

export function sharesTag(a: string, b: string): boolean {
  const tags = tagsOf(a);
  return [...tagsOf(b)].some((t) => tags.has(t));
}
