// SVG icon sprite read from disk when the first icon is rendered.
export class Icons {
  static #sprite?: string; // expect: floe/no-module-mutable-state
  static readonly PATH = "./assets/icons.svg";

  static get sprite(): string {
    if (Icons.#sprite === undefined) {
      Icons.#sprite = Deno.readTextFileSync(Icons.PATH); // expect: floe/no-unguarded-singleton
    }
    return Icons.#sprite;
  }

  static icon(name: string, size = 16): string {
    if (!Icons.sprite.includes(`id="${name}"`)) return "";
    return `<svg width="${size}" height="${size}" aria-hidden="true"><use href="#${name}"/></svg>`;
  }
}

export function iconLink(name: string, href: string, label: string): string {
  return `<a class="icon-link" href="${href}">${Icons.icon(name)}<span>${label}</span></a>`;
}

export function socialIcons(links: Readonly<Record<string, string>>): string {
  return Object.entries(links).map(([name, href]) => iconLink(name, href, name)).join(" ");
}
