// Options of an image plugin, merged with frozen defaults.
export interface ImagePluginOptions {
  widths: readonly number[];
  formats: readonly string[];
  quality: number;
  outputDir: string;
}

const DEFAULTS: Readonly<ImagePluginOptions> = Object.freeze({
  widths: Object.freeze([480, 960, 1600]),
  formats: Object.freeze(["avif", "webp"]),
  quality: 75,
  outputDir: "img",
});

export function resolveOptions(options: Partial<ImagePluginOptions> = {}): ImagePluginOptions {
  return { ...DEFAULTS, ...options };
}

export function resolveLegacy(options: Partial<ImagePluginOptions> = {}): ImagePluginOptions {
  // A fresh target: DEFAULTS is only read.
  return Object.assign({}, DEFAULTS, options);
}

export function describe(options: ImagePluginOptions): string {
  const widths = [...options.widths].sort((a, b) => a - b).join(", ");
  return `${options.formats.join("/")} at ${widths}px, quality ${options.quality}`;
}
