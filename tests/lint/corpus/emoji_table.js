// :shortcode: to emoji, for Markdown text (JavaScript module).
const EMOJI = Object.freeze({
  smile: "\u{1F604}",
  heart: "\u2764\uFE0F",
  rocket: "\u{1F680}",
  warning: "\u26A0\uFE0F",
  tada: "\u{1F389}",
  bulb: "\u{1F4A1}",
  check: "\u2705",
});

const SHORTCODE = /:([a-z0-9_+-]+):/g;

export function emojify(text) {
  return text.replace(SHORTCODE, (whole, name) => EMOJI[name] ?? whole);
}

export function knownShortcodes() {
  return Object.keys(EMOJI).sort();
}

export function hasEmoji(text) {
  for (const match of text.matchAll(SHORTCODE)) {
    if (match[1] in EMOJI) return true;
  }
  return false;
}
