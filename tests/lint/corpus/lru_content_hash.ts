// Syntax highlighting cache: an LRU keyed by a hash of language and code.
import { createHash } from "node:crypto";
import hljs from "highlight.js";

export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key)!;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    if (this.#entries.has(key)) this.#entries.delete(key);
    else if (this.#entries.size >= this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
    this.#entries.set(key, value);
    return this;
  }
}

const highlighted = new LruCache<string, string>(500); // expect: floe/no-module-mutable-state

export function highlight(code: string, lang: string): string {
  const key = createHash("sha256").update(lang).update("\n").update(code).digest("base64");
  const cached = highlighted.get(key);
  if (cached !== undefined) return cached;
  const html = hljs.getLanguage(lang) ? hljs.highlight(code, { language: lang }).value : code;
  highlighted.set(key, html);
  return html;
}
