// Date filters for templates: {{ page.date |> date("long") }}.
const FORMATS = Object.freeze({
  short: new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeZone: "UTC" }),
  medium: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }),
  long: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }),
});

export type DateStyle = keyof typeof FORMATS;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === "string" && ISO_DATE.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

export function formatDate(value: unknown, style: DateStyle = "medium"): string {
  const date = toDate(value);
  if (!date) return "";
  const format = FORMATS[style] ?? FORMATS.medium;
  return format.format(date);
}

export function isoDate(value: unknown): string {
  return toDate(value)?.toISOString().slice(0, 10) ?? "";
}

export function year(value: unknown): number | null {
  return toDate(value)?.getUTCFullYear() ?? null;
}
