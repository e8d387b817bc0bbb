// Image dimensions, cached per build in an object the build owns.
import { imageSize } from "./image_size.ts";

export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  readonly format: string;
}

export class ImageInfoCache {
  readonly #entries = new Map<string, Promise<ImageInfo>>();
  #hits = 0;

  constructor(private readonly root: string) {}

  info(path: string): Promise<ImageInfo> {
    const existing = this.#entries.get(path);
    if (existing) {
      this.#hits++;
      return existing;
    }
    const pending = Deno.readFile(`${this.root}/${path}`).then((bytes) =>
      Object.freeze(imageSize(bytes))
    );
    this.#entries.set(path, pending);
    return pending;
  }

  get hits(): number {
    return this.#hits;
  }
}

export async function imgTag(cache: ImageInfoCache, src: string, alt: string): Promise<string> {
  const { width, height } = await cache.info(src);
  return `<img src="${src}" alt="${alt}" width="${width}" height="${height}" loading="lazy">`;
}
