// Plural forms for translations, one Intl.PluralRules per locale, never released.
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules = new Map<string, Intl.PluralRules>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function rulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

export function plural(locale: string, count: number, forms: Forms): string {
  const category = rulesFor(locale).select(count);
  return (forms[category] ?? forms.other).replace("{n}", String(count));
}

export function pagesLabel(locale: string, count: number): string {
  return plural(locale, count, { one: "{n} page", other: "{n} pages" });
}

export function minutesLabel(locale: string, count: number): string {
  return plural(locale, count, { one: "{n} minute", other: "{n} minutes" });
}
