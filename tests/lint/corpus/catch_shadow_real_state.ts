// Counts render errors per worker; local names shadow the module binding.
let errors = 0; // expect: floe/no-module-mutable-state

export function safeRender(render: () => string, fallback = ""): string {
  try {
    return render();
  } catch (errors) {
    console.error(errors);
    bump();
    return fallback;
  }
}

function bump(): void {
  errors += 1;
}

export function renderAll(renders: readonly (() => string)[]): { html: string[]; errors: number } {
  const html: string[] = [];
  let errors = 0;
  for (const render of renders) {
    const out = safeRender(render, "\u0000");
    if (out === "\u0000") errors++;
    else html.push(out);
  }
  return { html, errors };
}

export const totalErrors = () => errors;
