// Code highlighting with a highlighter created once per build and passed in.
import hljs from "highlight.js";

export interface Highlighter {
  highlight(code: string, lang: string): string;
  readonly languages: readonly string[];
}

export interface HighlighterOptions {
  readonly languages?: readonly string[];
  readonly classPrefix?: string;
}

const ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

export function createHighlighter(options: HighlighterOptions = {}): Highlighter {
  const instance = hljs.newInstance();
  instance.configure({ classPrefix: options.classPrefix ?? "hljs-" });
  const cache = new Map<string, string>();
  const languages = options.languages ?? instance.listLanguages();
  return {
    languages,
    highlight(code, lang) {
      const key = `${lang}\u0000${code}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const html = instance.getLanguage(lang)
        ? instance.highlight(code, { language: lang }).value
        : escapeHtml(code);
      cache.set(key, html);
      return html;
    },
  };
}

// The parameter is named like a cache; it belongs to the caller.
export function highlightAll(
  blocks: readonly { code: string; lang: string }[],
  highlighter: Highlighter,
  cache: Map<string, string>,
): string[] {
  return blocks.map(({ code, lang }) => {
    const key = lang + ":" + code;
    let html = cache.get(key);
    if (html === undefined) {
      html = highlighter.highlight(code, lang);
      cache.set(key, html);
    }
    return html;
  });
}
