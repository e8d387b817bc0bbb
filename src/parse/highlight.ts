/**
 * Build-time syntax highlighting of fenced code with highlight.js. Only the
 * languages registered here are loaded (`highlight.js/lib/core`, not the full
 * bundle of ~190 languages), so a parse worker starts fast. A fence whose language
 * is unknown, or that has none, is not highlighted: no auto-detection, which is
 * slow and picks different languages for similar snippets.
 *
 * @module
 */
import hljs from "npm:highlight.js@11.12.0/lib/core";
import bash from "npm:highlight.js@11.12.0/lib/languages/bash";
import c from "npm:highlight.js@11.12.0/lib/languages/c";
import cpp from "npm:highlight.js@11.12.0/lib/languages/cpp";
import css from "npm:highlight.js@11.12.0/lib/languages/css";
import diff from "npm:highlight.js@11.12.0/lib/languages/diff";
import go from "npm:highlight.js@11.12.0/lib/languages/go";
import ini from "npm:highlight.js@11.12.0/lib/languages/ini";
import java from "npm:highlight.js@11.12.0/lib/languages/java";
import javascript from "npm:highlight.js@11.12.0/lib/languages/javascript";
import json from "npm:highlight.js@11.12.0/lib/languages/json";
import markdown from "npm:highlight.js@11.12.0/lib/languages/markdown";
import plaintext from "npm:highlight.js@11.12.0/lib/languages/plaintext";
import python from "npm:highlight.js@11.12.0/lib/languages/python";
import rust from "npm:highlight.js@11.12.0/lib/languages/rust";
import shell from "npm:highlight.js@11.12.0/lib/languages/shell";
import sql from "npm:highlight.js@11.12.0/lib/languages/sql";
import typescript from "npm:highlight.js@11.12.0/lib/languages/typescript";
import xml from "npm:highlight.js@11.12.0/lib/languages/xml";
import yaml from "npm:highlight.js@11.12.0/lib/languages/yaml";
import type { HLJSApi, LanguageFn } from "npm:highlight.js@11.12.0";

/**
 * Highlights `code` as `language` (a name or alias: `ts`, `sh`, `py`, `html` …).
 * Returns the highlighted, HTML-escaped code (spans only, no `<pre>`), or
 * `undefined` when the language is not registered.
 *
 * @example
 * ```ts
 * import { createHighlighter, type Highlighter } from "./highlight.ts";
 * const highlight: Highlighter = createHighlighter();
 * highlight("let x = 1;", "js"); // '<span class="hljs-keyword">let</span> x = …'
 * highlight("x", "cobol"); // undefined
 * ```
 */
export type Highlighter = (code: string, language: string) => string | undefined;

/**
 * Vento templates (`vento`, `vto`): HTML with `{{ … }}` tags holding JavaScript.
 * The definition ventojs ships as `ventojs/highlightjs-vento.js` (MIT), written
 * out here because parse workers must not import anything from ventojs.
 */
const vento: LanguageFn = (api) => ({
  name: "Vento",
  aliases: ["vto"],
  subLanguage: "xml",
  contains: [
    api.COMMENT("{{#", "#}}"),
    {
      begin: "{{-?",
      end: "-?}}",
      subLanguage: "javascript",
      excludeBegin: true,
      excludeEnd: true,
    },
    {
      begin: "^---\n",
      end: "\n---\n",
      subLanguage: "yaml",
      excludeBegin: true,
      excludeEnd: true,
    },
  ],
});

/** Languages by name; aliases (`js`, `sh`, `py`, `toml`, `html` …) come with them. */
const LANGUAGES: Readonly<Record<string, LanguageFn>> = Object.freeze({
  bash,
  c,
  cpp,
  css,
  diff,
  go,
  ini,
  java,
  javascript,
  json,
  markdown,
  // Its .d.ts lacks `contains`, which highlight.js's Language type requires.
  plaintext: plaintext as LanguageFn,
  python,
  rust,
  shell,
  sql,
  typescript,
  vento,
  xml,
  yaml,
});

/**
 * Creates a highlighter with its own highlight.js instance: languages are
 * registered on that instance, not on the module's shared `hljs`, so nothing
 * mutable is shared between markdown-it instances (or builds of a dev server).
 * Grammars compile lazily on first use and stay compiled for the instance's life.
 *
 * @example
 * ```ts
 * import { createHighlighter } from "./highlight.ts";
 * const highlight = createHighlighter();
 * highlight('{"a": 1}', "json"); // '{<span class="hljs-attr">&quot;a&quot;</span>: …'
 * ```
 */
export function createHighlighter(): Highlighter {
  const api: HLJSApi = hljs.newInstance();
  for (const [name, language] of Object.entries(LANGUAGES)) api.registerLanguage(name, language);
  return (code, language) => {
    if (!language || !api.getLanguage(language)) return undefined;
    try {
      // ignoreIllegals: code that is not valid in the language is still highlighted
      // as well as possible instead of failing the build.
      return api.highlight(code, { language, ignoreIllegals: true }).value;
    } catch {
      return undefined; // a grammar bug must not fail a page: fall back to plain code
    }
  };
}
