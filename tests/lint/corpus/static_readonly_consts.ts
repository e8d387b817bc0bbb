// Image format helpers grouped in a class with only readonly statics.
export class ImageFormats {
  static readonly VERSION = "1.2.0";
  static readonly DEFAULT_QUALITY = 80;
  static readonly EXTENSIONS = Object.freeze([".png", ".jpg", ".jpeg", ".webp", ".avif"]);
  static readonly QUALITY = Object.freeze({ webp: 78, avif: 55, jpeg: 82 });

  static isImage(path: string): boolean {
    const lower = path.toLowerCase();
    return ImageFormats.EXTENSIONS.some((ext) => lower.endsWith(ext));
  }

  static qualityFor(format: string): number {
    const table: Readonly<Record<string, number>> = ImageFormats.QUALITY;
    return table[format] ?? ImageFormats.DEFAULT_QUALITY;
  }

  static outputName(path: string, width: number, format: string): string {
    const dot = path.lastIndexOf(".");
    const stem = dot < 0 ? path : path.slice(0, dot);
    return `${stem}-${width}w.${format}`;
  }
}

export function srcsetFor(path: string, widths: readonly number[], format = "webp"): string {
  return widths.map((w) => `${ImageFormats.outputName(path, w, format)} ${w}w`).join(", ");
}
