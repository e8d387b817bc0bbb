// Vite-style manifest for script tags, read once.
import { join } from "node:path";

interface ManifestEntry {
  readonly file: string;
  readonly css?: readonly string[];
}

type Manifest = Readonly<Record<string, ManifestEntry>>;

let manifest: Manifest | undefined; // expect: floe/no-module-mutable-state

async function loadManifest(outDir: string): Promise<Manifest> {
  if (manifest) return manifest;
  manifest = JSON.parse(await Deno.readTextFile(join(outDir, ".vite/manifest.json"))); // expect: floe/no-unguarded-singleton
  return manifest!;
}

export async function scriptTags(outDir: string, entry: string): Promise<string> {
  const m = await loadManifest(outDir);
  const chunk = m[entry];
  if (!chunk) throw new Error(`${entry} is not in the manifest`);
  const css = (chunk.css ?? []).map((href) => `<link rel="stylesheet" href="/${href}">`);
  return [...css, `<script type="module" src="/${chunk.file}"></script>`].join("\n");
}
