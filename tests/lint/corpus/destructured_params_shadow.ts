// Shortcodes: the module table is filled once; functions work on their own maps.
type Shortcode = (args: readonly string[]) => string;

const registry = new Map<string, Shortcode>([
  ["youtube", ([id]) => `<iframe src="https://www.youtube-nocookie.com/embed/${id}"></iframe>`],
  ["kbd", (keys) => keys.map((k) => `<kbd>${k}</kbd>`).join("+")],
  ["badge", ([text, color = "blue"]) => `<span class="badge badge-${color}">${text}</span>`],
]);

export interface ShortcodeContext {
  readonly registry: Map<string, Shortcode>;
  readonly strict: boolean;
}

export function createContext(extra: Record<string, Shortcode> = {}): ShortcodeContext {
  const context = { registry: new Map(registry), strict: false };
  for (const [name, fn] of Object.entries(extra)) context.registry.set(name, fn);
  return context;
}

export function addShortcode({ registry }: ShortcodeContext, name: string, fn: Shortcode): void {
  registry.set(name, fn);
}

const CALL = /\{\{<\s*(\w+)((?:\s+"[^"]*"|\s+\S+)*)\s*>\}\}/g;

export function expand(text: string, { registry, strict }: ShortcodeContext): string {
  return text.replace(CALL, (whole, name: string, rawArgs: string) => {
    const fn = registry.get(name);
    if (!fn) {
      if (strict) throw new Error(`unknown shortcode ${name}`);
      return whole;
    }
    const args = [...rawArgs.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
    return fn(args);
  });
}
