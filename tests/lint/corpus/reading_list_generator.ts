// Walks a section tree and yields reading lists; all state is per call.
import type { Page, Section } from "jsr:@floe/floe";

export function* walkPages(section: Section, depth = 0): Generator<[Page, number]> {
  for (const page of section.pages) yield [page, depth];
  for (const child of section.sections) yield* walkPages(child, depth + 1);
}

export function* chunked<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export function readingList(section: Section, perGroup = 5): string[][] {
  const titles: string[] = [];
  for (const [page, depth] of walkPages(section)) {
    titles.push(`${"  ".repeat(depth)}${page.title}`);
  }
  return [...chunked(titles, perGroup)];
}

export async function* readLines(path: string): AsyncGenerator<string> {
  const text = await Deno.readTextFile(path);
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      yield text.slice(start, i);
      start = i + 1;
    }
  }
}
