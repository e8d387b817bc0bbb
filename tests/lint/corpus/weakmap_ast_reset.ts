// Rendered data tables keyed by the data object; reset at every build.
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

let tableHtml = new WeakMap<Table, string>(); // expect: floe/no-module-mutable-state, floe/no-unsafe-memo

function renderTable(table: Table): string {
  const head = table.columns.map((c) => `<th>${c}</th>`).join("");
  const body = table.rows
    .map((row) => `<tr>${table.columns.map((c) => `<td>${String(row[c] ?? "")}</td>`).join("")}</tr>`)
    .join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function tableToHtml(table: Table): string {
  let html = tableHtml.get(table);
  if (html === undefined) {
    html = renderTable(table);
    tableHtml.set(table, html);
  }
  return html;
}

export function resetTables(): void {
  tableHtml = new WeakMap();
}
