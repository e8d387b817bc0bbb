// Asset manifest shared through a Symbol-keyed global, read by every filter.
import { join } from "node:path";

type Manifest = Readonly<Record<string, string>>;

const MANIFEST_KEY = Symbol.for("my-site.asset-manifest");

function readManifest(dir: string): Manifest {
  const text = Deno.readTextFileSync(join(dir, "manifest.json"));
  return Object.freeze(JSON.parse(text));
}

export function manifest(dir = "./_site"): Manifest {
  const store = globalThis as unknown as Record<symbol, Manifest | undefined>;
  return (store[MANIFEST_KEY] ??= readManifest(dir)); // expect: floe/no-module-mutable-state, floe/no-unguarded-singleton
}

export function asset(path: string): string {
  return manifest()[path] ?? path;
}
