// Loads highlight.js grammars on demand; remembers which ones are loaded.
import hljs from "highlight.js/lib/core";

const loadedLangs = new Set<string>(); // expect: floe/no-module-mutable-state

async function ensureLanguage(lang: string): Promise<void> {
  if (loadedLangs.has(lang)) return;
  const mod = await import(`highlight.js/lib/languages/${lang}`);
  hljs.registerLanguage(lang, mod.default);
  loadedLangs.add(lang);
}

export async function highlight(code: string, lang: string): Promise<string> {
  try {
    await ensureLanguage(lang);
  } catch {
    return code;
  }
  return hljs.highlight(code, { language: lang }).value;
}
