/**
 * Build-time syntax highlighting of fenced code with highlight.js. Every grammar
 * highlight.js ships (~190) can be used, but each is loaded only when a page first
 * needs it (`load`, before the page is rendered), so a parse worker starts fast.
 * A fence whose language is unknown, or that has none, is not highlighted: no
 * auto-detection, which is slow and picks different languages for similar snippets.
 *
 * @module
 */
import hljs from "npm:highlight.js@11.12.0/lib/core";
import type { HLJSApi, LanguageFn } from "npm:highlight.js@11.12.0";
import { GRAMMARS, LANGUAGE_NAMES } from "./hljs_languages.ts";
import { HtmlEmitter } from "./hljs_emitter.ts";

/**
 * Highlights `code` as `language` (a name or alias: `ts`, `sh`, `py`, `html` …).
 * Returns the highlighted, HTML-escaped code (spans only, no `<pre>`), or
 * `undefined` when the language is unknown or its grammar is not loaded yet.
 * `load` loads the grammars of the languages named (and of what they embed).
 *
 * @example
 * ```ts
 * import { createHighlighter, type Highlighter } from "./highlight.ts";
 * const highlight: Highlighter = createHighlighter();
 * await highlight.load(["js"]);
 * highlight("let x = 1;", "js"); // '<span class="hljs-keyword">let</span> x = …'
 * highlight("x", "no-such-language"); // undefined
 * ```
 */
export interface Highlighter {
  (code: string, language: string): string | undefined;
  /** Loads what `languages` need; unknown names are skipped. */
  load(languages: Iterable<string>): Promise<void>;
}

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

/**
 * Names people write on fences that highlight.js knows under another name or not
 * at all, mapped to the grammar that reads them best.
 */
const COMMON_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  "go-html-template": "handlebars",
  "go-text-template": "handlebars",
  gotmpl: "handlebars",
  njk: "django",
  nunjucks: "django",
  liquid: "django",
  vue: "xml",
  svelte: "xml",
  astro: "xml",
  mdx: "markdown",
  jsonc: "json",
  json5: "json",
  "shell-session": "shell",
  terminal: "shell",
  sh_session: "shell",
  text: "plaintext",
  txt: "plaintext",
  plain: "plaintext",
  none: "plaintext",
  output: "plaintext",
  dotenv: "bash",
  env: "bash",
  ps: "powershell",
  docker: "dockerfile",
  containerfile: "dockerfile",
  hcl: "ini",
  terraform: "ini",
});

/**
 * Creates a highlighter with its own highlight.js instance: languages are
 * registered on that instance, not on the module's shared `hljs`, so nothing
 * mutable is shared between markdown-it instances (or builds of a dev server).
 * `languages` adds names: an alias of a known language (`{ vue: "xml" }`) or the
 * URL of a module whose default export is a highlight.js grammar.
 *
 * @example
 * ```ts
 * import { createHighlighter } from "./highlight.ts";
 * const highlight = createHighlighter({ vue: "xml" });
 * await highlight.load(["json", "vue"]);
 * highlight('{"a": 1}', "json"); // '{<span class="hljs-attr">&quot;a&quot;</span>: …'
 * ```
 */
export function createHighlighter(
  languages: Readonly<Record<string, string>> = {},
): Highlighter {
  const api: HLJSApi = hljs.newInstance();
  // The same HTML as highlight.js's own emitter, without its token tree.
  api.configure({ __emitter: HtmlEmitter } as Parameters<HLJSApi["configure"]>[0]);
  // Each grammar is loaded once per instance; the promise is kept at once, so
  // pages asking for it at the same time share one import.
  const loading = new Map<string, Promise<readonly string[]>>();
  const grammarOf = (language: string, depth = 0): string | undefined => {
    if (depth > 8) return undefined; // aliases of aliases that go round
    const name = language.toLowerCase();
    const own = ownValue(languages, language) ?? ownValue(languages, name);
    if (own !== undefined) return isModule(own) ? `module:${own}` : grammarOf(own, depth + 1);
    if (name === "vento" || name === "vto") return "vento";
    const common = ownValue(COMMON_ALIASES, name);
    return ownValue(LANGUAGE_NAMES, name) ?? (common ? grammarOf(common, depth + 1) : undefined);
  };
  // Resolves to what the grammar embeds. Not awaited recursively: grammars embed
  // each other (JavaScript has JSX in it, HTML has scripts).
  const register = (grammar: string): Promise<readonly string[]> => {
    let done = loading.get(grammar);
    if (!done) {
      loading.set(
        grammar,
        done = importGrammar(grammar).then(({ fn, embeds }) => {
          api.registerLanguage(grammar, fn);
          return embeds;
        }),
      );
    }
    return done;
  };
  const highlight = (code: string, language: string): string | undefined => {
    const grammar = language && grammarOf(language);
    if (!grammar || !api.getLanguage(grammar)) return undefined;
    try {
      // ignoreIllegals: code that is not valid in the language is still highlighted
      // as well as possible instead of failing the build.
      return api.highlight(code, { language: grammar, ignoreIllegals: true }).value;
    } catch {
      return undefined; // a grammar bug must not fail a page: fall back to plain code
    }
  };
  const load = async (names: Iterable<string>): Promise<void> => {
    const grammars = new Set<string>();
    for (const name of names) {
      const grammar = grammarOf(name);
      if (grammar) grammars.add(grammar);
    }
    // Breadth first over what each grammar embeds, each grammar once.
    for (let batch = [...grammars]; batch.length;) {
      const embedded = (await Promise.all(batch.map(register))).flat();
      batch = embedded.filter((g) => !grammars.has(g));
      for (const g of batch) grammars.add(g);
    }
  };
  return Object.assign(highlight, { load });
}

/** An own property only: fence names like `constructor` are not languages. */
const ownValue = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

const isModule = (target: string): boolean => /^(?:\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(target);

/**
 * A grammar module named in `markdown.languages` that did not load.
 *
 * @example
 * ```ts
 * import { GrammarError } from "./highlight.ts";
 * const e = new GrammarError("file:///site/gleam.js", "it threw: boom");
 * console.log(e.module, e.message);
 * ```
 */
export class GrammarError extends Error {
  /** The module's URL, as the config names it (resolved). */
  readonly module: string;
  /** Why it did not load. */
  constructor(module: string, reason: string) {
    super(reason);
    this.name = "GrammarError";
    this.module = module;
  }
}

async function importGrammar(
  grammar: string,
): Promise<{ fn: LanguageFn; embeds: readonly string[] }> {
  if (grammar === "vento") return { fn: vento, embeds: ["xml", "javascript", "yaml"] };
  if (grammar.startsWith("module:")) {
    const url = grammar.slice("module:".length);
    let module;
    try {
      module = await import(url);
    } catch (e) {
      throw new GrammarError(url, `failed to load: ${e instanceof Error ? e.message : e}`);
    }
    if (typeof module.default !== "function") {
      throw new GrammarError(
        url,
        "has a default export that is not a highlight.js grammar function",
      );
    }
    return { fn: module.default, embeds: [] };
  }
  const entry = GRAMMARS[grammar];
  return { fn: (await entry.load()).default as LanguageFn, embeds: entry.embeds };
}
