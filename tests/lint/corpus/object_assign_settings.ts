// Theme settings merged in by a configure() call from the site's config.
interface ThemeSettings {
  colorScheme: "light" | "dark" | "auto";
  lang: string;
  showReadingTime: boolean;
}

const settings: ThemeSettings = { // expect: floe/no-module-mutable-state
  colorScheme: "auto",
  lang: "en",
  showReadingTime: true,
};

export function configureTheme(options: Partial<ThemeSettings>): void {
  Object.assign(settings, options);
}

export function htmlClass(): string {
  return settings.colorScheme === "auto" ? "" : `scheme-${settings.colorScheme}`;
}

export function readingTimeEnabled(): boolean {
  return settings.showReadingTime;
}

export function langAttr(): string {
  return `lang="${settings.lang}"`;
}
