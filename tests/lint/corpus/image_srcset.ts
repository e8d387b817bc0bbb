// Responsive image markup.
const WIDTHS = [320, 640, 960, 1280, 1920] as const;
const SIZES = "(min-width: 960px) 720px, 100vw";

export interface Picture {
  readonly src: string;
  readonly alt: string;
  readonly width: number;
  readonly height: number;
}

function variant(src: string, width: number, ext: string): string {
  return src.replace(/\.[a-z]+$/i, `-${width}.${ext}`);
}

export function usableWidths(original: number): number[] {
  const widths: number[] = WIDTHS.filter((w) => w < original);
  widths.push(original);
  return widths;
}

export function pictureHtml(pic: Picture, formats: readonly string[] = ["avif", "webp"]): string {
  const widths = usableWidths(pic.width);
  const sources = formats.map((fmt) =>
    `<source type="image/${fmt}" sizes="${SIZES}" srcset="${
      widths.map((w) => `${variant(pic.src, w, fmt)} ${w}w`).join(", ")
    }">`
  );
  return `<picture>${sources.join("")}<img src="${pic.src}" alt="${pic.alt}" width="${pic.width}" height="${pic.height}" loading="lazy" decoding="async"></picture>`;
}
