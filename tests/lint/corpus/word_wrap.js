// Soft hyphenation and no-break spaces for typography (JavaScript).
const NBSP_AFTER = Object.freeze(["a", "an", "the", "of", "to", "in", "on", "at", "by"]);
const SHY = "\u00ad";

export function noOrphans(text) {
  const words = text.split(" ");
  if (words.length < 3) return text;
  const last = words.pop();
  return words.join(" ") + "\u00a0" + last;
}

export function glueShortWords(text) {
  return text.replace(/\b(\w{1,3}) /g, (whole, word) =>
    NBSP_AFTER.includes(word.toLowerCase()) ? word + "\u00a0" : whole
  );
}

export function softHyphens(word, every = 6) {
  if (word.length <= every * 2) return word;
  let out = "";
  for (let i = 0; i < word.length; i += every) {
    out += (i ? SHY : "") + word.slice(i, i + every);
  }
  return out;
}
