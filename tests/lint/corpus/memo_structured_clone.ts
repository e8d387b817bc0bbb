// Parsed CSV data files, memoised by content, bounded, handed out as copies.
export type Row = Record<string, string>;

const MAX_ENTRIES = 32;

const parsed = new Map<string, Row[]>(); // expect: floe/no-module-mutable-state

function parseCsv(text: string): Row[] {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const columns = head.split(",").map((c) => c.trim());
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, (cells[i] ?? "").trim()]));
  });
}

export function csvRows(text: string): Row[] {
  const hit = parsed.get(text);
  if (hit) return structuredClone(hit);
  const rows = parseCsv(text);
  if (parsed.size >= MAX_ENTRIES) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, rows);
  return structuredClone(rows);
}

export function csvTable(text: string): string {
  const rows = csvRows(text);
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]);
  const head = columns.map((c) => `<th>${c}</th>`).join("");
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${r[c]}</td>`).join("")}</tr>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
