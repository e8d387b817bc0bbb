// Builds a client-side search index at the end of a build.
import type { Page } from "jsr:@floe/floe";

interface Doc {
  readonly id: number;
  readonly url: string;
  readonly title: string;
}

const STOP_WORDS = new Set(["the", "a", "an", "and", "or", "of", "to", "in", "is", "for"]);
const WORD = /[\p{L}\p{N}]+/gu;

export class SearchIndexBuilder {
  private readonly docs: Doc[] = [];
  private readonly postings = new Map<string, Set<number>>();

  add(page: Page, text: string): void {
    const id = this.docs.length;
    this.docs.push({ id, url: page.url, title: page.title });
    for (const match of text.toLowerCase().matchAll(WORD)) {
      const word = match[0];
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      let ids = this.postings.get(word);
      if (!ids) {
        ids = new Set();
        this.postings.set(word, ids);
      }
      ids.add(id);
    }
  }

  toJSON(): { docs: Doc[]; index: Record<string, number[]> } {
    const index: Record<string, number[]> = {};
    for (const [word, ids] of [...this.postings].sort(([a], [b]) => a.localeCompare(b))) {
      index[word] = [...ids];
    }
    return { docs: this.docs, index };
  }
}

export function buildSearchIndex(pages: readonly { page: Page; text: string }[]): string {
  const builder = new SearchIndexBuilder();
  for (const { page, text } of pages) builder.add(page, text);
  return JSON.stringify(builder);
}
