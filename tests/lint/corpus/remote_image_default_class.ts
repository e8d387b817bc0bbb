// Remote images (e.g. avatars) downloaded once and inlined as data URLs.
import { encodeBase64 } from "./base64.ts";

export default class RemoteImages {
  static #cache = new Map<string, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

  static async dataUrl(url: string): Promise<string> {
    const cached = RemoteImages.#cache.get(url);
    if (cached) return cached;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const type = response.headers.get("content-type") ?? "image/png";
    const bytes = new Uint8Array(await response.arrayBuffer());
    const dataUrl = `data:${type};base64,${encodeBase64(bytes)}`;
    RemoteImages.#cache.set(url, dataUrl);
    return dataUrl;
  }

  static async img(url: string, alt: string): Promise<string> {
    return `<img src="${await RemoteImages.dataUrl(url)}" alt="${alt}">`;
  }
}
