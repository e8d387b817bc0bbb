// Thumbnails for the image shortcode, with a bounded LRU cache.
import { resize } from "./image_resize.ts";

class LRU<K, V> {
  readonly #map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value!);
  }
}

const thumbs = new LRU<string, Uint8Array>(200); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

export function thumbnail(imagePath: string, width = 320): Uint8Array {
  const key = `${imagePath}@${width}`;
  const hit = thumbs.get(key);
  if (hit) return hit;
  const bytes = resize(Deno.readFileSync(imagePath), width);
  thumbs.set(key, bytes);
  return bytes;
}
