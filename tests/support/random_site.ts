/**
 * A deterministic random floe site, and random edits to it, for the incremental
 * build tests (tests/incremental/).
 *
 * The site is kept as a model ({@link SiteModel}); {@link RandomSite.sync} renders
 * the model to files and writes only what differs from what is on disk (deleting
 * files the model no longer has), so every edit is "change the model, then sync",
 * and the paths a sync touched are exactly what a file watcher would have seen.
 * Everything comes from one seeded PRNG: the same seed and step count give the
 * same site and the same edits, so a failure is replayed with
 * `deno run -A tests/incremental/fuzz.ts --seed N --steps M`.
 *
 * What the site has: a home `_index.md`; sections `blog/` (custom layouts with an
 * include, `data/` reads and `site.pages |> limit(3)`), `docs/` (default theme,
 * a cascade in its `_index.md`) with the nested section `docs/guides/`, `notes/`
 * (no `_index.md`; a layout of its own comes and goes), `gallery/` (leaf bundles
 * with an image); tags with term pages; pagination; menus from the config and
 * from front matter; prev/next; aliases; `static/` files; `floe.config.ts`.
 *
 * @module
 */
import { mkdirSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over a seeded PRNG. */
export class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  /** A float in [0, 1). */
  float(): number {
    return this.#next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#next() * (hi - lo + 1));
  }
  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error("pick from an empty list");
    return items[Math.floor(this.#next() * items.length)];
  }
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((sum, [w]) => sum + w, 0);
    let r = this.#next() * total;
    for (const [w, value] of items) {
      if ((r -= w) < 0) return value;
    }
    return items[items.length - 1][1];
  }
  /** `n` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) {
      out.push(copy.splice(Math.floor(this.#next() * copy.length), 1)[0]);
    }
    return out;
  }
}

const WORDS = [
  "amber",
  "basil",
  "cedar",
  "delta",
  "ember",
  "fjord",
  "gamma",
  "harbor",
  "iris",
  "juniper",
  "kepler",
  "lumen",
  "maple",
  "nectar",
  "orbit",
  "prism",
  "quartz",
  "raven",
  "sable",
  "tundra",
  "umber",
  "vertex",
  "willow",
  "xenon",
  "yarrow",
  "zephyr",
];
/** Title spice: characters that must be escaped, non-ASCII, quotes. */
const TITLE_EXTRAS = ["& co", "<b>bold</b>", "café", `"quoted"`, "50%", "naïve", "C#", "a/b"];
const TAG_POOL = ["deno", "rust", "web", "perf", "notes", "design", "tools", "café"];

/** The sections pages can live in (top-level name or nested path). */
export const SECTIONS = ["blog", "docs", "docs/guides", "notes", "gallery"] as const;
export type SectionPath = typeof SECTIONS[number];

/** One content page of the model. */
export interface PageModel {
  /** Unique id: the page's slug (file name or bundle folder name). */
  id: string;
  section: SectionPath;
  /** A leaf bundle: `<section>/<id>/index.md` with `photo.png` beside it. */
  bundle: boolean;
  /** Seed of the bundle image bytes (changing it changes the image). */
  image: number;
  title: string;
  date: string | null;
  weight: number | null;
  tags: string[];
  draft: boolean;
  description: string | null;
  menu: boolean;
  alias: boolean;
  paragraphs: string[];
  /** Headings added after the first paragraph (a TOC appears with 2 or more). */
  headings: string[];
  /** `build:` options: left out of listings, no output file, or both. */
  build?: "list" | "render" | "both";
  /** A `layout:` key: an existing layout, one that comes and goes, or one that never exists. */
  layout?: string;
}

/** A section's `_index.md` (sections without one have `null`). */
export interface SectionModel {
  path: SectionPath;
  index: { title: string; description: string | null; body: string; cascade: string | null } | null;
}

/** The whole site, as data. */
export interface SiteModel {
  config: { title: string; paginate: number; description: string; extraMenu: boolean };
  home: { title: string; body: string };
  sections: SectionModel[];
  pages: PageModel[];
  /** Version of each custom layout or include: its text is a function of it. */
  layouts: Record<string, number>;
  data: { authors: { name: string; handle: string }[]; extra: Record<string, string> };
  statics: Record<string, string>;
  /** Files in content/ and static/ the build ignores (editor backups, OS files, node_modules). */
  ignored?: Record<string, string>;
  nextId: number;
}

/** A file deliberately broken by an edit, until a later "fix" edit. */
export interface Broken {
  /** Site-relative path of the broken file. */
  file: string;
  /** What the file holds while broken. */
  text: string;
  /** How it is broken, for the edit log. */
  kind: string;
}

/**
 * The random edit kinds and how often each is picked. `broken` writes a file the
 * build must reject (one of the `broken-*` kinds); a later `fix` repairs it.
 */
export const EDIT_WEIGHTS: readonly (readonly [number, string])[] = Object.freeze([
  [8, "body"],
  [5, "title"],
  [3, "date"],
  [2, "weight"],
  [2, "description"],
  [3, "tag-add"],
  [2, "tag-remove"],
  [1, "tag-rename"],
  [2, "draft"],
  [1, "menu"],
  [1, "alias"],
  [3, "page-add"],
  [2, "page-delete"],
  [2, "page-move"],
  [2, "section"],
  [1, "section-index"],
  [1, "home"],
  [3, "layout"],
  [1, "layout-toggle"],
  [2, "include"],
  [2, "data-edit"],
  [2, "data-add-remove"],
  [2, "config"],
  [2, "static"],
  [1, "image"],
  [2, "build"],
  [2, "layout-key"],
  [1, "ignored"],
  [3, "broken"],
]);

/** Every edit kind `applyEdit` knows (and `fix`). */
export const EDIT_KINDS: readonly string[] = Object.freeze([
  ...EDIT_WEIGHTS.map(([, k]) => k).filter((k) => k !== "broken"),
  "broken-front-matter",
  "broken-data",
  "broken-layout",
  "broken-config",
  "fix",
]);

/** One applied edit: what it did and which absolute paths it touched. */
export interface EditRecord {
  readonly kind: string;
  readonly detail: string;
  readonly changed: readonly string[];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The custom layouts and includes of the site; `notes/page.vto` comes and goes. */
export const CUSTOM_LAYOUTS = [
  "blog/page.vto",
  "blog/section.vto",
  "partials/byline.vto",
  "partials/recent.vto",
  "notes/page.vto",
] as const;

function layoutText(name: string, v: number): string | null {
  if (v < 0) return null; // absent
  const mark = `<!-- ${name} v${v} -->`;
  switch (name) {
    case "blog/page.vto":
      // Variants read different fields, so dependencies come and go with edits.
      return `---
layout: _default/base.vto
---
${mark}
<article class="post v${v % 3}">
<h1>{{ page.title }}</h1>
{{ include "partials/byline.vto" }}
${
        v % 3 === 1
          ? `{{ if page.prev }}<p class="older">Older: {{ page.prev.title }}</p>{{ /if }}\n`
          : ""
      }{{ content }}
${
        v % 3 === 2
          ? `<p class="words">{{ page.wordCount }} words in {{ section.title }}</p>\n`
          : `{{ if page.terms.tags }}<ul class="tags">{{ for t of page.terms.tags }}<li><a href="{{ t.url |> url }}">{{ t.name }}</a> ({{ t.pages.length }})</li>{{ /for }}</ul>{{ /if }}\n`
      }{{ if data.extra }}<ul class="extra">{{ for key, value of data.extra }}<li>{{ key }}: {{ value.note }}</li>{{ /for }}</ul>{{ /if }}
</article>
`;
    case "blog/section.vto":
      return `---
layout: _default/base.vto
---
${mark}
<h1>{{ page.title }}</h1>
{{ if page.paginator.number == 1 }}{{ content }}{{ /if }}
<ol class="posts">
{{ for p of page.paginator.items }}<li><a href="{{ p.url |> url }}">{{ p.title }}</a>${
        v % 2 ? "" : ` {{ if p.date }}<time>{{ p.date |> date }}</time>{{ /if }}`
      }</li>
{{ /for }}</ol>
{{ include "_default/pagination.vto" }}
{{ include "partials/recent.vto" }}
`;
    case "partials/byline.vto":
      return `${mark}<p class="byline">${
        v % 2 ? "Written" : "By"
      } {{ data.authors[0].name }} (@{{ data.authors[0].handle }}){{ if page.date }} on {{ page.date |> date }}{{ /if }}${
        v % 4 === 3 ? ` · {{ site.title }}` : ""
      }</p>\n`;
    case "partials/recent.vto":
      return `${mark}<aside class="recent"><h2>${
        v % 2 ? "Recently" : "Elsewhere"
      }</h2><ul>{{ for p of site.pages |> limit(${
        3 + (v % 2)
      }) }}<li><a href="{{ p.url |> url }}">{{ p.title }}</a></li>{{ /for }}</ul></aside>\n`;
    case "notes/page.vto":
      return `---
layout: _default/base.vto
---
${mark}
<article class="note">
<h1>{{ page.title }}</h1>
{{ content }}
{{ if page.next }}<a rel="next" href="{{ page.next.url |> url }}">{{ page.next.title }}</a>{{ /if }}
<p>{{ data.authors.length }} authors</p>
</article>
`;
    default:
      throw new Error(`no layout ${name}`);
  }
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function pageFile(p: PageModel): string {
  return p.bundle ? `content/${p.section}/${p.id}/index.md` : `content/${p.section}/${p.id}.md`;
}

function pageUrl(p: PageModel): string {
  return `/${p.section}/${p.id}/`;
}

function pageText(p: PageModel): string {
  const fm = [`title: ${yamlString(p.title)}`];
  if (p.date) fm.push(`date: ${p.date}`);
  if (p.weight !== null) fm.push(`weight: ${p.weight}`);
  if (p.tags.length) fm.push(`tags: [${p.tags.map(yamlString).join(", ")}]`);
  if (p.draft) fm.push("draft: true");
  if (p.description !== null) fm.push(`description: ${yamlString(p.description)}`);
  if (p.menu) fm.push("menu: main");
  if (p.alias) fm.push(`aliases: ["/old/${p.id}/"]`);
  if (p.build === "list") fm.push("build:\n  list: false");
  else if (p.build === "render") fm.push("build: { render: false }");
  else if (p.build === "both") fm.push("build: { render: false, list: false }");
  if (p.layout) fm.push(`layout: ${p.layout}`);
  const [first, ...rest] = p.paragraphs;
  const body = [first, ...p.headings.map((h, i) => `## ${h}\n\n${rest[i] ?? "Filler text."}`)]
    .concat(rest.slice(p.headings.length));
  if (p.bundle) body.push(`![A photo of ${p.id}](photo.png)`);
  return `---\n${fm.join("\n")}\n---\n${body.join("\n\n")}\n`;
}

function sectionText(s: NonNullable<SectionModel["index"]>): string {
  const fm = [`title: ${yamlString(s.title)}`];
  if (s.description !== null) fm.push(`description: ${yamlString(s.description)}`);
  if (s.cascade !== null) fm.push(`cascade:\n  description: ${yamlString(s.cascade)}`);
  return `---\n${fm.join("\n")}\n---\n${s.body}\n`;
}

function configText(c: SiteModel["config"]): string {
  const menu = [`{ name: "Blog", url: "/blog/", weight: 1 }`];
  if (c.extraMenu) menu.push(`{ name: "Tags", url: "/tags/", weight: 5 }`);
  return `export default {
  title: ${JSON.stringify(c.title)},
  description: ${JSON.stringify(c.description)},
  baseURL: "https://example.com/",
  paginate: ${c.paginate},
  taxonomies: ["tags"],
  menus: {
    main: [${menu.join(", ")}],
  },
};
`;
}

function authorsText(authors: SiteModel["data"]["authors"]): string {
  return authors.map((a) => `- name: ${yamlString(a.name)}\n  handle: ${a.handle}\n`).join("");
}

/** A tiny PNG-looking blob whose bytes depend on `seed`. */
function imageBytes(seed: number): Uint8Array {
  const rng = mulberry32(seed);
  const bytes = new Uint8Array(64 + (seed % 32));
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = Math.floor(rng() * 256);
  return bytes;
}

/** Every file of the model, by site-relative path. */
export function renderModel(model: SiteModel): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  files.set("floe.config.ts", configText(model.config));
  files.set(
    "content/_index.md",
    `---\ntitle: ${yamlString(model.home.title)}\n---\n${model.home.body}\n`,
  );
  for (const s of model.sections) {
    if (s.index) files.set(`content/${s.path}/_index.md`, sectionText(s.index));
  }
  for (const p of model.pages) {
    files.set(pageFile(p), pageText(p));
    if (p.bundle) files.set(`content/${p.section}/${p.id}/photo.png`, imageBytes(p.image));
  }
  for (const [name, v] of Object.entries(model.layouts)) {
    const text = layoutText(name, v);
    if (text !== null) files.set(`layouts/${name}`, text);
  }
  files.set("data/authors.yaml", authorsText(model.data.authors));
  for (const [name, note] of Object.entries(model.data.extra)) {
    files.set(`data/extra/${name}.yaml`, `note: ${yamlString(note)}\n`);
  }
  for (const [path, text] of Object.entries(model.statics)) files.set(`static/${path}`, text);
  for (const [path, text] of Object.entries(model.ignored ?? {})) files.set(path, text);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sameBytes(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === "string" || typeof b === "string") {
    return typeof a === typeof b && a === b;
  }
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * A random site on disk and its model. Make one with {@link RandomSite.create},
 * then call {@link RandomSite.randomEdit} repeatedly.
 */
export class RandomSite {
  readonly root: string;
  readonly rng: Rng;
  readonly model: SiteModel;
  broken: Broken | null = null;
  /** What is on disk (as last written by `sync`). */
  #disk = new Map<string, string | Uint8Array>();

  private constructor(root: string, rng: Rng, model: SiteModel) {
    this.root = root;
    this.rng = rng;
    this.model = model;
  }

  /** Generates the site for `seed` and writes it under `root`. */
  static create(root: string, seed: number, options: { pages?: number } = {}): RandomSite {
    const rng = new Rng(seed);
    const model: SiteModel = {
      config: {
        title: `Site ${rng.pick(WORDS)}`,
        description: `About ${rng.pick(WORDS)}`,
        paginate: rng.int(2, 4),
        extraMenu: rng.chance(0.5),
      },
      home: { title: "Home", body: `Welcome to the ${rng.pick(WORDS)} site.` },
      sections: [
        {
          path: "blog",
          index: { title: "Blog", description: "Posts.", body: "All the posts.", cascade: null },
        },
        {
          path: "docs",
          index: {
            title: "Docs",
            description: null,
            body: "Documentation.",
            cascade: `Docs about ${rng.pick(WORDS)}`,
          },
        },
        {
          path: "docs/guides",
          index: { title: "Guides", description: "How-tos.", body: "", cascade: null },
        },
        { path: "notes", index: null },
        {
          path: "gallery",
          index: { title: "Gallery", description: null, body: "Pictures.", cascade: null },
        },
      ],
      pages: [],
      layouts: Object.fromEntries(CUSTOM_LAYOUTS.map((n) => [n, n === "notes/page.vto" ? -1 : 0])),
      data: {
        authors: [{ name: "Ada", handle: "ada" }, { name: "Linus", handle: "lt" }],
        extra: { one: "first" },
      },
      statics: {
        "css/site.css": "body { color: black; }\n",
        "files/readme.txt": "read me\n",
      },
      nextId: 1,
    };
    const site = new RandomSite(root, rng, model);
    const total = options.pages ?? 36;
    for (let i = 0; i < total; i++) {
      const section = SECTIONS[i % SECTIONS.length];
      model.pages.push(site.#newPage(section));
    }
    site.sync();
    return site;
  }

  #newPage(section: SectionPath): PageModel {
    const rng = this.rng;
    const id = `p${this.model.nextId++}`;
    return {
      id,
      section,
      bundle: section === "gallery" && rng.chance(0.6),
      image: rng.int(1, 1_000_000),
      title: this.#title(),
      date: rng.chance(0.85) ? this.#date() : null,
      weight: rng.chance(0.25) ? rng.int(1, 5) : null,
      tags: rng.sample(TAG_POOL, rng.weighted([[3, 0], [4, 1], [3, 2], [1, 3]])),
      draft: rng.chance(0.08),
      description: rng.chance(0.4) ? `${rng.pick(WORDS)} summary` : null,
      menu: rng.chance(0.07),
      alias: rng.chance(0.15),
      paragraphs: Array.from({ length: rng.int(1, 4) }, () => this.#paragraph()),
      headings: rng.chance(0.4) ? Array.from({ length: rng.int(1, 3) }, () => this.#words(2)) : [],
    };
  }

  #words(n: number): string {
    return Array.from({ length: n }, () => this.rng.pick(WORDS)).join(" ");
  }

  #title(): string {
    const t = this.#words(this.rng.int(1, 3));
    const title = t[0].toUpperCase() + t.slice(1);
    return this.rng.chance(0.2) ? `${title} ${this.rng.pick(TITLE_EXTRAS)}` : title;
  }

  #date(): string {
    // Few distinct dates, so ties (and their tie-breaks) are common.
    const rng = this.rng;
    return `${rng.int(2020, 2023)}-${pad(rng.int(1, 3))}-${pad(rng.pick([1, 15]))}`;
  }

  #paragraph(): string {
    const rng = this.rng;
    const sentence = () => {
      const s = this.#words(rng.int(4, 12));
      return s[0].toUpperCase() + s.slice(1) + ".";
    };
    let p = Array.from({ length: rng.int(1, 3) }, sentence).join(" ");
    if (rng.chance(0.15)) p += " See the [blog](/blog/) and [tags](/tags/).";
    // A link to another page's Markdown file: it follows the page when it moves,
    // becomes a bundle or goes (then the link check reports it).
    const target = this.model.pages.length ? rng.pick(this.model.pages) : undefined;
    if (target && rng.chance(0.2)) p += ` Read [${target.id}](/${pageFile(target).slice(8)}).`;
    // A link to a heading of another page: broken when the heading goes, or misspelt.
    const into = this.model.pages.length ? rng.pick(this.model.pages) : undefined;
    if (into?.headings.length && rng.chance(0.4)) {
      const id = rng.pick(into.headings).replaceAll(" ", "-") + (rng.chance(0.2) ? "s" : "");
      p += ` See [${into.id}](/${pageFile(into).slice(8)}#${id}).`;
    }
    if (rng.chance(0.1)) p += ` Some **bold** & <em>html</em> and \`code\`.`;
    if (rng.chance(0.05)) p = "```ts\nconst x: number = 1; // {{ not a template }}\n```";
    return p;
  }

  /** Site-relative path → absolute. */
  abs(path: string): string {
    return join(this.root, path);
  }

  /** Path of a page's source file (site-relative). */
  pageFile(p: PageModel): string {
    return pageFile(p);
  }

  /** A page's URL. */
  pageUrl(p: PageModel): string {
    return pageUrl(p);
  }

  /**
   * Writes the model to disk: only files whose contents differ, and deletes the
   * files the model no longer has (and folders left empty). A broken file keeps
   * its broken text. Returns the absolute paths touched, sorted.
   */
  sync(): string[] {
    const want = renderModel(this.model);
    if (this.broken) {
      // A broken file stays broken until fixed, unless its file is gone from the model.
      if (want.has(this.broken.file)) want.set(this.broken.file, this.broken.text);
      else this.broken = null;
    }
    const changed: string[] = [];
    for (const [path, content] of want) {
      const old = this.#disk.get(path);
      if (old !== undefined && sameBytes(old, content)) continue;
      const abs = this.abs(path);
      mkdirSync(dirname(abs), { recursive: true });
      Deno.writeFileSync(
        abs,
        typeof content === "string" ? new TextEncoder().encode(content) : content,
      );
      changed.push(abs);
    }
    for (const path of this.#disk.keys()) {
      if (want.has(path)) continue;
      const abs = this.abs(path);
      rmSync(abs, { force: true });
      changed.push(abs);
      removeEmptyParents(dirname(abs), this.root);
    }
    this.#disk = want;
    return changed.sort();
  }

  /** Pages that are not drafts. */
  visiblePages(): PageModel[] {
    return this.model.pages.filter((p) => !p.draft);
  }

  /**
   * Applies one random edit (or, with a broken file pending, sometimes its fix)
   * and returns what it did. `allowBroken: false` never breaks the site.
   */
  randomEdit(options: { allowBroken?: boolean } = {}): EditRecord {
    const rng = this.rng;
    if (this.broken && rng.chance(0.5)) return this.fix();
    const kinds = EDIT_WEIGHTS.filter(([, k]) =>
      k !== "broken" || (options.allowBroken !== false && !this.broken)
    );
    const kind = rng.weighted(kinds);
    return this.applyEdit(kind);
  }

  /** Applies an edit of the given kind (random details); see {@link EDIT_KINDS}. */
  applyEdit(kind: string): EditRecord {
    if (kind === "fix") return this.fix();
    const detail = this.#mutate(kind);
    const changed = this.sync();
    return { kind, detail, changed };
  }

  /** Repairs the broken file (writes it back from the model). */
  fix(): EditRecord {
    const file = this.broken?.file ?? "(nothing)";
    this.broken = null;
    return { kind: "fix", detail: file, changed: this.sync() };
  }

  #pickPage(filter: (p: PageModel) => boolean = () => true): PageModel | null {
    const candidates = this.model.pages.filter(filter);
    return candidates.length ? this.rng.pick(candidates) : null;
  }

  /** Changes the model for one edit; returns its description. */
  #mutate(kind: string): string {
    const { rng, model } = this;
    const page = () => this.#pickPage();
    switch (kind) {
      case "body": {
        const p = page()!;
        const how = rng.pick(["append", "replace", "first", "heading"]);
        if (how === "append") p.paragraphs.push(this.#paragraph());
        else if (how === "first") p.paragraphs[0] = this.#paragraph();
        else if (how === "heading") {
          if (p.headings.length && rng.chance(0.5)) p.headings.pop();
          else p.headings.push(this.#words(2));
        } else p.paragraphs[rng.int(0, p.paragraphs.length - 1)] = this.#paragraph();
        return `${how} in ${pageFile(p)}`;
      }
      case "title": {
        const p = page()!;
        p.title = this.#title();
        return `${pageFile(p)} → ${JSON.stringify(p.title)}`;
      }
      case "date": {
        const p = page()!;
        p.date = rng.chance(0.85) ? this.#date() : null;
        return `${pageFile(p)} → ${p.date}`;
      }
      case "weight": {
        const p = page()!;
        p.weight = rng.chance(0.6) ? rng.int(1, 5) : null;
        return `${pageFile(p)} → ${p.weight}`;
      }
      case "description": {
        const p = page()!;
        p.description = rng.chance(0.6) ? `${this.#words(2)} summary` : null;
        return `${pageFile(p)} → ${p.description}`;
      }
      case "tag-add": {
        const p = this.#pickPage((q) => q.tags.length < TAG_POOL.length)!;
        const tag = rng.pick(TAG_POOL.filter((t) => !p.tags.includes(t)));
        p.tags.splice(rng.int(0, p.tags.length), 0, tag);
        return `${pageFile(p)} + ${tag}`;
      }
      case "tag-remove": {
        const p = this.#pickPage((q) => q.tags.length > 0);
        if (!p) return this.#mutate("tag-add");
        const tag = p.tags.splice(rng.int(0, p.tags.length - 1), 1)[0];
        return `${pageFile(p)} - ${tag}`;
      }
      case "tag-rename": {
        const used = [...new Set(model.pages.flatMap((p) => p.tags))].sort();
        if (!used.length) return this.#mutate("tag-add");
        const from = rng.pick(used);
        const to = rng.pick(TAG_POOL.filter((t) => t !== from));
        for (const p of model.pages) {
          const i = p.tags.indexOf(from);
          if (i < 0) continue;
          if (p.tags.includes(to)) p.tags.splice(i, 1);
          else p.tags[i] = to;
        }
        return `${from} → ${to} everywhere`;
      }
      case "draft": {
        const p = page()!;
        p.draft = !p.draft;
        return `${pageFile(p)} draft=${p.draft}`;
      }
      case "menu": {
        const p = page()!;
        p.menu = !p.menu;
        return `${pageFile(p)} menu=${p.menu}`;
      }
      case "alias": {
        const p = page()!;
        p.alias = !p.alias;
        return `${pageFile(p)} alias=${p.alias}`;
      }
      case "page-add": {
        const p = this.#newPage(rng.pick(SECTIONS));
        model.pages.push(p);
        return pageFile(p);
      }
      case "page-delete": {
        if (model.pages.length < 12) return this.#mutate("page-add");
        const p = page()!;
        model.pages.splice(model.pages.indexOf(p), 1);
        return pageFile(p);
      }
      case "page-move": {
        const p = page()!;
        const from = pageFile(p);
        p.section = rng.pick(SECTIONS.filter((s) => s !== p.section));
        if (p.bundle && rng.chance(0.3)) p.bundle = false;
        return `${from} → ${pageFile(p)}`;
      }
      case "section": {
        const s = rng.pick(model.sections.filter((x) => x.index));
        const index = s.index!;
        const what = rng.pick(["title", "description", "body", "cascade"]);
        if (what === "title") index.title = this.#title();
        else if (what === "description") {
          index.description = rng.chance(0.7) ? `${this.#words(2)} section` : null;
        } else if (what === "body") index.body = this.#paragraph();
        else index.cascade = rng.chance(0.8) ? `Cascaded ${this.#words(2)}` : null;
        return `${s.path}/_index.md ${what}`;
      }
      case "section-index": {
        // A folder becomes a section with an _index.md of its own, or stops being one.
        const s = rng.pick(
          model.sections.filter((x) => x.path === "notes" || x.path === "gallery"),
        );
        s.index = s.index ? null : {
          title: this.#title(),
          description: rng.chance(0.5) ? `${this.#words(2)} section` : null,
          body: this.#paragraph(),
          cascade: null,
        };
        return `${s.path}/_index.md ${s.index ? "added" : "removed"}`;
      }
      case "home": {
        if (rng.chance(0.5)) model.home.title = this.#title();
        else model.home.body = this.#paragraph();
        return "content/_index.md";
      }
      case "layout": {
        const name = rng.pick(["blog/page.vto", "blog/section.vto", "notes/page.vto"]);
        const v = model.layouts[name];
        model.layouts[name] = v < 0 ? rng.int(0, 5) : v + 1;
        return `${name} v${model.layouts[name]}`;
      }
      case "layout-toggle": {
        const name = "notes/page.vto";
        model.layouts[name] = model.layouts[name] < 0 ? rng.int(0, 5) : -1;
        return `${name} ${model.layouts[name] < 0 ? "removed" : "added"}`;
      }
      case "include": {
        const name = rng.pick(["partials/byline.vto", "partials/recent.vto"]);
        model.layouts[name]++;
        return `${name} v${model.layouts[name]}`;
      }
      case "data-edit": {
        const a = rng.pick(model.data.authors);
        if (rng.chance(0.3)) {
          model.data.authors.push({ name: this.#title(), handle: rng.pick(WORDS) });
          return "data/authors.yaml + author";
        }
        if (rng.chance(0.5)) a.name = this.#title();
        else a.handle = rng.pick(WORDS);
        return `data/authors.yaml ${a.name}`;
      }
      case "data-add-remove": {
        const names = Object.keys(model.data.extra);
        if (names.length && rng.chance(0.5)) {
          const name = rng.pick(names);
          if (rng.chance(0.5)) {
            delete model.data.extra[name];
            return `data/extra/${name}.yaml removed`;
          }
          model.data.extra[name] = this.#words(2);
          return `data/extra/${name}.yaml edited`;
        }
        const name = rng.pick(WORDS.filter((w) => !(w in model.data.extra)));
        model.data.extra[name] = this.#words(2);
        return `data/extra/${name}.yaml added`;
      }
      case "config": {
        const what = rng.pick(["title", "paginate", "menu", "description"]);
        if (what === "title") model.config.title = `Site ${this.#words(2)}`;
        else if (what === "paginate") {
          model.config.paginate = rng.pick([2, 3, 4, 5].filter((n) => n !== model.config.paginate));
        } else if (what === "menu") model.config.extraMenu = !model.config.extraMenu;
        else model.config.description = `About ${this.#words(2)}`;
        return `floe.config.ts ${what}`;
      }
      case "static": {
        const paths = Object.keys(model.statics);
        const how = rng.pick(["edit", "add", "remove", "robots"]);
        if (how === "robots") {
          // The site's robots.txt replaces floe's own: a file that changes owner.
          if ("robots.txt" in model.statics) delete model.statics["robots.txt"];
          else model.statics["robots.txt"] = "User-agent: *\nDisallow: /private/\n";
          return `static/robots.txt ${"robots.txt" in model.statics ? "added" : "removed"}`;
        }
        if (how === "remove" && paths.length > 1) {
          const path = rng.pick(paths);
          delete model.statics[path];
          return `static/${path} removed`;
        }
        if (how === "edit" && paths.length) {
          const path = rng.pick(paths);
          model.statics[path] += `/* ${this.#words(1)} */\n`;
          return `static/${path} edited`;
        }
        const path = `files/${rng.pick(WORDS)}.txt`;
        model.statics[path] = `${this.#words(3)}\n`;
        return `static/${path} added`;
      }
      case "build": {
        const p = page()!;
        p.build = p.build && rng.chance(0.5)
          ? undefined
          : rng.pick(["list", "render", "both"] as const);
        return `${pageFile(p)} build=${p.build ?? "default"}`;
      }
      case "layout-key": {
        // notes/page.vto comes and goes (layout-toggle); missing.vto never exists:
        // a warning, and the page keeps its usual layout.
        const p = page()!;
        p.layout = rng.pick([undefined, "missing", "notes/page.vto", "blog/page.vto"]);
        return `${pageFile(p)} layout=${p.layout ?? "none"}`;
      }
      case "ignored": {
        // Files the build ignores: they must change nothing.
        const ignored = model.ignored ??= {};
        const paths = Object.keys(ignored);
        if (paths.length && rng.chance(0.4)) {
          const path = rng.pick(paths);
          delete ignored[path];
          return `${path} removed`;
        }
        const p = page()!;
        const path = rng.pick([
          `${pageFile(p)}~`,
          `content/${p.section}/.${p.id}.md.swp`,
          `content/${p.section}/#${p.id}.md#`,
          `content/${p.section}/Thumbs.db`,
          `content/node_modules/${p.id}/readme.md`,
          "static/.DS_Store",
        ]);
        ignored[path] = `${this.#words(3)}\n`;
        return `${path} written`;
      }
      case "image": {
        const p = this.#pickPage((q) => q.bundle);
        if (!p) {
          const q = page()!;
          q.section = "gallery";
          q.bundle = true;
          return `${pageFile(q)} made a bundle`;
        }
        p.image = rng.int(1, 1_000_000);
        return `content/${p.section}/${p.id}/photo.png`;
      }
      case "broken":
        return this.#mutate(
          `broken-${rng.pick(["front-matter", "data", "layout", "config"])}`,
        );
      case "broken-front-matter":
      case "broken-data":
      case "broken-layout":
      case "broken-config": {
        const how = kind.slice("broken-".length);
        if (how === "front-matter") {
          const p = page()!;
          this.broken = {
            file: pageFile(p),
            kind: how,
            text: `---\ntitle: [unclosed\ndate: 2021-01-01\n---\nBroken.\n`,
          };
        } else if (how === "data") {
          this.broken = { file: "data/authors.yaml", kind: how, text: "- name: [oops\n" };
        } else if (how === "layout") {
          this.broken = {
            file: "layouts/partials/byline.vto",
            kind: how,
            text: "<p>{{ if page.title }}never closed</p>\n",
          };
        } else {
          this.broken = {
            file: "floe.config.ts",
            kind: how,
            text: "export default { title: 'x', \n",
          };
        }
        return `${this.broken.file} (${how})`;
      }
      default:
        throw new Error(`unknown edit kind ${kind}`);
    }
  }
}

function removeEmptyParents(dir: string, root: string): void {
  while (dir.startsWith(root) && dir !== root) {
    try {
      if (readdirSync(dir).length) return;
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

/** One line per edit, for failure messages. */
export function describeEdits(edits: readonly EditRecord[]): string {
  return edits.map((e, i) => `  ${i + 1}. ${e.kind}: ${e.detail}`).join("\n");
}
