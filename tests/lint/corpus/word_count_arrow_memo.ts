// Word counts for arbitrary text, memoised with an arrow function.
const wordCounts = new Map<string, number>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

const WORD = /[\p{L}\p{N}'-]+/gu;

export const wordCount = (text: string): number => {
  const known = wordCounts.get(text);
  if (known !== undefined) return known;
  const count = text.match(WORD)?.length ?? 0;
  wordCounts.set(text, count);
  return count;
};

export const readingMinutes = (text: string, wpm = 220): number =>
  Math.max(1, Math.ceil(wordCount(text) / wpm));

export const readingTimeLabel = (text: string): string => {
  const minutes = readingMinutes(text);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
};

export function summarize(texts: readonly string[]): { words: number; minutes: number } {
  const words = texts.reduce((sum, t) => sum + wordCount(t), 0);
  return { words, minutes: Math.max(1, Math.ceil(words / 220)) };
}
