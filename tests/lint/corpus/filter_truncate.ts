// Truncate HTML-free text to a number of words, with an ellipsis.
interface TruncateOptions {
  words: number;
  ellipsis: string;
  keepPunctuation: boolean;
}

const DEFAULTS: Readonly<TruncateOptions> = Object.freeze({
  words: 30,
  ellipsis: "\u2026",
  keepPunctuation: false,
});

const TRAILING_PUNCTUATION = /[,;:.!?-]+$/;
const WHITESPACE = /\s+/;

export function truncate(text: string, options: Partial<TruncateOptions> = {}): string {
  const opts = { ...DEFAULTS, ...options };
  const words = text.trim().split(WHITESPACE);
  if (words.length <= opts.words) return text.trim();
  let out = words.slice(0, opts.words).join(" ");
  if (!opts.keepPunctuation) out = out.replace(TRAILING_PUNCTUATION, "");
  return out + opts.ellipsis;
}

export function truncateChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  return (lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut) + DEFAULTS.ellipsis;
}

export const filters = Object.freeze({ truncate, truncateChars });
