// Footnote filter that numbers footnotes across the whole site (per worker!).
import type { Filter } from "jsr:@floe/floe";

let footnoteCounter = 0; // expect: floe/no-module-mutable-state

export interface Footnote {
  readonly n: number;
  readonly text: string;
}

export function footnote(text: string): Footnote {
  footnoteCounter++;
  return { n: footnoteCounter, text };
}

export const footnoteFilter: Filter = (value: unknown) => {
  const { n, text } = footnote(String(value));
  return `<sup id="fnref-${n}"><a href="#fn-${n}" title="${text}">${n}</a></sup>`;
};

export function footnoteList(notes: readonly Footnote[]): string {
  if (notes.length === 0) return "";
  const items = notes.map((f) => `<li id="fn-${f.n}">${f.text} <a href="#fnref-${f.n}">\u21a9</a></li>`);
  return `<ol class="footnotes">${items.join("")}</ol>`;
}
