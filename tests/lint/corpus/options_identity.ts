// Code block rendering memoised by the options object.
export interface CodeOptions {
  readonly lang: string;
  readonly lineNumbers: boolean;
  readonly highlightLines: readonly number[];
}

const rendered = new Map<CodeOptions, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function renderCode(code: string, options: CodeOptions): string {
  const lines = code.split("\n").map((line, i) => {
    const cls = options.highlightLines.includes(i + 1) ? ' class="hl"' : "";
    const num = options.lineNumbers ? `<span class="ln">${i + 1}</span>` : "";
    return `<span${cls}>${num}${line}</span>`;
  });
  return `<pre data-lang="${options.lang}"><code>${lines.join("\n")}</code></pre>`;
}

export function codeBlock(code: string, options: CodeOptions): string {
  const hit = rendered.get(options);
  if (hit !== undefined) return hit;
  const html = renderCode(code, options);
  rendered.set(options, html);
  if (rendered.size > 100) rendered.delete(rendered.keys().next().value!);
  return html;
}
