// Lazy async init done right: the promise is cached, not the result.
// The let is still module-level state.
import type { HighlighterCore } from "./shiki_types.ts";

declare function createHighlighterCore(options: { themes: string[]; langs: string[] }): Promise<
  HighlighterCore
>;

let highlighterPromise: Promise<HighlighterCore> | undefined; // expect: floe/no-module-mutable-state

export function getHighlighter(): Promise<HighlighterCore> {
  return highlighterPromise ??= createHighlighterCore({
    themes: ["github-light", "github-dark"],
    langs: ["ts", "js", "json", "bash", "rust"],
  });
}

export async function codeToHtml(code: string, lang: string): Promise<string> {
  const highlighter = await getHighlighter();
  return highlighter.codeToHtml(code, {
    lang,
    themes: { light: "github-light", dark: "github-dark" },
  });
}
