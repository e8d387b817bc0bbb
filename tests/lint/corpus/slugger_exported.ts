// Heading ids with github-slugger, shared through an exported instance.
import GithubSlugger from "github-slugger";

export const slugger = new GithubSlugger(); // expect: floe/no-module-mutable-state

export function headingIds(headings: readonly string[]): string[] {
  return headings.map((h) => slugger.slug(h));
}

export function resetIds(): void {
  slugger.reset();
}

export function tocLinks(headings: readonly string[]): string {
  const ids = headingIds(headings);
  return headings
    .map((text, i) => `<li><a href="#${ids[i]}">${text}</a></li>`)
    .join("");
}

export function withIds(html: string): string {
  return html.replace(/<h([2-4])>([^<]+)<\/h\1>/g, (_, level: string, text: string) =>
    `<h${level} id="${slugger.slug(text)}">${text}</h${level}>`
  );
}
