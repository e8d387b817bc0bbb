// "3 days ago" for dates, with stateless Intl formatters.
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
] as const;

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function timeAgo(date: string | Date, now: Date): string {
  const then = typeof date === "string" ? new Date(date) : date;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, "second");
}

export function timeAgoIn(locale: string, date: string, now: Date): string {
  const local = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const days = Math.round((new Date(date).getTime() - now.getTime()) / 86_400_000);
  return local.format(days, "day");
}
