// Translation dictionaries registered by theme and site, looked up by templates.
type Dict = Readonly<Record<string, string>>;

export class I18n {
  static locales = new Map<string, Dict>(); // expect: floe/no-module-mutable-state
  static fallback = "en"; // expect: floe/no-module-mutable-state

  static register(locale: string, dict: Dict): void {
    const existing = I18n.locales.get(locale) ?? {};
    I18n.locales.set(locale, Object.freeze({ ...existing, ...dict }));
  }

  static setFallback(locale: string): void {
    I18n.fallback = locale;
  }

  static t(locale: string, key: string): string {
    return I18n.locales.get(locale)?.[key] ?? I18n.locales.get(I18n.fallback)?.[key] ?? key;
  }
}
