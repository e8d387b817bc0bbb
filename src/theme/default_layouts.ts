/**
 * The embedded default theme: the layouts a site gets when its own `layouts/` does
 * not define them. A site can override any one of them by creating a file of the
 * same name (e.g. `layouts/_default/base.vto`). Its stylesheet and search script
 * are written by the post stage (see `theme_assets.ts`) when the site uses the
 * embedded base layout.
 *
 * @module
 */

// The header lists `site.menus.main`, or else every top-level section: the first
// `site.params.navLimit` (6) of them, the rest under "More". On narrow screens a
// "Menu" button (a checkbox and its label: no script) shows and hides the list.
// navLink is given its href, filtered outside it: with a template function that
// calls a filter (or reads `it`), each render worker promoted ~80 MB more at 10,000
// pages and spent twice as long in scavenges (render 4.3 -> 3.5 s without). What it
// keeps alive is not known yet; a bare Vento does not do it.
const BASE = `<!doctype html>
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if page.kind == "home" }}{{ site.title }}{{ else }}{{ page.title }} · {{ site.title }}{{ /if }}</title>
{{ if page.description || site.description }}<meta name="description" content="{{ page.description || site.description }}">
{{ /if }}<meta name="generator" content="floe">
<link rel="stylesheet" href="{{ "/assets/floe.css" |> url }}">
{{ if site.feeds }}<link rel="alternate" type="application/rss+xml" title="{{ site.title }}" href="{{ "/index.xml" |> url }}">
<link rel="alternate" type="application/atom+xml" title="{{ site.title }}" href="{{ "/atom.xml" |> url }}">
{{ /if }}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
{{- set navItems = site.menus.main || site.home.section.sections.map((s) => ({ name: s.title, url: s.url })) }}
{{- set navLimit = typeof site.params.navLimit == "number" ? site.params.navLimit : 6 }}
{{- set navShown = navItems.length > navLimit + 1 ? navItems.slice(0, navLimit) : navItems }}
{{- set navMore = navItems.slice(navShown.length) }}
{{- set navCurrent = (item) => page.url == item.url || (item.url != "/" && page.url.startsWith(item.url)) }}
{{- function navLink(item, href) }}<a href="{{ href }}"{{ if navCurrent(item) }} aria-current="{{ page.url == item.url ? "page" : "true" }}"{{ /if }}>{{ item.name }}</a>{{ /function }}
<header class="site-header">
<div class="wrap bar">
<a class="brand" href="{{ "/" |> url }}">{{ site.title }}</a>
{{ if navItems.length }}<input type="checkbox" id="menu-toggle" class="toggle">
<label for="menu-toggle" class="toggle-button menu-button"><span class="bars" aria-hidden="true"></span>Menu</label>
<nav class="main-nav" aria-label="Main">
<ul>
{{ for item of navShown }}{{ set navHref = item.url |> url }}<li>{{ navLink(item, navHref) }}</li>
{{ /for }}{{ if navMore.length }}<li class="more"><details>
<summary{{ if navMore.some(navCurrent) }} class="current"{{ /if }}>More</summary>
<ul>
{{ for item of navMore }}{{ set navHref = item.url |> url }}<li>{{ navLink(item, navHref) }}</li>
{{ /for }}</ul>
</details></li>
{{ /if }}</ul>
</nav>
{{ /if }}{{ if site.searchIndex }}<form class="search" role="search" hidden data-index="{{ site.searchIndex |> url }}">
<label for="search-input" class="visually-hidden">Search</label>
<input id="search-input" type="search" name="q" placeholder="Search" autocomplete="off">
<ul class="search-results" aria-live="polite"></ul>
</form>
{{ /if }}</div>
</header>
<div class="wrap columns">
{{ include "_default/sidebar.vto" }}<main id="main">
{{ content }}
</main>
</div>
<footer class="site-footer">
<div class="wrap"><p>{{ site.title }}{{ if site.feeds }} · <a href="{{ "/index.xml" |> url }}">RSS</a>{{ /if }} · built with floe</p></div>
</footer>
{{ if site.searchIndex }}<script src="{{ "/assets/floe-search.js" |> url }}" defer></script>
{{ /if }}</body>
</html>
`;

// The section tree beside section and regular pages: the top-level section's pages,
// then its subsections; the subsections on the way to the current page are open,
// the others are one link each. Not on the home page, root pages, taxonomy pages,
// nor in date-sorted (blog) sections: a regular page with a date and no weight; a
// section list page whose pages (with none, its top-level section's pages) all
// have a date and none has a weight. Front matter `sidebar: true` / `false` (or a
// cascade from an _index.md) decides instead. A section of more than `limit` pages
// lists the `reach` pages before and after the current one (found through
// prev/next, so a page reads a few dozen records, not the whole section), or its
// first ones, and links to the section's listing for the rest. Nothing here reads
// every page of a big section: that would make each page of a 4,000-page docs
// section depend on 4,000 records (measured: 1 ms a page, and 4,100 reads each).
// "All N pages" counts what the listing shows, headless listed pages included.
const SIDEBAR =
  `{{- if (page.kind == "page" || page.kind == "section") && page.params.sidebar !== false }}
{{- set trail = page.breadcrumbs }}
{{- set own = page.section }}
{{- set top = trail.length > 1 ? trail[1].section : page.kind == "section" ? own : null }}
{{- set probe = own.pages.length || !top ? own : top }}
{{- set dated = page.kind == "page" ? page.date && page.weight == 0 : probe.pages.length && probe.pages[0].weight == 0 && probe.pages[probe.pages.length - 1].date }}
{{- if top && (page.params.sidebar === true || !dated) && (top.sections.length || top.pages.length > 1) }}
{{- set limit = 50 }}
{{- set reach = 10 }}
{{- set path = trail.slice(1).map((crumb) => crumb.section) }}
{{- if page.kind == "section" }}{{ set path = [...path, own] }}{{ /if }}
{{- set opened = (s) => path.some((p) => p.url == s.url) }}
{{- set around = (p) => {
  const list = [p];
  for (let q = p.prev; q && list.length <= reach; q = q.prev) list.unshift(q);
  for (let q = p.next, n = 0; q && n < reach; q = q.next, n++) list.push(q);
  return list;
} }}
{{- function tree(sec, depth) }}
{{- set capped = sec.pages.length > limit }}
{{- set shown = !capped ? sec.pages.filter((p) => p.rendered) : page.kind == "page" && sec.url == own.url ? around(page) : sec.pages.slice(0, 2 * reach + 1).filter((p) => p.rendered) }}
{{- set kids = sec.sections.length > limit ? sec.sections.slice(0, 2 * reach + 1) : sec.sections }}
{{- set next = path[depth + 1] }}
{{- if next && !kids.some((k) => k.url == next.url) }}{{ set kids = [...kids, next] }}{{ /if -}}
<ul>
{{ if capped && shown.length && shown[0].prev }}<li class="gap" aria-hidden="true">…</li>
{{ /if }}{{ for p of shown }}<li><a href="{{ p.url |> url }}"{{ if p.url == page.url }} aria-current="page"{{ /if }}>{{ p.title }}</a></li>
{{ /for }}{{ if capped && shown.length && shown[shown.length - 1].next }}<li class="gap" aria-hidden="true">…</li>
{{ /if }}{{ if capped }}<li class="all"><a href="{{ sec.url |> url }}">All {{ sec.pages.length }} pages</a></li>
{{ /if }}{{ for k of kids }}<li class="branch{{ if opened(k) }} open{{ /if }}"><a href="{{ k.url |> url }}"{{ if k.url == page.url }} aria-current="page"{{ /if }}>{{ k.title }}</a>{{ if opened(k) && (k.pages.length || k.sections.length) }}
{{ tree(k, depth + 1) }}{{ /if }}</li>
{{ /for }}{{ if kids.length < sec.sections.length }}<li class="all"><a href="{{ sec.url |> url }}">All {{ sec.sections.length }} sections</a></li>
{{ /if }}</ul>
{{- /function -}}
<nav class="sidebar" aria-label="Section">
<input type="checkbox" id="sidebar-toggle" class="toggle">
<label for="sidebar-toggle" class="toggle-button">Pages in {{ top.title }}</label>
<div class="sidebar-tree">
<a class="sidebar-title" href="{{ top.url |> url }}"{{ if top.url == page.url }} aria-current="page"{{ /if }}>{{ top.title }}</a>
{{ tree(top, 0) }}
</div>
</nav>
{{ /if }}{{ /if }}`;

const BREADCRUMBS =
  `{{ if page.breadcrumbs.length }}<nav class="breadcrumbs" aria-label="Breadcrumbs">
<ol>
{{ for i, crumb of page.breadcrumbs }}<li><a href="{{ crumb.url |> url }}">{{ i == 0 ? "Home" : crumb.title }}</a></li>
{{ /for }}<li aria-current="page">{{ page.title }}</li>
</ol>
</nav>
{{ /if }}`;

const PAGE = `---
layout: _default/base.vto
---
{{ include "_default/breadcrumbs.vto" }}
<article class="page">
<header>
<h1>{{ page.title }}</h1>
<p class="meta">{{ if page.date }}<time datetime="{{ page.date }}">{{ page.date |> date }}</time> · {{ /if }}{{ page |> readingTime }} min read{{ if page.terms.tags && page.terms.tags.length }} · <span class="tags">{{ for tag of page.terms.tags }}<a class="tag" href="{{ tag.url |> url }}">{{ tag.name }}</a> {{ /for }}</span>{{ /if }}</p>
</header>
{{ if page.toc.filter((h) => h.level == 2 || h.level == 3).length > 1 }}<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">On this page</h2>
<ul>
{{ for h of page.toc.filter((h) => h.level == 2 || h.level == 3) }}<li class="toc-{{ h.level }}"><a href="#{{ h.id }}">{{ h.text }}</a></li>
{{ /for }}</ul>
</nav>
{{ /if }}<div class="content">
{{ content }}
</div>
{{ if page.prev || page.next }}<nav class="prev-next" aria-label="More in {{ page.section.title }}">
{{ if page.prev }}<a rel="prev" href="{{ page.prev.url |> url }}"><span>Previous</span> {{ page.prev.title }}</a>{{ /if }}
{{ if page.next }}<a rel="next" href="{{ page.next.url |> url }}"><span>Next</span> {{ page.next.title }}</a>{{ /if }}
</nav>
{{ /if }}</article>
`;

const LISTING = `{{ if page.paginator && page.paginator.items.length }}<ul class="listing">
{{ for p of page.paginator.items }}<li>
<h3>{{ if p.rendered }}<a href="{{ p.url |> url }}">{{ p.title }}</a>{{ else }}{{ p.title }}{{ /if }}</h3>
{{ if p.date }}<p class="meta"><time datetime="{{ p.date }}">{{ p.date |> date }}</time></p>{{ /if }}
{{ if p.description }}<p>{{ p.description }}</p>{{ else if p.excerpt }}<p>{{ p.excerpt |> plainify }}</p>{{ /if }}
</li>
{{ /for }}</ul>
{{ include "_default/pagination.vto" }}{{ /if }}`;

// The first and last page, and two on each side of the current one: a listing of
// thousands of pages must not put thousands of links on each of its pages.
const PAGINATION =
  `{{ if page.paginator && page.paginator.total > 1 }}{{ set pager = page.paginator }}{{ set around = pager.numbers.slice(pager.number > 3 ? pager.number - 3 : 0, pager.number + 2) }}<nav class="pagination" aria-label="Pages">
<ul>
{{ if pager.prev }}<li><a rel="prev" href="{{ pager.prev.url |> url }}">Previous</a></li>{{ /if }}
{{ if around[0].number > 1 }}<li><a href="{{ pager.first.url |> url }}">1</a></li>
{{ if around[0].number > 2 }}<li aria-hidden="true">…</li>
{{ /if }}{{ /if }}{{ for n of around }}<li>{{ if n.number == pager.number }}<span aria-current="page">{{ n.number }}</span>{{ else }}<a href="{{ n.url |> url }}">{{ n.number }}</a>{{ /if }}</li>
{{ /for }}{{ if around[around.length - 1].number < pager.total }}{{ if around[around.length - 1].number < pager.total - 1 }}<li aria-hidden="true">…</li>
{{ /if }}<li><a href="{{ pager.last.url |> url }}">{{ pager.total }}</a></li>
{{ /if }}{{ if pager.next }}<li><a rel="next" href="{{ pager.next.url |> url }}">Next</a></li>{{ /if }}
</ul>
</nav>
{{ /if }}`;

const SECTION = `---
layout: _default/base.vto
---
{{ include "_default/breadcrumbs.vto" }}
<h1>{{ page.title }}</h1>
{{ if page.paginator.number == 1 }}<div class="content">
{{ content }}
</div>
{{ if section.sections.length }}<h2>Sections</h2>
<ul class="cards">
{{ for s of section.sections }}<li><a href="{{ s.url |> url }}">{{ s.title }}</a>{{ if s.page.description }}<p>{{ s.page.description }}</p>{{ /if }}</li>
{{ /for }}</ul>
{{ /if }}{{ /if }}{{ include "_default/listing.vto" }}
`;

const HOME = `---
layout: _default/base.vto
---
<h1>{{ page.title }}</h1>
{{ if page.paginator.number == 1 }}{{ if page.file }}<div class="content">
{{ content }}
</div>
{{ else if site.description }}<p>{{ site.description }}</p>
{{ /if }}{{ if section.sections.length }}<h2>Sections</h2>
<ul class="cards">
{{ for s of section.sections }}<li><a href="{{ s.url |> url }}">{{ s.title }}</a>{{ if s.page.description }}<p>{{ s.page.description }}</p>{{ /if }}</li>
{{ /for }}</ul>
{{ /if }}{{ /if }}{{ include "_default/listing.vto" }}
`;

const TAXONOMY = `---
layout: _default/base.vto
---
{{ include "_default/breadcrumbs.vto" }}
<h1>{{ page.title }}</h1>
{{ if page.taxonomy.terms.length }}<ul class="terms">
{{ for term of page.taxonomy.terms }}<li><a href="{{ term.url |> url }}">{{ term.name }}</a> <span class="count">{{ term.pages.length }}</span></li>
{{ /for }}</ul>
{{ else }}<p>Nothing here yet.</p>
{{ /if }}`;

const TERM = `---
layout: _default/base.vto
---
{{ include "_default/breadcrumbs.vto" }}
<h1>{{ page.taxonomy.title }}: {{ page.title }}</h1>
{{ include "_default/listing.vto" }}
`;

const NOT_FOUND = `---
layout: _default/base.vto
---
<h1>Page not found</h1>
<p>There is no page at this address. Try the search above, or start from the <a href="{{ "/" |> url }}">home page</a>.</p>
`;

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
  "_default/breadcrumbs.vto": BREADCRUMBS,
  "_default/sidebar.vto": SIDEBAR,
  "_default/page.vto": PAGE,
  "_default/listing.vto": LISTING,
  "_default/pagination.vto": PAGINATION,
  "_default/section.vto": SECTION,
  "_default/home.vto": HOME,
  "_default/taxonomy.vto": TAXONOMY,
  "_default/term.vto": TERM,
  "_default/404.vto": NOT_FOUND,
});
