import assert from "node:assert/strict";
import { decodeEntities, rewriteUrls, scanHtml } from "../src/base/html_scan.ts";

Deno.test("scanHtml: quoted, single-quoted and unquoted values, any tag, line numbers", () => {
  const html = [
    `<!DOCTYPE html>`,
    `<html><head><link rel="stylesheet" href="/css/site.css">`,
    `<script src='/js/app.js'></script></head>`,
    `<body><a href=/plain/>plain</a> <img alt="x > y" src="../img/a.png" />`,
    `<iframe`,
    `  title="t"`,
    `  src="/embed/"></iframe><video><source src=/v.mp4 type=video/mp4></video>`,
    `<A HREF="/UPPER/">up</A><a href="">empty</a><a href>novalue</a>`,
    `<a href="  /spaced/  ">s</a></body></html>`,
  ].join("\n");
  const { links } = scanHtml(html);
  assert.deepEqual(links, [
    { href: "/css/site.css", line: 2, attr: "href" },
    { href: "/js/app.js", line: 3, attr: "src" },
    { href: "/plain/", line: 4, attr: "href" },
    { href: "../img/a.png", line: 4, attr: "src" },
    { href: "/embed/", line: 7, attr: "src" },
    { href: "/v.mp4", line: 7, attr: "src" },
    { href: "/UPPER/", line: 8, attr: "href" },
    { href: "", line: 8, attr: "href" },
    { href: "/spaced/", line: 9, attr: "href" },
  ]);
});

Deno.test("scanHtml: entities in values are decoded", () => {
  const { links, ids } = scanHtml(
    `<a href="/q/?a=1&amp;b=2&#38;c=3&#x26;d">q</a><h2 id="fish&amp;chips">x</h2>`,
  );
  assert.equal(links[0].href, "/q/?a=1&b=2&c=3&d");
  assert.deepEqual(ids, ["fish&chips"]);
});

Deno.test("scanHtml: comments, scripts, styles and escaped code are not tags", () => {
  const html = [
    `<p>before</p><!-- <a href="/commented/">x</a>`,
    `<img src="/also-commented.png"> -->`,
    `<script>document.write('<a href="/in-script/">x</a>')</script>`,
    `<style>a[href="/in-style/"] { color: red }</style>`,
    `<pre><code>&lt;a href="/in-code/"&gt;</code></pre>`,
    `<title>a <a href="/in-title/"></title>`,
    `<a href="/real/" id="real">real</a>`,
    `<!-- unclosed <a href="/after-unclosed/">`,
  ].join("\n");
  const { links, ids } = scanHtml(html);
  assert.deepEqual(links, [{ href: "/real/", line: 7, attr: "href" }]);
  assert.deepEqual(ids, ["real"]);
});

Deno.test("scanHtml: script src is still a link; > inside quoted attributes is fine", () => {
  const { links } = scanHtml(
    `<script type="module" src="/m.js">let s = "<img src='/no.png'>";</script>\n` +
      `<a title="1 > 0" data-x='<a href="/no/">' href="/yes/">y</a>`,
  );
  assert.deepEqual(links.map((l) => [l.href, l.line]), [["/m.js", 1], ["/yes/", 2]]);
});

Deno.test("scanHtml: ids from any element, names only from <a>, de-duplicated and sorted", () => {
  const { ids } = scanHtml(
    `<h2 id="zeta">z</h2><h3 id=alpha>a</h3><a name="legacy"></a><input name="q">` +
      `<div id='zeta'></div><span ID="Mixed">m</span><p id="">no</p><meta name="robots">`,
  );
  assert.deepEqual(ids, ["Mixed", "alpha", "legacy", "zeta"]);
  assert.deepEqual(scanHtml("").links, []);
  assert.deepEqual(scanHtml("plain text, a < b, no tags").ids, []);
});

Deno.test("scanHtml: thousands of links on many lines, each at its line", () => {
  const parts: string[] = [];
  for (let i = 0; i < 5000; i++) parts.push(`<li><a href="/p/${i}/" class="x">${i}</a></li>`);
  const html = parts.join("\n");
  const { links } = scanHtml(html);
  assert.equal(links.length, 5000);
  assert.deepEqual(links[4999], { href: "/p/4999/", line: 5000, attr: "href" });
});

Deno.test("rewriteUrls: only href/src values change, the rest is byte for byte", () => {
  const html = `<!-- <a href="/c/"> --><a class=x href='/a/?q=1&amp;r=2'>a</a>\n` +
    `<script src="/s.js">var a = '<a href="/not/">';</script><img src=/i.png alt='A "quote"'>`;
  assert.equal(
    rewriteUrls(html, (url, attr) => `${attr}:${url}`),
    `<!-- <a href="/c/"> --><a class=x href="href:/a/?q=1&amp;r=2">a</a>\n` +
      `<script src="src:/s.js">var a = '<a href="/not/">';</script><img src="src:/i.png" alt='A "quote"'>`,
  );
});

Deno.test("decodeEntities: named, decimal, hex, invalid and unknown", () => {
  assert.equal(decodeEntities("&amp;&lt;&gt;&quot;&apos;&#39;"), `&<>"''`);
  assert.equal(decodeEntities("&#x263A;&#9731;&nbsp;&hellip;"), "☺☃\u00a0…");
  assert.equal(decodeEntities("&#0;&#xD800;&#x110000;"), "\ufffd\ufffd\ufffd");
  assert.equal(decodeEntities("&unknown; & &amp;lt;"), "&unknown; & &lt;");
  assert.equal(decodeEntities("no entities"), "no entities");
});

/**
 * The scan as it was first written, one regex pass over the tags and one over each
 * tag's attributes: the oracle the hand-walked scan is held to below.
 */
function scanWithRegexes(html: string): ReturnType<typeof scanHtml> {
  const markup =
    /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?(?:<\/\1\s*>|$)|<([a-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
  const attribute = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const links: ReturnType<typeof scanHtml>["links"] = [];
  const ids = new Set<string>();
  const lineAt = (offset: number) => html.slice(0, offset).split("\n").length;
  for (const m of html.matchAll(markup)) {
    const name = m[1] ?? m[3];
    const attrs = m[2] ?? m[4];
    if (!attrs) continue;
    const attrsStart = m.index + 1 + name.length;
    for (const a of attrs.matchAll(attribute)) {
      const raw = a[2] ?? a[3] ?? a[4];
      if (raw === undefined) continue;
      const key = a[1].toLowerCase();
      if (key === "href" || key === "src") {
        const at = attrsStart + a.index + a[0].length - raw.length;
        links.push({ href: decodeEntities(raw).trim(), line: lineAt(at), attr: key });
      } else if (key === "id" || (key === "name" && /^a$/i.test(name))) {
        const id = decodeEntities(raw);
        if (id !== "") ids.add(id);
      }
    }
  }
  return { links, ids: [...ids].sort((a, b) => a < b ? -1 : a > b ? 1 : 0) };
}

Deno.test("scanHtml: finds what the regexes over tags and attributes find, on 40,000 random near-HTML texts", () => {
  // Pieces that meet every branch: comments, raw-text elements and their end tags in
  // any case, quotes left open, quotes inside names, `=` with spaces and without a
  // value, JavaScript's other spaces, entities, the wanted names in any case, as
  // values and as parts of longer names.
  const pieces = [
    "<",
    ">",
    "<a ",
    "<A ",
    "<b",
    "<p ",
    "<!--",
    "-->",
    "--",
    "<!",
    "/",
    "/>",
    '"',
    "'",
    "=",
    " = ",
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u2003",
    "\u2028",
    "\ufeff",
    "`",
    "href",
    "HREF",
    "hReF",
    "src",
    "Src",
    "id",
    "ID",
    "name",
    "NAME",
    "xhref",
    "ids",
    "href=",
    "id=x",
    'href="/a/"',
    "src='/b.png'",
    "href=/c",
    'id="k"',
    "name=n",
    "=/v",
    '"x "',
    "<script",
    "<SCRIPT",
    "</script>",
    "</ScRiPt  >",
    "</script",
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<textarea ",
    "</textarea\n>",
    "<scripts ",
    "<titles>",
    '<a"x ',
    '<script"',
    '<script"x ',
    "a",
    "z",
    "&amp;",
    "&#38;",
    "&lt;",
    "x",
    "<img ",
    "data-x='<a href=\"/no/\">' ",
  ];
  // A quote in a raw-text element's name (malformed): the regex cuts the name short
  // before it, and the tag is then an ordinary one, whose body is scanned.
  const cut = `<script"x "y><a href="/after/">`;
  assert.deepEqual(scanHtml(cut), scanWithRegexes(cut));
  assert.deepEqual(scanHtml(cut).links.map((l) => l.href), ["/after/"]);
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 40000; n++) {
    let html = "";
    for (let k = 1 + Math.floor(random() * 40); k > 0; k--) {
      html += pieces[Math.floor(random() * pieces.length)];
    }
    assert.deepEqual(scanHtml(html), scanWithRegexes(html), JSON.stringify(html));
  }
});
