// Unique ids for interactive components (tabs, accordions) in rendered HTML.
let uid = 0; // expect: floe/no-module-mutable-state

export const nextId = (prefix = "c") => `${prefix}-${++uid}`;

export function tabs(labels: readonly string[], panels: readonly string[]): string {
  const group = nextId("tabs");
  const buttons = labels.map((label, i) => {
    const id = `${group}-${i}`;
    return `<button role="tab" id="${id}-tab" aria-controls="${id}">${label}</button>`;
  });
  const bodies = panels.map((html, i) =>
    `<div role="tabpanel" id="${group}-${i}" aria-labelledby="${group}-${i}-tab">${html}</div>`
  );
  return `<div class="tabs" id="${group}">${buttons.join("")}${bodies.join("")}</div>`;
}

export function accordion(items: readonly { title: string; body: string }[]): string {
  return items
    .map((item) => {
      const id = nextId("acc");
      return `<details id="${id}"><summary>${item.title}</summary>${item.body}</details>`;
    })
    .join("\n");
}
