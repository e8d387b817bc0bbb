// EXIF-like metadata for gallery images, cached in a static object by path.
export interface Meta {
  camera: string;
  taken: string | null;
}

declare function readExif(bytes: Uint8Array): Record<string, string>;

export class ImageMeta {
  static cache: Record<string, Meta> = {}; // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

  static of(path: string): Meta {
    if (ImageMeta.cache[path]) return ImageMeta.cache[path];
    const exif = readExif(Deno.readFileSync(path));
    const meta = { camera: exif.Model ?? "unknown", taken: exif.DateTimeOriginal ?? null };
    ImageMeta.cache[path] = meta;
    return meta;
  }

  static caption(path: string): string {
    const { camera, taken } = ImageMeta.of(path);
    return taken ? `${camera}, ${taken}` : camera;
  }
}
