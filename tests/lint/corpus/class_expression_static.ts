// Heading counters in a class expression with a writable static.
export const SectionNumbers = class {
  static current = [0, 0, 0]; // expect: floe/no-module-mutable-state
  static readonly SEPARATOR = ".";

  static next(level: number): string {
    const counters = SectionNumbers.current;
    counters[level - 2]++;
    for (let i = level - 1; i < counters.length; i++) counters[i] = 0;
    return counters.slice(0, level - 1).join(SectionNumbers.SEPARATOR);
  }
};

export function numberHeadings(html: string): string {
  return html.replace(/<h([234])>/g, (_, level: string) => {
    const number = SectionNumbers.next(Number(level));
    return `<h${level}><span class="secno">${number}</span> `;
  });
}

export function headingNumberStyle(): string {
  return ".secno { margin-inline-end: 0.5em; color: var(--color-muted); }";
}
