// Parsed citations memoised by the BibTeX source, values frozen, bounded.
export interface Citation {
  readonly key: string;
  readonly authors: readonly string[];
  readonly title: string;
  readonly year: number | null;
}

const MAX = 256;

const citations = new Map<string, readonly Citation[]>(); // expect: floe/no-module-mutable-state

function parseBibtex(source: string): Citation[] {
  const out: Citation[] = [];
  for (const m of source.matchAll(/@\w+\{([^,]+),([\s\S]*?)\n\}/g)) {
    const field = (name: string) => new RegExp(`${name}\\s*=\\s*\\{([^}]*)\\}`, "i").exec(m[2])?.[1] ?? "";
    out.push(Object.freeze({
      key: m[1].trim(),
      authors: Object.freeze(field("author").split(/\s+and\s+/).filter(Boolean)),
      title: field("title"),
      year: Number(field("year")) || null,
    }));
  }
  return out;
}

export function citationsOf(source: string): readonly Citation[] {
  const known = citations.get(source);
  if (known) return known;
  const parsed = Object.freeze(parseBibtex(source));
  if (citations.size >= MAX) citations.clear();
  citations.set(source, parsed);
  return parsed;
}
