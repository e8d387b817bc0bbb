/** Markdown extras: footnotes, task lists, tables, highlighting, heading anchors, plain text. */
import assert from "node:assert/strict";
import type { MarkdownOptions } from "../src/config/config.ts";
import { createHighlighter } from "../src/parse/highlight.ts";
import { createMarkdown, loadLanguages, renderMarkdown } from "../src/parse/markdown.ts";

const CORE = { html: true, typographer: false, linkify: false, breaks: false };
const md = createMarkdown(CORE);
const render = (body: string) => renderMarkdown(md, body, 1);
/** Grammars load on first use: load the ones these tests name. */
const loaded = loadLanguages(
  md,
  ["ts", "js", "py", "sh", "rs", "toml", "html", "yaml", "vto"].map((l) => `\`\`\`${l}\n\`\`\`\n`)
    .join(""),
);
/** Text content of HTML: what a reader sees, tags removed, entities of `<>&` decoded. */
const visible = (html: string) =>
  html.replace(/<[^>]*>/g, "").replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"').replaceAll("&amp;", "&");

Deno.test("extras: footnotes link both ways", () => {
  const { html } = render("Claim.[^src]\n\n[^src]: The source.\n");
  assert.match(html, /<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
  assert.match(html, /<section class="footnotes">/);
  assert.match(html, /<li id="fn1" class="footnote-item"><p>The source\. <a href="#fnref1"/);
});

Deno.test("extras: task lists render disabled checkboxes", () => {
  const { html, text } = render("- [ ] open\n- [x] done\n- [X] also done\n- plain\n");
  assert.match(html, /<ul class="contains-task-list">/);
  assert.match(
    html,
    /<li class="task-list-item"><input class="task-list-item-checkbox" disabled="" type="checkbox"> open<\/li>/,
  );
  assert.equal(html.match(/checked="" disabled=""/g)?.length, 2);
  assert.match(html, /<li>plain<\/li>/);
  assert.equal(text, "open done also done plain");
});

Deno.test("extras: tables", () => {
  const { html, text } = render("| Name | Size |\n|:-----|-----:|\n| a | 1 |\n| b | 22 |\n");
  assert.match(html, /<table>\n<thead>\n<tr>\n<th style="text-align:left">Name<\/th>/);
  assert.match(html, /<td style="text-align:right">22<\/td>/);
  assert.equal(text, "Name Size a 1 b 22");
});

Deno.test("highlight: a known language gets hljs spans, aliases work", async () => {
  await loaded;
  const ts = render("```ts\nconst x: number = 1;\n```\n").html;
  assert.match(ts, /^<pre><code class="hljs language-ts"><span class="hljs-keyword">const<\/span>/);
  assert.match(ts, /<\/code><\/pre>\n$/);
  for (const [lang, keyword] of [["js", "let"], ["py", "def"], ["sh", "echo"], ["rs", "fn"]]) {
    const html = render(`\`\`\`${lang}\n${keyword} x\n\`\`\`\n`).html;
    assert.match(html, new RegExp(`class="hljs language-${lang}"`), lang);
    assert.match(html, /<span class="hljs-/, lang);
  }
  assert.match(render("```toml\na = 1\n```\n").html, /hljs-attr/);
  assert.match(render("```html\n<p>x</p>\n```\n").html, /hljs-tag/);
  assert.match(render("```vto\n{{ page.title }}\n```\n").html, /language-javascript/);
});

Deno.test("highlight: unknown or no language is plain escaped code and never throws", async () => {
  await loaded;
  const unknown = render("```no-such-lang\n<b>&</b>\n```\n").html;
  assert.equal(
    unknown,
    '<pre><code class="language-no-such-lang">&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n',
  );
  assert.equal(render("```\n<i>\n```\n").html, "<pre><code>&lt;i&gt;\n</code></pre>\n");
  assert.equal(render("    <i>\n").html, "<pre><code>&lt;i&gt;\n</code></pre>\n");
  // No auto-detection: obvious JavaScript without a language stays plain.
  assert.doesNotMatch(render("```\nconst x = () => 1;\n```\n").html, /<span/);
  // Odd info strings and languages whose names collide with Object.prototype.
  for (const info of ["constructor", "__proto__", 'a"b', "<script>", "ts{.x}", "c++"]) {
    const html = render(`\`\`\`${info}\n1 < 2\n\`\`\`\n`).html;
    assert.equal(visible(html), "1 < 2\n\n", info);
    assert.doesNotMatch(html, /<script>|a"b/, info);
  }
  const highlight = createHighlighter();
  assert.equal(highlight("x", "js"), undefined, "not loaded yet");
  await highlight.load(["js", "cobol"]);
  assert.equal(highlight("x", ""), undefined);
  assert.equal(highlight("x", "cobol"), undefined);
  assert.equal(typeof highlight("unterminated /* comment ' string", "js"), "string");
});

Deno.test("highlight: template syntax and HTML in code stay literal", async () => {
  await loaded;
  for (const lang of ["ts", "html", "yaml", "vto", "unknown", ""]) {
    const html = render(`\`\`\`${lang}\n<p>{{ x }}</p> {{- y -}}\n\`\`\`\n`).html;
    assert.equal(visible(html).trim(), "<p>{{ x }}</p> {{- y -}}", lang);
    assert.doesNotMatch(html, /<p>\{\{/, lang);
  }
  assert.match(render("`{{ x }}` and {{ y }}").html, /<code>\{\{ x \}\}<\/code> and \{\{ y \}\}/);
});

Deno.test("highlight: can be turned off", () => {
  const plain = createMarkdown({ ...CORE, highlight: false } as MarkdownOptions);
  assert.equal(
    renderMarkdown(plain, "```ts\nlet x;\n```\n", 1).html,
    '<pre><code class="language-ts">let x;\n</code></pre>\n',
  );
});

Deno.test("anchors: h2–h6 get a labelled permalink, ids unique, TOC text clean", () => {
  const r = render(
    "# Top\n\n## Install `deno`\n\n## Install `deno`\n\n### A &amp; B\n\n###### Six\n",
  );
  assert.deepEqual(r.toc.map((h) => [h.level, h.id, h.text]), [
    [1, "top", "Top"],
    [2, "install-deno", "Install deno"],
    [2, "install-deno-1", "Install deno"],
    [3, "a--b", "A & B"],
    [6, "six", "Six"],
  ]);
  assert.match(r.html, /<h1 id="top">Top<\/h1>/);
  assert.match(
    r.html,
    /<h2 id="install-deno-1">Install <code>deno<\/code> <a class="heading-anchor" href="#install-deno-1" aria-label="Link to this section">#<\/a><\/h2>/,
  );
  assert.match(r.html, /<h6 id="six">Six <a class="heading-anchor" href="#six"/);
  assert.doesNotMatch(r.html, /aria-hidden/);
  const ids = [...r.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
  // The permalinks are not outbound links, words or text.
  assert.deepEqual(r.links, []);
  assert.equal(r.text, "Top Install deno Install deno A & B Six");
  assert.equal(r.wordCount, 8); // "&" is not a word
});

Deno.test("anchors: not in excerpts, and can be turned off", () => {
  const r = render("## Intro\n\nFirst.\n\n<!--more-->\n\n## Rest\n");
  assert.equal(r.excerpt, '<h2 id="intro">Intro</h2>\n<p>First.</p>\n');
  assert.match(r.html, /<h2 id="intro">Intro <a class="heading-anchor"/);
  const off = createMarkdown({ ...CORE, anchors: false } as MarkdownOptions);
  assert.equal(renderMarkdown(off, "## Intro\n", 1).html, '<h2 id="intro">Intro</h2>\n');
});

Deno.test("extras: footnotes and task lists can be turned off", () => {
  const off = createMarkdown({ ...CORE, footnotes: false, taskLists: false } as MarkdownOptions);
  const html = renderMarkdown(off, "A[^1]\n\n[^1]: n\n\n- [ ] t\n", 1).html;
  assert.doesNotMatch(html, /footnote|checkbox/);
  assert.match(html, /<li>\[ \] t<\/li>/);
});

Deno.test("text: plain text of the whole body, no HTML, whitespace collapsed", () => {
  const r = render(
    [
      "# Title",
      "",
      "Some *emphasis*, a [link](/a/), `code`,",
      "a soft break and an ![alt text](/i.png) &lt;tag&gt;.",
      "",
      '<div class="raw">raw HTML block</div>',
      "",
      "> quoted  text",
      "",
      "1. one",
      "2. two",
      "",
      "```js",
      "const  a =  '<b>';",
      "```",
      "",
      "Inline <span>html</span> here.[^n]",
      "",
      "[^n]: A note.",
      "",
    ].join("\n"),
  );
  assert.equal(
    r.text,
    "Title Some emphasis, a link, code, a soft break and an alt text <tag>. quoted text " +
      "one two const a = '<b>'; Inline html here. A note.",
  );
  assert.equal(render("").text, "");
  assert.equal(render("<!--more-->\n").text, "");
});
