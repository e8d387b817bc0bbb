/**
 * Navigation: prev/next within a section, breadcrumbs, and menus from the config
 * and from pages' `menu` front matter.
 *
 * @module
 */
import type { MenuItemConfig } from "../config/config.ts";
import { compareText } from "../base/collate.ts";
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import type { DraftPage, DraftSection } from "./draft.ts";
import type { MenuEntry } from "./types.ts";

/**
 * Links each regular page of a section to its neighbours in the section's order.
 *
 * @example
 * ```ts
 * import { linkNeighbours } from "./navigation.ts";
 * declare const section: import("./draft.ts").DraftSection;
 * linkNeighbours(section);
 * ```
 */
export function linkNeighbours(section: DraftSection): void {
  section.pages.forEach((page, i) => {
    page.prev = section.pages[i - 1] ?? null;
    page.next = section.pages[i + 1] ?? null;
  });
}

/**
 * The list pages from the home down to the page's parent: for a regular page its
 * section and the section's ancestors; for a list page its ancestors only.
 *
 * @example
 * ```ts
 * import { breadcrumbsOf } from "./navigation.ts";
 * declare const page: import("./draft.ts").DraftPage;
 * page.breadcrumbs = breadcrumbsOf(page);
 * ```
 */
export function breadcrumbsOf(page: DraftPage): DraftPage[] {
  const trail: DraftPage[] = [];
  let section: DraftSection | null = page.kind === "page" ? page.section : page.section.parent;
  if (page.kind === "term" && page.taxonomy) trail.push(page.taxonomy.page as DraftPage);
  if (page.kind === "taxonomy" || page.kind === "term" || page.kind === "404") {
    section = page.section;
  }
  for (; section; section = section.parent) {
    if (section.page && section.page !== page) trail.push(section.page);
  }
  return trail.reverse();
}

/**
 * Builds every menu: the config's items plus pages whose front matter says
 * `menu: main`, `menu: [main, footer]` or `menu: { main: { name, weight } }`.
 * Entries are sorted by weight (0 last), then name, then URL.
 *
 * @example
 * ```ts
 * import { buildMenus } from "./navigation.ts";
 * const { menus } = buildMenus({ main: [{ name: "Home", url: "/" }] }, []);
 * ```
 */
export function buildMenus(
  configured: Readonly<Record<string, readonly MenuItemConfig[]>>,
  pages: readonly DraftPage[],
): { menus: Record<string, MenuEntry[]>; diagnostics: Diagnostic[] } {
  const menus: Record<string, MenuEntry[]> = {};
  const diagnostics: Diagnostic[] = [];
  const add = (menu: string, entry: MenuEntry) => (menus[menu] ??= []).push(entry);
  for (const [menu, items] of Object.entries(configured)) {
    for (const item of items) {
      add(menu, { name: item.name, url: item.url, weight: item.weight ?? 0, page: null });
    }
  }
  for (const page of pages) {
    const raw = page.params.menu;
    if (raw === undefined || !page.listed) continue;
    const entries: [string, { name?: unknown; weight?: unknown }][] = typeof raw === "string"
      ? [[raw, {}]]
      : Array.isArray(raw) && raw.every((m) => typeof m === "string")
      ? raw.map((m) => [m, {}])
      : typeof raw === "object" && raw !== null && !Array.isArray(raw)
      ? Object.entries(raw as Record<string, { name?: unknown; weight?: unknown }>).map((
        [m, v],
      ) => [m, v ?? {}])
      : [];
    if (!entries.length || entries.some(([, v]) => typeof v !== "object")) {
      diagnostics.push(
        error("front-matter", `"menu" must name a menu, a list of menus, or a mapping`, {
          file: page.file ?? undefined,
          ...page.keyLocations.menu,
          hint: "menu: main   or   menu: { main: { weight: 2, name: Docs } }",
        }),
      );
      continue;
    }
    for (const [menu, options] of entries) {
      add(menu, {
        name: typeof options.name === "string" ? options.name : page.title,
        url: page.url,
        weight: typeof options.weight === "number" ? options.weight : page.weight,
        page,
      });
    }
  }
  for (const entries of Object.values(menus)) {
    entries.sort((a, b) => {
      const wa = a.weight === 0 ? Infinity : a.weight;
      const wb = b.weight === 0 ? Infinity : b.weight;
      return wa !== wb
        ? (wa < wb ? -1 : 1)
        : compareText(a.name, b.name) || (a.url < b.url ? -1 : 1);
    });
  }
  return { menus, diagnostics };
}
