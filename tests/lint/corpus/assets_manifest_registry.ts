// The asset pipeline records output names; templates look them up.
const manifest: Record<string, string> = {}; // expect: floe/no-module-mutable-state

export function recordAsset(source: string, output: string): void {
  manifest[source] = output;
}

export function assetUrl(source: string): string {
  const output = manifest[source];
  if (!output) {
    console.warn(`asset ${source} was not processed`);
    return `/${source}`;
  }
  return `/${output}`;
}

export function manifestJson(): string {
  return JSON.stringify(manifest, Object.keys(manifest).sort(), 2);
}

export function assetTag(source: string): string {
  const url = assetUrl(source);
  return source.endsWith(".css")
    ? `<link rel="stylesheet" href="${url}">`
    : `<script type="module" src="${url}"></script>`;
}
