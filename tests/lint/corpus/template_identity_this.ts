// Templates compile their source once; the compiled function is keyed by the template object.
type Render = (data: Record<string, unknown>) => string;

const compiled = new Map<Template, Render>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function compile(source: string): Render {
  const parts = source.split(/\{\{\s*(\w+)\s*\}\}/g);
  return (data) => parts.map((p, i) => (i % 2 ? String(data[p] ?? "") : p)).join("");
}

export class Template {
  constructor(readonly name: string, readonly source: string) {}

  render(data: Record<string, unknown>): string {
    let fn = compiled.get(this);
    if (!fn) {
      fn = compile(this.source);
      compiled.set(this, fn);
    }
    return fn(data);
  }
}

export function renderNamed(templates: readonly Template[], name: string, data: Record<string, unknown>): string {
  const template = templates.find((t) => t.name === name);
  return template ? template.render(data) : "";
}
