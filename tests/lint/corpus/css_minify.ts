// A small CSS minifier for the asset pipeline. Pure string transforms.
const COMMENTS = /\/\*[\s\S]*?\*\//g;
const WHITESPACE = /\s+/g;
const AROUND_PUNCT = /\s*([{}:;,>+~])\s*/g;
const LAST_SEMICOLON = /;}/g;
const ZERO_UNITS = /(^|[\s:,(])0(?:px|em|rem|%)/g;

const SHORT_COLORS = [
  ["#ffffff", "#fff"],
  ["#000000", "#000"],
  ["white", "#fff"],
  ["black", "#000"],
] as const;

export interface MinifyResult {
  readonly css: string;
  readonly saved: number;
}

export function minifyCss(source: string): MinifyResult {
  let css = source.replace(COMMENTS, "");
  css = css.replace(WHITESPACE, " ").replace(AROUND_PUNCT, "$1").replace(LAST_SEMICOLON, "}");
  css = css.replace(ZERO_UNITS, "$10");
  for (const [long, short] of SHORT_COLORS) {
    css = css.replaceAll(`:${long};`, `:${short};`).replaceAll(`:${long}}`, `:${short}}`);
  }
  css = css.trim();
  return { css, saved: source.length - css.length };
}

export function minifyAll(files: Readonly<Record<string, string>>): Record<string, MinifyResult> {
  const out: Record<string, MinifyResult> = {};
  for (const [name, text] of Object.entries(files)) out[name] = minifyCss(text);
  return out;
}
