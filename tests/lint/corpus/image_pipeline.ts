// Image pipeline: lazy import of the codec, resized variants cached by source path.
import { join } from "node:path";

type Codec = {
  resize(input: Uint8Array, width: number, format: string): Promise<Uint8Array>;
};

class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: V): void {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}

let codec: Codec | undefined; // expect: floe/no-module-mutable-state
const resized = new BoundedCache<Uint8Array>(300); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

async function getCodec(): Promise<Codec> {
  codec ??= (await import("./codec_wasm.ts")).default as Codec; // expect: floe/no-unguarded-singleton
  return codec;
}

export async function variant(root: string, src: string, width: number, format = "webp"): Promise<Uint8Array> {
  const key = `${src}|${width}|${format}`;
  const hit = resized.get(key);
  if (hit) return hit;
  const input = await Deno.readFile(join(root, src));
  const output = await (await getCodec()).resize(input, width, format);
  resized.set(key, output);
  return output;
}
