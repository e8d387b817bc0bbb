// Loads custom grammars once before the first highlight.
import hljs from "highlight.js/lib/core";

let ready = false; // expect: floe/no-module-mutable-state

async function initGrammars(): Promise<void> {
  const dir = new URL("./grammars/", import.meta.url);
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".js")) continue;
    const mod = await import(new URL(entry.name, dir).href);
    hljs.registerLanguage(entry.name.slice(0, -3), mod.default);
  }
}

export async function highlight(code: string, lang: string): Promise<string> {
  if (!ready) {
    await initGrammars();
    ready = true; // expect: floe/no-unguarded-singleton
  }
  if (!hljs.getLanguage(lang)) return code;
  return hljs.highlight(code, { language: lang }).value;
}
