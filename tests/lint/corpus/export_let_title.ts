// Site metadata that a config hook can override at runtime.
export let siteTitle = "Untitled site"; // expect: floe/no-module-mutable-state
export let siteLanguage = "en"; // expect: floe/no-module-mutable-state

export interface SiteMeta {
  title?: string;
  language?: string;
}

export function configure(meta: SiteMeta): void {
  if (meta.title) siteTitle = meta.title;
  if (meta.language) siteLanguage = meta.language;
}

export function titleFor(pageTitle: string): string {
  return pageTitle ? `${pageTitle} | ${siteTitle}` : siteTitle;
}

export function htmlOpen(): string {
  return `<html lang="${siteLanguage}">`;
}
