// A "there can be only one" asset registry enforced in the constructor.
export class AssetRegistry {
  static #current: AssetRegistry | undefined; // expect: floe/no-module-mutable-state

  readonly #assets = new Map<string, string>();

  constructor() {
    if (AssetRegistry.#current) return AssetRegistry.#current;
    AssetRegistry.#current = this; // expect: floe/no-unguarded-singleton
  }

  add(source: string, output: string): void {
    this.#assets.set(source, output);
  }

  url(source: string): string {
    return `/${this.#assets.get(source) ?? source}`;
  }
}

export function assetUrl(source: string): string {
  return new AssetRegistry().url(source);
}
