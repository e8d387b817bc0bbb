// Locale settings destructured from a default and switched by a hook.
interface Locale {
  lang: string;
  dir: "ltr" | "rtl";
}

const DEFAULT_LOCALE: Readonly<Locale> = Object.freeze({ lang: "en", dir: "ltr" });

let { lang, dir } = DEFAULT_LOCALE; // expect: floe/no-module-mutable-state, floe/no-module-mutable-state

export function useLocale(locale: Locale): void {
  ({ lang, dir } = locale);
}

export function htmlAttributes(): string {
  return `lang="${lang}" dir="${dir}"`;
}

export function isRtl(): boolean {
  return dir === "rtl";
}
