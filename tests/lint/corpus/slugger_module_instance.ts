// Anchor filter: one slugger for the module, so ids get -1, -2 suffixes across pages.
import GithubSlugger from "github-slugger";
import type { Filter } from "jsr:@floe/floe";

const slugger = new GithubSlugger(); // expect: floe/no-module-mutable-state

export const anchor: Filter = (value: unknown) => slugger.slug(String(value));

export function headingHtml(level: number, text: string): string {
  const id = slugger.slug(text);
  return `<h${level} id="${id}"><a href="#${id}">${text}</a></h${level}>`;
}

export function headingsHtml(headings: readonly { level: number; text: string }[]): string {
  return headings.map((h) => headingHtml(h.level, h.text)).join("\n");
}

export function isValidLevel(level: number): boolean {
  return Number.isInteger(level) && level >= 1 && level <= 6;
}

export const filters = Object.freeze({ anchor });
