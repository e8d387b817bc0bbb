/**
 * The default theme's stylesheet and search script, written to `assets/` when the
 * site uses the embedded base layout. Plain CSS and a dependency-free script.
 *
 * @module
 */

const CSS = `:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --soft: #f4f6f8; --line: #d1d9e0;
  --link: #0b57c1; --accent: #7a3ab8; --focus: #f2b600; --max: 48rem; --wide: 76rem; --side: 15.5rem;
  --code-keyword: #a4245f; --code-string: #0a6b34; --code-number: #0a58a4; --code-comment: #5c6670;
  --code-title: #6a3dc4; --code-attr: #8a4b00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #a4afba; --bg: #14171b; --soft: #1f242b; --line: #3a434d;
    --link: #7fb6ff; --accent: #d2a8ff; --focus: #f2cc60;
    --code-keyword: #ff8fb8; --code-string: #8ddb8c; --code-number: #79c0ff; --code-comment: #9aa6b2;
    --code-title: #d2a8ff; --code-attr: #f0b46c;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); text-underline-offset: .15em; }
a:hover { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.wrap { max-width: var(--wide); margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-header { background: var(--soft); border-bottom: 1px solid var(--line); }
.bar { position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding-top: .75rem; padding-bottom: .75rem; }
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
.site-header ul { list-style: none; margin: 0; padding: 0; }
.main-nav > ul { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1.1rem; }
.site-header nav a { text-decoration: none; }
[aria-current="page"], [aria-current="true"], summary.current { font-weight: 650; }
/* Menu toggles: a checkbox kept focusable, its label drawn as a button. */
.toggle { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.toggle-button { display: none; align-items: center; gap: .5rem; cursor: pointer; font: inherit; font-size: .95rem; padding: .3rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); user-select: none; }
.toggle:focus-visible + .toggle-button { outline: 3px solid var(--focus); outline-offset: 2px; }
.toggle:checked + .toggle-button { background: var(--soft); }
.bars, .bars::before, .bars::after { display: block; width: 1rem; height: 2px; background: currentColor; border-radius: 1px; }
.bars { position: relative; }
.bars::before, .bars::after { content: ""; position: absolute; left: 0; }
.bars::before { top: -5px; } .bars::after { top: 5px; }
.more { position: relative; }
.more summary { cursor: pointer; color: var(--link); list-style: none; }
.more summary::-webkit-details-marker { display: none; }
.more summary::after { content: ""; display: inline-block; margin-left: .35rem; border: .3em solid transparent; border-top-color: currentColor; border-bottom: 0; vertical-align: .15em; }
.more details[open] summary::after { transform: rotate(180deg); }
.more details > ul { position: absolute; right: 0; top: calc(100% + .5rem); max-width: calc(100vw - 2rem); z-index: 20; min-width: 13rem; max-height: 75vh; overflow-y: auto; padding: .4rem 0; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgb(0 0 0 / .16); }
@media (min-width: 64rem) {
  .more details > ul:has(> li:nth-child(13)) { columns: 2; width: 26rem; }
}
.more details > ul > li { break-inside: avoid; }
.more details > ul > li > a { display: block; padding: .3rem 1rem; }
.more details > ul > li > a:hover { background: var(--soft); }
.search { position: relative; margin-left: auto; flex: 1 1 8rem; max-width: 12rem; }
.search input { font: inherit; padding: .3rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); width: 100%; }
.search-results { position: absolute; right: 0; z-index: 5; width: min(26rem, 90vw); margin: .25rem 0 0; padding: 0; list-style: none; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 6px 20px rgb(0 0 0 / .15); }
.search-results:empty { display: none; }
.search-results li { padding: .5rem .75rem; border-top: 1px solid var(--line); }
.search-results li:first-child { border-top: 0; }
.search-results p { margin: .15rem 0 0; color: var(--muted); font-size: .9rem; }
.columns { flex: 1 0 auto; width: 100%; display: flex; align-items: flex-start; gap: 2.5rem; }
main { flex: 1 1 auto; min-width: 0; max-width: var(--max); margin: 0 auto; padding-top: 1rem; padding-bottom: 2rem; }
/* The section tree: a column beside the page on wide screens, a toggled list above it on narrow ones. */
.sidebar { flex: 0 0 var(--side); width: var(--side); position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 1.25rem 0 2rem; font-size: .93rem; line-height: 1.4; }
.sidebar-title { display: block; padding: .22rem .5rem; border-radius: 5px; font-weight: 700; color: var(--fg); text-decoration: none; margin-bottom: .3rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar ul ul { margin: .15rem 0 .35rem .55rem; padding-left: .6rem; border-left: 1px solid var(--line); }
.sidebar li a { display: block; padding: .22rem .5rem; border-radius: 5px; color: var(--fg); text-decoration: none; overflow-wrap: anywhere; }
.sidebar li a:hover { background: var(--soft); color: var(--link); }
.sidebar a[aria-current="page"] { background: var(--soft); color: var(--link); box-shadow: inset 3px 0 0 var(--link); }
.sidebar .branch > a::after { content: ""; display: inline-block; width: .36em; height: .36em; margin-left: .55rem; border: solid var(--muted); border-width: 0 1.5px 1.5px 0; transform: rotate(-45deg); vertical-align: .12em; }
.sidebar .branch.open > a { font-weight: 600; }
.sidebar .branch.open > a::after { transform: rotate(45deg); vertical-align: .25em; }
.sidebar .all a { color: var(--link); font-size: .88rem; }
.sidebar .gap { padding: 0 .5rem; color: var(--muted); }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: clamp(1.6rem, 4vw, 2.2rem); margin: .5rem 0 1rem; }
.meta, .count { color: var(--muted); font-size: .92rem; }
.tag { display: inline-block; padding: 0 .45rem; margin: 0 .1rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-size: .85rem; }
.breadcrumbs ol { display: flex; flex-wrap: wrap; list-style: none; padding: 0; margin: 0; font-size: .9rem; color: var(--muted); }
.breadcrumbs li + li::before { content: "›"; padding: 0 .45rem; }
.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem; margin: 1rem 0; font-size: .95rem; }
.toc h2 { font-size: 1rem; margin: .25rem 0; }
.toc ul { margin: .25rem 0; padding-left: 1.1rem; }
.toc .toc-3 { margin-left: 1rem; }
.heading-anchor { margin-left: .35rem; text-decoration: none; color: var(--muted); opacity: 0; }
:is(h2, h3, h4, h5, h6):hover .heading-anchor, .heading-anchor:focus { opacity: 1; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; overflow-x: auto; line-height: 1.5; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
:not(pre) > code { background: var(--soft); padding: .1em .3em; border-radius: 4px; }
table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .7rem; text-align: left; }
img, video { max-width: 100%; height: auto; }
blockquote { margin: 1rem 0; padding: .25rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
dt { font-weight: 600; margin-top: .75rem; }
dd { margin: .25rem 0 0 1.5rem; }
.callout { --tone: #0969da; margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid var(--tone); background: var(--soft); border-radius: 0 6px 6px 0; }
.callout > :last-child { margin-bottom: .25rem; }
.callout-title { margin: .25rem 0; font-weight: 600; color: var(--tone); }
.callout-tip { --tone: #1a7f37; }
.callout-important { --tone: #8250df; }
.callout-warning, .callout-caution { --tone: #9a6700; }
.callout-danger { --tone: #cf222e; }
.callout-details { --tone: var(--muted); }
details.callout > summary { cursor: pointer; }
@media (prefers-color-scheme: dark) {
  .callout { --tone: #4493f8; } .callout-tip { --tone: #3fb950; } .callout-important { --tone: #ab7df8; }
  .callout-warning, .callout-caution { --tone: #d29922; } .callout-danger { --tone: #f85149; }
  .callout-details { --tone: var(--muted); }
}
.listing, .cards, .terms { list-style: none; padding: 0; }
.listing li { margin: 0 0 1.25rem; }
.listing h3 { margin: 0; font-size: 1.15rem; }
.listing p, .excerpt p { margin: .25rem 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .75rem; }
.cards li { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.cards p { margin: .25rem 0 0; color: var(--muted); font-size: .95rem; }
.terms { display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
.prev-next { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.prev-next a { text-decoration: none; max-width: 48%; }
.prev-next a[rel="next"] { margin-left: auto; text-align: right; }
.prev-next span { display: block; color: var(--muted); font-size: .85rem; }
.pagination ul { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; }
.pagination a, .pagination span { display: inline-block; min-width: 2.2rem; padding: .25rem .6rem; border: 1px solid var(--line); border-radius: 6px; text-align: center; text-decoration: none; }
.pagination [aria-current] { background: var(--soft); }
.footnotes { font-size: .92rem; color: var(--muted); }
.task-list-item { list-style: none; }
.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
.hljs-keyword, .hljs-selector-tag, .hljs-built_in, .hljs-literal { color: var(--code-keyword); }
.hljs-string, .hljs-regexp, .hljs-addition { color: var(--code-string); }
.hljs-number, .hljs-symbol, .hljs-variable, .hljs-template-variable { color: var(--code-number); }
.hljs-comment, .hljs-quote, .hljs-meta { color: var(--code-comment); font-style: italic; }
.hljs-title, .hljs-section, .hljs-name, .hljs-type { color: var(--code-title); }
.hljs-attr, .hljs-attribute, .hljs-property, .hljs-params { color: var(--code-attr); }
.hljs-deletion { color: var(--code-keyword); }
@media (max-width: 55.99rem) {
  .columns { display: block; }
  .sidebar { position: relative; width: auto; max-height: none; overflow: visible; padding: .75rem 0 0; }
  .sidebar > .toggle-button { display: flex; width: 100%; justify-content: space-between; }
  .sidebar > .toggle-button::after { content: ""; border: .35em solid transparent; border-top-color: currentColor; border-bottom: 0; }
  .sidebar > .toggle:checked + .toggle-button::after { transform: rotate(180deg); }
  .sidebar-tree { display: none; margin-top: .5rem; padding: .75rem; border: 1px solid var(--line); border-radius: 8px; }
  .sidebar > .toggle:checked ~ .sidebar-tree { display: block; }
}
@media (min-width: 56rem) {
  .sidebar > .toggle, .sidebar > .toggle-button { display: none; }
}
/* Below 64rem the header is the title, the search box and a "Menu" button. */
@media (max-width: 63.99rem) {
  .menu-button { display: inline-flex; order: 2; }
  .search { order: 1; }
  .main-nav { display: none; order: 3; flex-basis: 100%; }
  #menu-toggle:checked ~ .main-nav { display: block; }
  .main-nav > ul { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 0 1rem; padding: .25rem 0 .5rem; }
  .main-nav li a, .more summary { display: block; padding: .45rem 0; }
  .more details > ul { position: static; min-width: 0; max-height: none; overflow: visible; padding: 0; border: 0; box-shadow: none; background: none; }
  .more details > ul > li > a { padding: .45rem 0; }
}
@supports selector(::details-content) {
  /* In the open menu, the entries under "More" are simply the rest of the list. */
  @media (max-width: 63.99rem) {
    .main-nav .more, .more details, .more details::details-content, .more details > ul { display: contents; content-visibility: visible; }
    .more summary { display: none; }
  }
}
@media (min-width: 64rem) {
  .site-header .toggle { display: none; }
}
@media (max-width: 40rem) {
  .menu-button { margin-left: auto; }
  .search { order: 4; margin-left: 0; flex-basis: 100%; max-width: none; }
  .main-nav { order: 5; }
  .prev-next { flex-direction: column; }
  .prev-next a { max-width: 100%; }
}
`;

const SEARCH = `// floe default theme: client-side search over search-index.json.
(() => {
  const form = document.querySelector("form.search");
  if (!form) return;
  form.hidden = false;
  const input = form.querySelector("input");
  const list = form.querySelector(".search-results");
  let index = null;
  const load = () => index ??= fetch(form.dataset.index).then((r) => r.json());
  const escape = (s) => s.replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
  const score = (entry, words) => {
    let total = 0;
    for (const word of words) {
      const title = entry.title.toLowerCase();
      if (title.includes(word)) total += 10;
      else if (entry.tags.some((t) => t.toLowerCase() === word)) total += 5;
      else if (entry.summary.toLowerCase().includes(word)) total += 3;
      else if (entry.text.toLowerCase().includes(word)) total += 1;
      else return 0;
    }
    return total;
  };
  const show = async () => {
    const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    if (!words.length) { list.innerHTML = ""; return; }
    const entries = await load();
    const hits = entries.map((e) => [score(e, words), e]).filter(([s]) => s > 0)
      .sort((a, b) => b[0] - a[0]).slice(0, 8);
    list.innerHTML = hits.length
      ? hits.map(([, e]) => '<li><a href="' + escape(e.url) + '">' + escape(e.title) + "</a><p>" +
        escape(e.summary.slice(0, 140)) + "</p></li>").join("")
      : "<li>No results</li>";
  };
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", show);
  form.addEventListener("submit", (e) => { e.preventDefault(); list.querySelector("a")?.click(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") list.innerHTML = ""; });
})();
`;

/**
 * The theme's files, by output path.
 *
 * @example
 * ```ts
 * import { THEME_FILES } from "./theme_assets.ts";
 * console.log(Object.keys(THEME_FILES)); // ["assets/floe.css", "assets/floe-search.js"]
 * ```
 */
export const THEME_FILES: Readonly<Record<string, string>> = Object.freeze({
  "assets/floe.css": CSS,
  "assets/floe-search.js": SEARCH,
});
