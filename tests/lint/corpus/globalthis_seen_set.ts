// Broken-link report that keeps its state on globalThis so it "survives hot reloads".
declare global {
  var __floeBrokenLinks: Set<string> | undefined;
}

globalThis.__floeBrokenLinks ??= new Set<string>(); // expect: floe/no-module-mutable-state

const LINK = /href="(\/[^"#?]*)"/g;

export function checkLinks(html: string, known: ReadonlySet<string>): number {
  let broken = 0;
  for (const match of html.matchAll(LINK)) {
    if (!known.has(match[1])) {
      globalThis.__floeBrokenLinks!.add(match[1]);
      broken++;
    }
  }
  return broken;
}

export function brokenLinks(): string[] {
  return [...(globalThis.__floeBrokenLinks ?? [])].sort();
}
