// Image processing wrapper with a private static singleton.
interface Encoder {
  encode(pixels: Uint8Array, width: number, format: string): Uint8Array;
}

declare function createEncoder(threads: number): Encoder;

export class ImageProcessor {
  static #instance: ImageProcessor | undefined; // expect: floe/no-module-mutable-state

  private constructor(private readonly encoder: Encoder) {}

  static get(): ImageProcessor {
    return ImageProcessor.#instance ??= new ImageProcessor(createEncoder(1)); // expect: floe/no-unguarded-singleton
  }

  toWebp(pixels: Uint8Array, width: number): Uint8Array {
    return this.encoder.encode(pixels, width, "webp");
  }
}

export function webp(pixels: Uint8Array, width: number): Uint8Array {
  return ImageProcessor.get().toWebp(pixels, width);
}
