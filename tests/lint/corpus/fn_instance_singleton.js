// Slugger singleton stored on the function itself (JavaScript).
import GithubSlugger from "github-slugger";

function getSlugger() { // expect: floe/no-module-mutable-state
  if (!getSlugger.instance) {
    getSlugger.instance = new GithubSlugger(); // expect: floe/no-unguarded-singleton
  }
  return getSlugger.instance;
}

export function headingId(text) {
  return getSlugger().slug(text);
}

export function addHeadingIds(html) {
  return html.replace(/<h([2-4])>([^<]+)<\/h\1>/g, (whole, level, text) =>
    `<h${level} id="${headingId(text)}">${text}</h${level}>`
  );
}

export function headingIds(texts) {
  return texts.map((text) => headingId(text));
}
