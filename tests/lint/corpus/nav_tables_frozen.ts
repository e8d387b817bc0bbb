// Navigation menus: frozen arrays of frozen items, only read.
export interface NavItem {
  readonly label: string;
  readonly href: string;
  readonly external?: boolean;
}

export const MAIN_NAV: readonly NavItem[] = Object.freeze([
  Object.freeze({ label: "Docs", href: "/docs/" }),
  Object.freeze({ label: "Blog", href: "/blog/" }),
  Object.freeze({ label: "Showcase", href: "/showcase/" }),
  Object.freeze({ label: "GitHub", href: "https://github.com/example/site", external: true }),
]);

export const FOOTER_NAV = Object.freeze([
  Object.freeze({ label: "Privacy", href: "/privacy/" }),
  Object.freeze({ label: "Imprint", href: "/imprint/" }),
]);

function item(nav: NavItem, current: string): string {
  const attrs = nav.external ? ' rel="noopener" target="_blank"' : "";
  const active = current.startsWith(nav.href) ? ' aria-current="page"' : "";
  return `<li><a href="${nav.href}"${attrs}${active}>${nav.label}</a></li>`;
}

export function navHtml(items: readonly NavItem[], current: string): string {
  return `<ul>${items.map((n) => item(n, current)).join("")}</ul>`;
}
