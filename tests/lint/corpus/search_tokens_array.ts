// Tokenizer for the search index, memoised by text; cleared per build.
const tokenCache = new Map<string, string[]>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

const TOKEN = /[\p{L}\p{N}]{2,}/gu;

export function tokens(text: string): string[] {
  const hit = tokenCache.get(text);
  if (hit) return hit;
  const result: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) result.push(m[0]);
  tokenCache.set(text, result);
  return result;
}

export function clearTokenCache(): void {
  tokenCache.clear();
}

export function uniqueTokens(text: string): string[] {
  return [...new Set(tokens(text))];
}
