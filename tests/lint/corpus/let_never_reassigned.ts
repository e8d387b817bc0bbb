// Responsive image widths; the let is never reassigned (could be const).
import type { Page } from "jsr:@floe/floe";

let MAX_WIDTH = 1200; // expect: floe/no-module-mutable-state
const MIN_WIDTH = 320;

export function clampWidth(width: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

export function coverWidth(page: Page): number {
  const requested = Number(page.params.coverWidth ?? MAX_WIDTH);
  return clampWidth(Number.isFinite(requested) ? requested : MAX_WIDTH);
}

export function coverStyle(page: Page): string {
  return `max-width: ${coverWidth(page)}px`;
}

export function srcset(src: string, widths: readonly number[]): string {
  return widths.map(clampWidth).map((w) => `${src}?w=${w} ${w}w`).join(", ");
}
