// UI strings for the theme, one frozen table per language.
export const MESSAGES = Object.freeze({
  en: Object.freeze({
    readMore: "Read more",
    previous: "Previous",
    next: "Next",
    publishedOn: "Published on {date}",
    tags: "Tags",
  }),
  fr: Object.freeze({
    readMore: "Lire la suite",
    previous: "Pr\u00e9c\u00e9dent",
    next: "Suivant",
    publishedOn: "Publi\u00e9 le {date}",
    tags: "\u00c9tiquettes",
  }),
  de: Object.freeze({
    readMore: "Weiterlesen",
    previous: "Zur\u00fcck",
    next: "Weiter",
    publishedOn: "Ver\u00f6ffentlicht am {date}",
    tags: "Schlagw\u00f6rter",
  }),
});

export type Lang = keyof typeof MESSAGES;
export type MessageKey = keyof typeof MESSAGES.en;

const PLACEHOLDER = /\{(\w+)\}/g;

export function isLang(value: string): value is Lang {
  return Object.hasOwn(MESSAGES, value);
}

export function t(lang: string, key: MessageKey, vars: Record<string, string> = {}): string {
  const table = isLang(lang) ? MESSAGES[lang] : MESSAGES.en;
  return table[key].replace(PLACEHOLDER, (whole, name: string) => vars[name] ?? whole);
}
