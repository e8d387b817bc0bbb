// Theme settings, deep-frozen with floe's helper.
import { deepFreeze } from "jsr:@floe/floe";

export const THEME = deepFreeze({
  colors: {
    accent: "#3b6fd9",
    text: "#1d1d1f",
    muted: "#6e6e73",
    background: "#ffffff",
  },
  fonts: {
    body: ["Inter", "system-ui", "sans-serif"],
    code: ["JetBrains Mono", "ui-monospace", "monospace"],
  },
  breakpoints: { sm: 640, md: 960, lg: 1280 },
});

export function cssVariables(): string {
  const lines = Object.entries(THEME.colors).map(([name, value]) => `  --color-${name}: ${value};`);
  lines.push(`  --font-body: ${THEME.fonts.body.join(", ")};`);
  lines.push(`  --font-code: ${THEME.fonts.code.join(", ")};`);
  return `:root {\n${lines.join("\n")}\n}\n`;
}

export function mediaQuery(size: keyof typeof THEME.breakpoints): string {
  return `@media (min-width: ${THEME.breakpoints[size]}px)`;
}
