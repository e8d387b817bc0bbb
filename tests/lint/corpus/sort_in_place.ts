// Section order for the navigation; sort() sorts the module array in place.
const SECTIONS = ["guides", "blog", "api", "about"]; // expect: floe/no-module-mutable-state

export function sections(): string[] {
  return SECTIONS.sort();
}

export function navHtml(current: string): string {
  return sections()
    .map((s) => `<a href="/${s}/"${s === current ? ' aria-current="page"' : ""}>${s}</a>`)
    .join(" ");
}

export function isSection(name: string): boolean {
  return SECTIONS.includes(name);
}

export function sectionTitle(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function breadcrumbsFor(url: string): string[] {
  const first = url.split("/").filter(Boolean)[0];
  return isSection(first) ? ["Home", sectionTitle(first)] : ["Home"];
}
