// Deprecation warnings printed once per process.
const warned = new Set<string>(); // expect: floe/no-module-mutable-state

const RENAMED = Object.freeze({
  "page.summary": "page.excerpt",
  "site.baseUrl": "site.baseURL",
  "page.permalink": "page.url",
});

export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[theme] ${message}`);
}

export function checkTemplateVariables(template: string, file: string): void {
  for (const [old, replacement] of Object.entries(RENAMED)) {
    if (template.includes(old)) {
      warnOnce(`${file}:${old}`, `${file}: \`${old}\` is deprecated, use \`${replacement}\``);
    }
  }
}
