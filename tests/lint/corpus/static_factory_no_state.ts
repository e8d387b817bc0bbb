// A value class with static factory methods and no static state.
export class Color {
  private constructor(readonly r: number, readonly g: number, readonly b: number) {}

  static fromHex(hex: string): Color {
    const clean = hex.replace(/^#/, "");
    const full = clean.length === 3 ? [...clean].map((c) => c + c).join("") : clean;
    const n = parseInt(full, 16);
    return new Color((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }

  static mix(a: Color, b: Color, t = 0.5): Color {
    const lerp = (x: number, y: number) => Math.round(x + (y - x) * t);
    return new Color(lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b));
  }

  get luminance(): number {
    const [r, g, b] = [this.r, this.g, this.b].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  toHex(): string {
    return "#" + [this.r, this.g, this.b].map((v) => v.toString(16).padStart(2, "0")).join("");
  }
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [Color.fromHex(a).luminance, Color.fromHex(b).luminance].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
