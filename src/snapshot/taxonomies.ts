/**
 * Taxonomies (`tags`, `categories`, …): terms from front matter, a list page per
 * taxonomy and a page per term, with stable, collision-free term slugs.
 *
 * @module
 */
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { compareText } from "../base/collate.ts";
import { slugify } from "../parse/slugify.ts";
import { compareByDate, type DraftPage, type DraftTaxonomy, type DraftTerm } from "./draft.ts";
import { encodePath, outputPathFor } from "./urls.ts";

/**
 * Makes one term slug per distinct name, independent of page order: names that
 * differ only in case are one term (the first spelling in sort order names it);
 * names whose slugs collide get `-2`, `-3`… in sorted order; a name with no letters
 * or digits gets `term`.
 *
 * @example
 * ```ts
 * import { termSlugs } from "./taxonomies.ts";
 * termSlugs(["C++", "C#", "Deno", "deno"]);
 * // Map { "C#" => "c", "C++" => "c-2", "Deno" => "deno", "deno" => "deno" }
 * ```
 */
export function termSlugs(names: Iterable<string>): Map<string, string> {
  const byKey = new Map<string, string[]>();
  for (const name of names) {
    const key = name.normalize("NFC").toLocaleLowerCase("en");
    const group = byKey.get(key) ?? [];
    if (!group.includes(name)) group.push(name);
    byKey.set(key, group);
  }
  const used = new Set<string>();
  const slugs = new Map<string, string>();
  for (const key of [...byKey.keys()].sort()) {
    const base = slugify(key) || "term";
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    for (const name of byKey.get(key)!) slugs.set(name, slug);
  }
  return slugs;
}

/**
 * Collects each taxonomy's terms from the regular pages, links pages and terms,
 * and makes the taxonomy and term list pages (from `template`, a generated page to
 * copy). Bad values (a number, a nested list) are diagnostics at their key.
 *
 * @example
 * ```ts
 * import { buildTaxonomies } from "./taxonomies.ts";
 * declare const pages: import("./draft.ts").DraftPage[];
 * declare const make: Parameters<typeof buildTaxonomies>[2];
 * const { taxonomies, listPages } = buildTaxonomies(["tags"], pages, make);
 * ```
 */
export function buildTaxonomies(
  names: readonly string[],
  pages: readonly DraftPage[],
  makeListPage: (kind: "taxonomy" | "term", url: string, title: string) => DraftPage,
): {
  taxonomies: Record<string, DraftTaxonomy>;
  listPages: DraftPage[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const taxonomies: Record<string, DraftTaxonomy> = {};
  const listPages: DraftPage[] = [];
  for (const name of names) {
    const valuesByPage = new Map<DraftPage, string[]>();
    for (const page of pages) {
      const raw = page.params[name];
      if (raw === undefined || raw === null) continue;
      const values = typeof raw === "string" ? [raw] : raw;
      if (
        !Array.isArray(values) || values.some((v) => typeof v !== "string" && typeof v !== "number")
      ) {
        diagnostics.push(error("front-matter", `"${name}" must be a list of names`, {
          file: page.file ?? undefined,
          ...page.keyLocations[name],
          hint: `write ${name}: [deno, web] or one name per "- " line`,
        }));
        continue;
      }
      const clean = [...new Set(values.map((v) => String(v).trim()).filter(Boolean))];
      valuesByPage.set(page, clean);
    }
    const slugs = termSlugs([...valuesByPage.values()].flat());
    const url = encodePath(`/${slugify(name) || name}/`);
    const taxonomy: DraftTaxonomy = {
      name,
      title: name.charAt(0).toUpperCase() + name.slice(1),
      url,
      page: makeListPage("taxonomy", url, name.charAt(0).toUpperCase() + name.slice(1)),
      terms: [],
    };
    taxonomy.page.taxonomy = taxonomy;
    const terms = new Map<string, DraftTerm>();
    for (const [page, values] of valuesByPage) {
      const own: DraftTerm[] = [];
      for (const value of values) {
        const slug = slugs.get(value)!;
        let term = terms.get(slug);
        if (!term) {
          const termUrl = `${url}${encodePath(slug)}/`;
          term = {
            name: value,
            slug,
            url: termUrl,
            taxonomy: name,
            page: makeListPage("term", termUrl, value),
            pages: [],
          };
          term.page.term = term;
          term.page.taxonomy = taxonomy;
          terms.set(slug, term);
        } else if (value < term.name) {
          // The display name must not depend on page order.
          term.name = value;
          term.page.title = value;
        }
        if (!own.includes(term)) {
          own.push(term);
          term.pages.push(page);
        }
      }
      page.terms[name] = own;
    }
    taxonomy.terms = [...terms.values()].sort((a, b) =>
      compareText(a.name, b.name) || (a.slug < b.slug ? -1 : 1)
    );
    for (const term of taxonomy.terms) term.pages.sort(compareByDate);
    for (const page of pages) page.terms[name]?.sort((a, b) => compareText(a.name, b.name));
    taxonomies[name] = taxonomy;
    listPages.push(taxonomy.page, ...taxonomy.terms.map((t) => t.page));
  }
  for (const page of listPages) page.outputPath = outputPathFor(page.url);
  return { taxonomies, listPages, diagnostics };
}
