// Data loader: authors from a folder of JSON files, memoised by folder.
import { join } from "node:path";

export interface Author {
  id: string;
  name: string;
  avatar?: string;
}

const authorsCache = new Map<string, Author[]>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function loadAuthors(dir: string): Author[] {
  const hit = authorsCache.get(dir);
  if (hit) return hit;
  const authors: Author[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".json")) continue;
    const data = JSON.parse(Deno.readTextFileSync(join(dir, entry.name)));
    authors.push({ id: entry.name.slice(0, -5), name: data.name, avatar: data.avatar });
  }
  authors.sort((a, b) => a.name.localeCompare(b.name));
  authorsCache.set(dir, authors);
  return authors;
}

export function authorById(dir: string, id: string): Author | undefined {
  return loadAuthors(dir).find((a) => a.id === id);
}
