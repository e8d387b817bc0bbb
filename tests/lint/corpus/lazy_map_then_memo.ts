// Emoji sprite positions: the cache itself is created lazily, then used as a memo.
let cache: Map<string, string> | undefined; // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function codepoints(emoji: string): string {
  return [...emoji].map((c) => c.codePointAt(0)!.toString(16)).join("-");
}

export function emojiImage(emoji: string): string {
  cache ??= new Map(); // expect: floe/no-unguarded-singleton
  const hit = cache.get(emoji);
  if (hit) return hit;
  const html = `<img class="emoji" alt="${emoji}" src="/emoji/${codepoints(emoji)}.svg">`;
  cache.set(emoji, html);
  return html;
}

const EMOJI = /\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*/gu;

export function emojiImages(text: string): string {
  return text.replace(EMOJI, (emoji) => emojiImage(emoji));
}

export function hasEmoji(text: string): boolean {
  return /\p{Extended_Pictographic}/u.test(text);
}
