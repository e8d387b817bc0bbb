/**
 * The embedded default theme: the layouts a site gets when its own `layouts/` does
 * not define them. A site can override any one of them by creating a file of the
 * same name (e.g. `layouts/_default/base.vto`).
 *
 * @module
 */

const BASE = `<!doctype html>
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if page.kind == "home" }}{{ site.title }}{{ else }}{{ page.title }} · {{ site.title }}{{ /if }}</title>
{{ if page.description || site.description }}<meta name="description" content="{{ page.description || site.description }}">
{{ /if }}<meta name="generator" content="floe">
{{ include "_default/style.vto" }}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar">
<nav aria-label="Main">
<a class="brand" href="{{ "/" |> url }}">{{ site.title }}</a>
<ul>
{{ for s of site.home.section.sections }}<li><a href="{{ s.url |> url }}"{{ if page.url.startsWith(s.url) }} aria-current="page"{{ /if }}>{{ s.title }}</a></li>
{{ /for }}</ul>
</nav>
</header>
<main id="main">
{{ content }}
</main>
<footer class="bar"><p>Built with floe.</p></footer>
</body>
</html>
`;

const STYLE = `<style>
:root{color-scheme:light dark;--fg:#1d2327;--muted:#57606a;--bg:#fff;--soft:#f3f5f7;--link:#0a58ca;--max:46rem}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8ea;--muted:#a3acb5;--bg:#15181b;--soft:#20252a;--link:#7db4ff}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.65 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.bar{background:var(--soft);padding:.75rem 1rem}
.bar nav,.bar p,main{max-width:var(--max);margin:0 auto}
.bar nav{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline}
.bar ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.brand{font-weight:700;text-decoration:none;color:var(--fg)}
[aria-current=page]{font-weight:600}
main{padding:1rem}
h1{line-height:1.2}
.meta,.bar p{color:var(--muted);font-size:.9rem}
pre{background:var(--soft);padding:.75rem 1rem;overflow-x:auto;border-radius:4px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}
table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid var(--soft);padding:.3rem .6rem}
img{max-width:100%;height:auto}
blockquote{margin-left:0;padding-left:1rem;border-left:3px solid var(--soft);color:var(--muted)}
.toc{background:var(--soft);padding:.5rem 1rem;border-radius:4px;font-size:.95rem}
.toc ul{margin:.25rem 0;padding-left:1.25rem}
.list{list-style:none;padding:0}.list li{margin:0 0 1rem}.list p{margin:.25rem 0}
</style>`;

const PAGE = `---
layout: _default/base.vto
---
<article>
<h1>{{ page.title }}</h1>
{{ if page.date }}<p class="meta"><time datetime="{{ page.date }}">{{ page.date |> date }}</time></p>
{{ /if }}{{ if page.toc.filter((h) => h.level == 2 || h.level == 3).length > 1 }}<nav class="toc" aria-label="Table of contents">
<strong>On this page</strong>
<ul>
{{ for h of page.toc.filter((h) => h.level == 2 || h.level == 3) }}<li{{ if h.level == 3 }} style="margin-left:1rem"{{ /if }}><a href="#{{ h.id }}">{{ h.text }}</a></li>
{{ /for }}</ul>
</nav>
{{ /if }}{{ content }}
</article>
`;

const SECTION = `---
layout: _default/base.vto
---
<h1>{{ page.title }}</h1>
{{ content }}
{{ include "_default/listing.vto" }}
`;

const HOME = `---
layout: _default/base.vto
---
<h1>{{ page.title }}</h1>
{{ if page.file }}{{ content }}{{ else if site.description }}<p>{{ site.description }}</p>
{{ /if }}
{{ include "_default/listing.vto" }}
`;

const LISTING = `{{ if section.sections.length }}<h2>Sections</h2>
<ul class="list">
{{ for s of section.sections }}<li><a href="{{ s.url |> url }}">{{ s.title }}</a>{{ if s.page.description }}<p>{{ s.page.description }}</p>{{ /if }}</li>
{{ /for }}</ul>
{{ /if }}{{ if section.pages.length }}<h2>Pages</h2>
<ul class="list">
{{ for p of section.pages }}<li><a href="{{ p.url |> url }}">{{ p.title }}</a>{{ if p.date }} <span class="meta">{{ p.date |> date }}</span>{{ /if }}{{ if p.description }}<p>{{ p.description }}</p>{{ /if }}</li>
{{ /for }}</ul>
{{ /if }}`;

/**
 * The default layouts by name (relative to `layouts/`).
 *
 * @example
 * ```ts
 * import { DEFAULT_LAYOUTS } from "./default_layouts.ts";
 * console.log(Object.keys(DEFAULT_LAYOUTS));
 * ```
 */
export const DEFAULT_LAYOUTS: Readonly<Record<string, string>> = Object.freeze({
  "_default/base.vto": BASE,
  "_default/style.vto": STYLE,
  "_default/page.vto": PAGE,
  "_default/section.vto": SECTION,
  "_default/home.vto": HOME,
  "_default/listing.vto": LISTING,
});
