// Writes generated OG images; creates the output folder on first write.
import { join } from "node:path";

const OUT_DIR = "./_site/og";

let outDirReady = false; // expect: floe/no-module-mutable-state

export async function writeOgImage(slug: string, png: Uint8Array): Promise<string> {
  if (!outDirReady) {
    await Deno.mkdir(OUT_DIR, { recursive: true });
    outDirReady = true; // expect: floe/no-unguarded-singleton
  }
  const path = join(OUT_DIR, `${slug}.png`);
  await Deno.writeFile(path, png);
  return `/og/${slug}.png`;
}

export function ogMeta(slug: string): string {
  return `<meta property="og:image" content="/og/${slug}.png">`;
}
