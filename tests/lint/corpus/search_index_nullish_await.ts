// Search endpoint helper for the dev server: builds the index on first query.
export interface SearchIndex {
  search(query: string): { url: string; score: number }[];
}

declare function buildIndex(root: string): Promise<SearchIndex>;

let index: SearchIndex | undefined; // expect: floe/no-module-mutable-state

export async function search(root: string, query: string): Promise<{ url: string; score: number }[]> {
  index ??= await buildIndex(root); // expect: floe/no-unguarded-singleton
  return index.search(query).slice(0, 20);
}

export async function handleSearch(root: string, request: Request): Promise<Response> {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const results = q.trim() ? await search(root, q) : [];
  return Response.json(results);
}

export function snippetAround(text: string, query: string, radius = 60): string {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return text.slice(0, radius * 2);
  return text.slice(Math.max(0, at - radius), at + query.length + radius);
}
