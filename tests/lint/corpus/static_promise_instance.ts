// Lazy import of a heavy image library, caching the promise in a private static.
interface Sharp {
  resize(input: Uint8Array, width: number): Promise<Uint8Array>;
}

async function loadSharp(): Promise<Sharp> {
  const mod = await import("npm:sharp@0.33.5");
  return {
    resize: (input, width) => mod.default(input).resize(width).toBuffer(),
  };
}

export class Images {
  static #sharp: Promise<Sharp> | undefined; // expect: floe/no-module-mutable-state

  static sharp(): Promise<Sharp> {
    return this.#sharp ??= loadSharp();
  }

  static async resize(input: Uint8Array, width: number): Promise<Uint8Array> {
    const sharp = await Images.sharp();
    return sharp.resize(input, width);
  }
}
