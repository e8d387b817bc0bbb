// Filter: "5 min read", localised with Intl.
import type { Page } from "jsr:@floe/floe";

const WORDS_PER_MINUTE = 230;
const MINUTE_FORMAT = new Intl.NumberFormat("en", {
  style: "unit",
  unit: "minute",
  unitDisplay: "long",
});

export function minutesToRead(wordCount: number, wpm = WORDS_PER_MINUTE): number {
  if (wordCount <= 0) return 0;
  return Math.max(1, Math.round(wordCount / wpm));
}

export function readingTime(page: Page): string {
  const minutes = minutesToRead(page.wordCount);
  if (minutes === 0) return "";
  return `${MINUTE_FORMAT.format(minutes)} read`;
}

export function readingTimeFor(locale: string, words: number): string {
  // A formatter per call: locales vary per page.
  const format = new Intl.NumberFormat(locale, { style: "unit", unit: "minute" });
  return format.format(minutesToRead(words));
}

export default {
  readingTime: (page: Page) => readingTime(page),
};
