// Languages of the site and their labels.
export const LANGUAGES = ["en", "fr", "de", "es"] as const;

export type Language = (typeof LANGUAGES)[number];

export const LABELS = {
  en: "English",
  fr: "Fran\u00e7ais",
  de: "Deutsch",
  es: "Espa\u00f1ol",
} as const;

export const DIRECTION = {
  en: "ltr",
  fr: "ltr",
  de: "ltr",
  es: "ltr",
} as const satisfies Record<Language, "ltr" | "rtl">;

export function languageOf(url: string): Language {
  const first = url.split("/").filter(Boolean)[0];
  return (LANGUAGES as readonly string[]).includes(first) ? first as Language : "en";
}

export function alternates(url: string): { lang: Language; href: string }[] {
  const current = languageOf(url);
  const rest = current === "en" ? url : url.slice(current.length + 1);
  return LANGUAGES.map((lang) => ({
    lang,
    href: lang === "en" ? rest : `/${lang}${rest}`,
  }));
}

export function label(lang: Language): string {
  return LABELS[lang];
}
