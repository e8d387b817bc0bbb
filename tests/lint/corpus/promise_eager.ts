// Grammars are loaded once, eagerly, when the module is imported.
import hljs from "highlight.js/lib/core";

const GRAMMARS = ["typescript", "javascript", "json", "bash", "css", "xml"] as const;

async function loadGrammars(): Promise<void> {
  await Promise.all(GRAMMARS.map(async (name) => {
    const mod = await import(`highlight.js/lib/languages/${name}`);
    hljs.registerLanguage(name, mod.default);
  }));
}

// A const promise: created during initialisation, never replaced.
const grammarsReady: Promise<void> = loadGrammars();

export async function highlight(code: string, lang: string): Promise<string> {
  await grammarsReady;
  if (!hljs.getLanguage(lang)) return code;
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

export async function supportedLanguages(): Promise<readonly string[]> {
  await grammarsReady;
  return hljs.listLanguages();
}
