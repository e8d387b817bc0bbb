// Translations loaded lazily by language, with a "current locale" switch.
type Messages = Record<string, string>;

let currentLocale = "en"; // expect: floe/no-module-mutable-state

const loaded: Record<string, Messages> = {}; // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

async function loadMessages(lang: string): Promise<Messages> {
  const url = new URL(`./locales/${lang}.json`, import.meta.url);
  return JSON.parse(await Deno.readTextFile(url));
}

export function setLocale(lang: string): void {
  currentLocale = lang;
}

export async function messages(lang = currentLocale): Promise<Messages> {
  loaded[lang] ??= await loadMessages(lang);
  return loaded[lang];
}

export async function t(key: string, lang = currentLocale): Promise<string> {
  const table = await messages(lang);
  return table[key] ?? key;
}
