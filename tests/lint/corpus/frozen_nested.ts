// A frozen config whose nested list is still pushed to (freeze is shallow).
const CONFIG = Object.freeze({ // expect: floe/no-module-mutable-state
  name: "markdown-extras",
  plugins: [] as string[],
  options: { smartQuotes: true },
});

export function usePlugin(name: string): void {
  if (!CONFIG.plugins.includes(name)) CONFIG.plugins.push(name);
}

export function pluginList(): readonly string[] {
  return CONFIG.plugins;
}

export function describe(): string {
  return `${CONFIG.name} with ${CONFIG.plugins.join(", ") || "no plugins"}`;
}

export function hasPlugin(name: string): boolean {
  return CONFIG.plugins.includes(name);
}

export function smartQuotes(): boolean {
  return CONFIG.options.smartQuotes;
}
