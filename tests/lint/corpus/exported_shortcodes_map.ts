// Shortcodes exported as a Map so that sites can add their own.
export type Shortcode = (args: Record<string, string>, inner: string) => string;

export const shortcodes = new Map<string, Shortcode>([ // expect: floe/no-module-mutable-state
  ["note", (_, inner) => `<aside class="note">${inner}</aside>`],
  ["figure", ({ src, caption }) => `<figure><img src="${src}" alt=""><figcaption>${caption ?? ""}</figcaption></figure>`],
]);

const CALL = /\{%\s*(\w+)([^%]*)%\}([\s\S]*?)\{%\s*end\1\s*%\}/g;
const ATTR = /(\w+)="([^"]*)"/g;

export function expand(text: string): string {
  return text.replace(CALL, (whole, name: string, rawArgs: string, inner: string) => {
    const fn = shortcodes.get(name);
    if (!fn) return whole;
    const args = Object.fromEntries([...rawArgs.matchAll(ATTR)].map((m) => [m[1], m[2]]));
    return fn(args, inner.trim());
  });
}

export function hasShortcodes(text: string): boolean {
  return /\{%\s*\w+/.test(text);
}
