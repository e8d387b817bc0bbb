// Loads translation files for one build and returns a frozen dictionary.
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";

export type Dictionary = Readonly<Record<string, Readonly<Record<string, string>>>>;

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      flatten(prefix ? `${prefix}.${key}` : key, inner, out);
    }
  } else if (value !== undefined) {
    out[prefix] = String(value);
  }
}

export async function loadTranslations(dir: string, langs: readonly string[]): Promise<Dictionary> {
  const result: Record<string, Readonly<Record<string, string>>> = {};
  for (const lang of langs) {
    const text = await Deno.readTextFile(join(dir, `${lang}.toml`));
    const flat: Record<string, string> = {};
    flatten("", parseToml(text), flat);
    result[lang] = Object.freeze(flat);
  }
  return Object.freeze(result);
}

export function translate(dict: Dictionary, lang: string, key: string): string {
  return dict[lang]?.[key] ?? dict.en?.[key] ?? key;
}
