/**
 * Markdown as real documentation is written: titles in a leading `# H1`, GitHub
 * heading ids, fence info strings of other tools, more languages, raw HTML links,
 * and other tools' syntax reported instead of printed in silence.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_CONFIG, type MarkdownOptions } from "../src/config/config.ts";
import { createMarkdown, loadLanguages, renderMarkdown } from "../src/parse/markdown.ts";
import {
  foreignSyntaxWarnings,
  foreignUses,
  mayHoldForeignSyntax,
} from "../src/parse/foreign_syntax.ts";
import { GRAMMARS, LANGUAGE_NAMES } from "../src/parse/hljs_languages.ts";
import { readdirSync } from "node:fs";

const options = (extra: Partial<MarkdownOptions> = {}): MarkdownOptions => ({
  ...DEFAULT_CONFIG.markdown,
  ...extra,
});
const md = createMarkdown(options());
const page = (body: string, title?: string) => renderMarkdown(md, body, 1, { title });
const h1s = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

Deno.test("title: a leading # H1 is the title when front matter has none, and leaves the body", () => {
  const r = page("<!-- note -->\n# The *floe* Book\n\nText.\n");
  assert.equal(r.title, "The floe Book");
  assert.equal(h1s(r.html), 0);
  assert.deepEqual(r.toc, []);
  assert.equal(r.excerpt, "<p>Text.</p>\n");
});

Deno.test("title: the same title written twice is shown once; a different one is kept as a section", () => {
  const same = page("# Setup\n\nText.\n", "Setup");
  assert.equal(same.title, undefined, "the front matter's title stands");
  assert.equal(h1s(same.html), 0);
  const other = page("# Getting started\n\nText.\n", "Setup");
  assert.equal(other.title, undefined);
  assert.match(other.html, /^<h2 id="getting-started">Getting started/);
});

Deno.test("title: later # headings become ## so a page keeps the layout's one <h1>", () => {
  const r = page("Intro.\n\n# Part one\n\n## Detail\n\n# Part two\n");
  assert.equal(r.title, undefined, "not leading: no title");
  assert.equal(h1s(r.html), 0);
  assert.deepEqual(r.toc.map((h) => [h.level, h.id]), [[2, "part-one"], [2, "detail"], [
    2,
    "part-two",
  ]]);
  // The markdown filter renders fragments, not pages: headings are left alone.
  assert.equal(h1s(renderMarkdown(md, "# Hi\n", 1).html), 1);
});

Deno.test("heading ids: GitHub's by default, compact on request, {#id} kept, unique", () => {
  const text =
    "## Animals & Nature\n\n## C++ / C#\n\n## Ünïcode Straße\n\n## Setup {#install}\n\n" +
    "## Setup\n\n## Setup\n\n## !!!\n";
  const github = renderMarkdown(md, text, 1).toc.map((h) => h.id);
  assert.deepEqual(github, [
    "animals--nature",
    "c--c",
    "ünïcode-straße",
    "install",
    "setup",
    "setup-1",
    "section",
  ]);
  const compact = createMarkdown(options({ headingIds: "compact" }));
  assert.deepEqual(renderMarkdown(compact, text, 1).toc.map((h) => h.id).slice(0, 2), [
    "animals-nature",
    "c-c",
  ]);
});

Deno.test("fences: info strings of other tools give the language", async () => {
  const text = [
    "```rust,ignore\nfn main() {}\n```",
    "```js{1,3}\nlet a = 1;\n```",
    "```ts:line-numbers\nlet a = 1;\n```",
    '``` python title="x.py"\ndef f(): pass\n```',
    "```go {linenos=true}\nfunc f() {}\n```",
  ].join("\n\n");
  await loadLanguages(md, text);
  const classes = [...renderMarkdown(md, text, 1).html.matchAll(/<code class="([^"]+)"/g)]
    .map((m) => m[1]);
  assert.deepEqual(classes, [
    "hljs language-rust",
    "hljs language-js",
    "hljs language-ts",
    "hljs language-python",
    "hljs language-go",
  ]);
});

Deno.test("languages: every highlight.js grammar loads on first use, with common aliases", async () => {
  const text = ["elixir", "kotlin", "dockerfile", "vue", "console", "go-html-template", "jsonc"]
    .map((l) => `\`\`\`${l}\nFROM x\n\`\`\``).join("\n\n");
  const fresh = createMarkdown(options());
  assert.doesNotMatch(renderMarkdown(fresh, text, 1).html, /hljs/, "nothing loaded yet");
  await loadLanguages(fresh, text);
  const html = renderMarkdown(fresh, text, 1).html;
  assert.equal(html.match(/class="hljs language-/g)?.length, 7);
  // The table matches the installed highlight.js (regenerate: tools/gen_hljs_languages.ts).
  const shipped = readdirSync(
    new URL("../node_modules/highlight.js/lib/languages/", import.meta.url),
  )
    .filter((f) => /^[a-z0-9-]+\.js$/.test(f));
  assert.equal(Object.keys(GRAMMARS).length, shipped.length);
  assert.equal(LANGUAGE_NAMES.ts, "typescript");
});

Deno.test("languages: a grammar embedding others highlights the same whatever was loaded before", async () => {
  const html = "```html\n<script>let a = 1;</script>\n```\n";
  const first = createMarkdown(options());
  await loadLanguages(first, html);
  const second = createMarkdown(options());
  await loadLanguages(second, "```js\nx\n```\n```css\nx\n```\n" + html);
  assert.equal(renderMarkdown(first, html, 1).html, renderMarkdown(second, html, 1).html);
  assert.match(renderMarkdown(first, html, 1).html, /hljs-keyword">let/);
});

Deno.test("languages: the config adds aliases and grammar modules", async () => {
  const shout = pathToFileURL(join(import.meta.dirname!, "fixtures/grammars/shout.js")).href;
  const custom = createMarkdown(options({ languages: { ex: "elixir", shout } }));
  const text = "```ex\ndefmodule A do end\n```\n\n```shout\nsay HELLO\n```\n";
  await loadLanguages(custom, text);
  const html = renderMarkdown(custom, text, 1).html;
  assert.match(html, /language-ex">.*<span class="hljs-keyword">defmodule/);
  assert.match(html, /language-shout">say <span class="hljs-keyword">HELLO<\/span>/);
});

Deno.test("links: raw HTML href and src are links too, at their lines", () => {
  const r = renderMarkdown(
    md,
    'Text.\n\n<div>\n  <img src="img/a.png">\n</div>\n\nA <a href="b.md">b</a>.\n',
    10,
  );
  assert.deepEqual(r.links, [{ href: "img/a.png", line: 13 }, { href: "b.md", line: 16 }]);
});

Deno.test("foreign syntax: found in prose with its line, never in code", () => {
  const text = [
    "Intro.", // 1
    "", // 2
    '{{< figure src="a.png" >}}', // 3
    "", // 4
    "Also {{% note %}} and `{{< in code >}}`.", // 5: code spans are not counted
    "", // 6
    "```", // 7
    "{{#include x.rs}} {% raw %}", // 8
    "```", // 9
    "", // 10
    "{{#include ../listings/ch01.rs}}", // 11
    "", // 12
    "::: code-group", // 13
    "x", // 14
    ":::", // 15
    "", // 16
    "::: tip Known", // 17
    "y", // 18
    ":::", // 19
    "", // 20
    "Hello {{ $frontmatter.title }} and {% include a.html %}.", // 21
    "", // 22
    "import Tabs from '@theme/Tabs';", // 23
    "", // 24
    "<<< @/snippets/a.js", // 25
  ].join("\n");
  const found = renderMarkdown(md, text, 1).foreign;
  assert.deepEqual(
    Object.fromEntries(found.map((f) => [f.kind, [f.line, f.count]])),
    {
      "hugo-shortcode": [3, 2],
      "mdbook-include": [8, 2], // in a fence it stands for the code: counted
      container: [13, 1],
      "template-expression": [21, 1],
      "liquid-tag": [21, 1],
      "mdx-import": [23, 1],
      "snippet-import": [25, 1],
    },
  );
  assert.deepEqual(renderMarkdown(md, "Plain {text} and a: b.\n\n`{{ x }}`\n", 1).foreign, []);
});

Deno.test("foreign syntax: the source pre-check passes every kind, in lists and quotes too", () => {
  // A body the pre-check turns away is never walked: each kind alone, where
  // markers and indentation are taken off the token's text, is still found.
  const uses = [
    "{{< note >}}",
    "{{#include a.rs}}",
    "{% raw %}",
    "{{ page.title }}",
    "::: code-group\nx\n:::",
    "<<< @/a.js",
    "import Tabs from '@theme/Tabs';",
  ];
  for (const use of uses) {
    for (const wrap of [(s: string) => s, (s: string) => `- ${s}`, (s: string) => `> ${s}`]) {
      const body = `Intro.\n\n${wrap(use)}\n`;
      assert.ok(mayHoldForeignSyntax(body), body);
      assert.equal(renderMarkdown(md, body, 1).foreign.length, 1, body);
    }
  }
  assert.equal(mayHoldForeignSyntax("Plain {text}, a: b, <b>bold</b> and x < y.\n"), false);
});

Deno.test("foreign syntax: one warning per kind, counting files, naming the first few", () => {
  const pages = ["c", "a", "e", "b", "d", "f"].map((name, i) => ({
    file: `content/${name}.md`,
    foreign: [{ kind: "hugo-shortcode" as const, line: i + 1, count: 2 }],
  }));
  const uses = foreignUses([...pages, { file: "content/x.md", foreign: [] }]);
  assert.deepEqual([...uses.keys()], pages.map((p) => p.file), "files without uses are left out");
  const [w, ...rest] = foreignSyntaxWarnings(uses);
  assert.equal(rest.length, 0);
  assert.equal(w.code, "foreign-syntax");
  assert.equal(w.severity, "warning");
  assert.match(w.message, /^6 files use Hugo shortcodes .* \(12 times\)/);
  assert.equal(w.file, "content/a.md");
  assert.equal(w.line, 2);
  assert.match(w.hint!, /also content\/b\.md:4, content\/c\.md:1, content\/d\.md:5, and 2 more/);
});

Deno.test("heading ids: definition terms get ids too, unique with the headings, not in the TOC", () => {
  const r = renderMarkdown(
    md,
    "## publishDir\n\n`publishDir`\n: The folder.\n\nTerm {#own}\n: x\n",
    1,
  );
  assert.match(r.html, /<dt id="publishdir-1"><code>publishDir<\/code><\/dt>/);
  assert.match(r.html, /<dt id="own">Term<\/dt>/);
  assert.deepEqual(r.toc.map((h) => h.id), ["publishdir"]);
});
