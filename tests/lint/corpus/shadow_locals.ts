// Module-level lookup sets that are only read; locals with the same names are mutated.
import type { Page } from "jsr:@floe/floe";

const seen = new Set<string>(["index", "404", "search"]);
const errors = Object.freeze(["missing title", "missing date"]);
const total = seen.size + errors.length;

export function isReserved(slug: string): boolean {
  return seen.has(slug);
}

export function collectSlugs(pages: readonly Page[]): string[] {
  const seen = new Set<string>();
  for (const page of pages) {
    const slug = page.url.split("/").filter(Boolean).pop() ?? "index";
    seen.add(slug);
  }
  return [...seen];
}

export function validate(pages: readonly Page[]): string[] {
  const found: string[] = [];
  for (const errors of pages.map((p) => checkPage(p))) {
    found.push(...errors);
  }
  return found;
}

function checkPage(page: Page): string[] {
  const errors: string[] = [];
  let total = 0;
  if (!page.title) errors.push("missing title");
  if (!page.date) errors.push("missing date");
  total += errors.length;
  try {
    if (total > 1) throw new Error(`${page.url}: ${total} problems`);
  } catch (errors) {
    console.warn(errors instanceof Error ? errors.message : errors);
  }
  return errors;
}

export const reservedCount = () => total;
