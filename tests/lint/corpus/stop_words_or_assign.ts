// Search excerpts skip stop words; the set is built on first use.
const STOP_WORD_LIST = "a an and are as at be but by for if in into is it no not of on or such the to was will with";

let stopWords: Set<string> | undefined; // expect: floe/no-module-mutable-state

function isStopWord(word: string): boolean {
  stopWords ||= new Set(STOP_WORD_LIST.split(" ")); // expect: floe/no-unguarded-singleton
  return stopWords.has(word);
}

export function keywords(text: string, limit = 10): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    if (isStopWord(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([w]) => w);
}

export function metaKeywords(text: string): string {
  return `<meta name="keywords" content="${keywords(text).join(", ")}">`;
}
