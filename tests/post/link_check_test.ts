import assert from "node:assert/strict";
import { checkLinks, type LinkCheckInput, type ScannedPage } from "../../src/post/link_check.ts";

type Link = { href: string; line: number };

function page(
  outputPath: string,
  url: string,
  links: (string | Link)[],
  ids: string[] = [],
  source: string | null = null,
  sourceLinks: Link[] = [],
): ScannedPage {
  const all = links.map((l, i) => typeof l === "string" ? { href: l, line: 10 + i } : l);
  return {
    outputPath,
    url,
    source,
    sourceLinks,
    hrefs: all.map((l) => l.href),
    lines: all.map((l) => l.line),
    ids,
  };
}

const files = [
  "index.html",
  "docs/index.html",
  "docs/a/index.html",
  "docs/b/index.html",
  "my notes/index.html",
  "img/a.png",
  "files/report.pdf",
  "feed.xml",
  "404.html",
];

function input(pages: ScannedPage[], over: Partial<LinkCheckInput> = {}): LinkCheckInput {
  return {
    pages,
    files: new Set(files),
    basePath: "/",
    siteOrigin: "https://example.org",
    severity: "warning",
    ...over,
  };
}

const messages = (i: LinkCheckInput) => checkLinks(i).map((d) => d.message);

Deno.test("checkLinks: valid links of every kind are not reported", () => {
  const a = page("docs/a/index.html", "/docs/a/", [
    "/",
    "/docs/",
    "/docs",
    "../b/",
    "../b",
    "./",
    ".",
    "../",
    "/docs/a/index.html",
    "/my%20notes/",
    "/my notes/",
    "/docs/b/?tab=2",
    "?page=2",
    "/docs/b/?x=1#intro",
    "/docs/b/#intro",
    "../b/#Caf%C3%A9",
    "#setup",
    "#top",
    "#",
    "",
    "/img/a.png",
    "../../img/a.png",
    "/files/report.pdf#page=3",
    "/feed.xml",
    "https://example.org/docs/b/",
    "http://EXAMPLE.org:80/docs/b/#intro",
    "https://example.org",
    "//example.org/docs/",
    "https://other.org/missing/",
    "//cdn.other.org/x.js",
    "mailto:me@example.org",
    "tel:+123",
    "javascript:void(0)",
    "data:image/png;base64,AAAA",
    "/docs/b/#:~:text=hello",
  ], ["setup"]);
  const b = page("docs/b/index.html", "/docs/b/", ["../a/#setup"], ["intro", "Café"]);
  const root = page("index.html", "/", ["docs/a/", "img/a.png", "my%20notes/"]);
  const notFound = page("404.html", "/404.html", ["/", "img/a.png"]);
  assert.deepEqual(checkLinks(input([a, b, root, notFound])), []);
});

Deno.test("checkLinks: broken pages, files and fragments are found", () => {
  const a = page("docs/a/index.html", "/docs/a/", [
    "/docs/missing/",
    "../missing/",
    "missing.png",
    "/img/b.png",
    "https://example.org/nope/",
    "//example.org/nope2/",
    "/docs/b/#nope",
    "#absent",
    "/docs/b/#intro",
    "../../../../etc/passwd",
    "/my%20notes/extra/",
  ], ["setup", "intro"]);
  const b = page("docs/b/index.html", "/docs/b/", [], ["intro", "install", "introduction"]);
  assert.deepEqual(messages(input([a, b])).sort(), [
    `broken link "#absent" (no element with id "absent" on /docs/a/)`,
    `broken link "../../../../etc/passwd" (no such page)`,
    `broken link "../missing/" (no such page)`,
    `broken link "//example.org/nope2/" (no such page)`,
    `broken link "/docs/b/#nope" (no element with id "nope" on /docs/b/)`,
    `broken link "/docs/missing/" (no such page)`,
    `broken link "/img/b.png" (no such file)`,
    `broken link "/my%20notes/extra/" (no such page)`,
    `broken link "https://example.org/nope/" (no such page)`,
    `broken link "missing.png" (no such file)`,
  ]);
});

Deno.test("checkLinks: each broken href once per page, first line; every page reports its own", () => {
  const a = page("docs/a/index.html", "/docs/a/", [
    { href: "/gone/", line: 7 },
    { href: "/gone/", line: 3 },
    { href: "/gone/", line: 9 },
  ]);
  const b = page("docs/b/index.html", "/docs/b/", [{ href: "/gone/", line: 5 }]);
  const diagnostics = checkLinks(input([b, a]));
  assert.deepEqual(diagnostics.map((d) => [d.file, d.line]), [
    ["docs/a/index.html", 7],
    ["docs/b/index.html", 5],
  ]);
  for (const d of diagnostics) {
    assert.equal(d.code, "broken-link");
    assert.equal(d.severity, "warning");
    assert.match(d.hint ?? "", /check the path; pages have URLs like \/section\/page\//);
  }
});

Deno.test("checkLinks: severity error gives errors", () => {
  const a = page("docs/a/index.html", "/docs/a/", ["/gone/"]);
  const [d] = checkLinks(input([a], { severity: "error" }));
  assert.equal(d.severity, "error");
});

Deno.test("checkLinks: Markdown links are reported at their source line", () => {
  const a = page(
    "docs/a/index.html",
    "/docs/a/",
    [{ href: "/from-layout/", line: 4 }, { href: "../typo/", line: 40 }, {
      href: "#nowhere",
      line: 41,
    }],
    ["setup"],
    "content/docs/a.md",
    [{ href: "../typo/", line: 12 }, { href: "#nowhere", line: 15 }, {
      href: "../typo/",
      line: 30,
    }],
  );
  const generated = page("tags/index.html", "/tags/", [{ href: "/gone/", line: 8 }]);
  const diagnostics = checkLinks(input([generated, a]));
  assert.deepEqual(
    diagnostics.map((d) => [d.file, d.line, d.message]),
    [
      ["content/docs/a.md", undefined, `broken link "/from-layout/" (no such page)`],
      ["content/docs/a.md", 12, `broken link "../typo/" (no such page)`],
      [
        "content/docs/a.md",
        15,
        `broken link "#nowhere" (no element with id "nowhere" on /docs/a/)`,
      ],
      ["tags/index.html", 8, `broken link "/gone/" (no such page)`],
    ],
  );
  assert.match(diagnostics[0].hint ?? "", /line 4 of the output docs\/a\/index\.html/);
  assert.match(diagnostics[2].hint ?? "", /closest to "nowhere" are: setup/);
});

Deno.test("checkLinks: the base path — escaping it is broken, with a suggestion", () => {
  // Served at https://example.org/docs/: output paths are relative to that folder.
  const docsFiles = new Set(["index.html", "a/index.html", "b/index.html", "img/a.png"]);
  const a = page("a/index.html", "/a/", [
    "/docs/b/",
    "../b/",
    "/docs/",
    "/docs",
    "/docs/img/a.png",
    "../img/a.png",
    "https://example.org/docs/b/",
    "/b/",
    "/elsewhere/",
    "../../outside/",
    "https://example.org/b/",
    "/docs/gone/",
  ]);
  const b = page("b/index.html", "/b/", []);
  const diagnostics = checkLinks(
    input([a, b], { files: docsFiles, basePath: "/docs/", siteOrigin: "https://example.org" }),
  );
  assert.deepEqual(diagnostics.map((d) => d.message), [
    `broken link "/b/" (outside the site, whose URLs start with /docs/)`,
    `broken link "/elsewhere/" (outside the site, whose URLs start with /docs/)`,
    `broken link "../../outside/" (outside the site, whose URLs start with /docs/)`,
    `broken link "https://example.org/b/" (outside the site, whose URLs start with /docs/)`,
    `broken link "/docs/gone/" (no such page)`,
  ]);
  assert.match(diagnostics[0].hint ?? "", /did you mean "\/docs\/b\/"\?/);
  assert.match(diagnostics[0].hint ?? "", /must start with the base path \/docs\//);
  assert.doesNotMatch(diagnostics[1].hint ?? "", /did you mean/);
  assert.match(diagnostics[4].hint ?? "", /pages have URLs like \/docs\/section\/page\//);
  // A basePath given without slashes is normalised.
  assert.equal(
    checkLinks(input([a, b], { files: docsFiles, basePath: "docs", siteOrigin: null })).length,
    4,
  );
});

Deno.test("checkLinks: without siteOrigin absolute links are external", () => {
  const a = page("docs/a/index.html", "/docs/a/", ["https://example.org/gone/"]);
  assert.deepEqual(checkLinks(input([a], { siteOrigin: null })), []);
  assert.equal(checkLinks(input([a])).length, 1);
});

Deno.test("checkLinks: helpful hints for common slips", () => {
  const a = page("docs/a/index.html", "/docs/a/", ["../b.md", "docs/b/", "#Setup"], [
    "setup",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
  ]);
  const hints = checkLinks(input([a])).map((d) => d.hint);
  assert.deepEqual(hints, [
    "link to the page's URL (like /section/page/), not to its Markdown file",
    `did you mean "/docs/b/"? a relative link is resolved against the page's own URL, /docs/a/`,
    // Nearest by edit distance, then by name; at most five.
    `the ids on /docs/a/ closest to "Setup" are: setup, e, a, b, c`,
  ]);
  const bare = page("docs/b/index.html", "/docs/b/", ["#x"]);
  assert.deepEqual(checkLinks(input([bare])).map((d) => d.hint), [
    "/docs/b/ has no element with an id",
  ]);
});

Deno.test("checkLinks: sorted deterministically whatever the page order", () => {
  const pages = [
    page("docs/b/index.html", "/docs/b/", ["/x/", "/a/"]),
    page("docs/a/index.html", "/docs/a/", ["/z/", "/y/"], [], "content/docs/a.md"),
    page("index.html", "/", ["/q/"]),
  ];
  const forward = checkLinks(input(pages));
  assert.deepEqual(checkLinks(input([...pages].reverse())), forward);
  assert.deepEqual(forward.map((d) => d.file), [
    "content/docs/a.md",
    "content/docs/a.md",
    "docs/b/index.html",
    "docs/b/index.html",
    "index.html",
  ]);
});

Deno.test("checkLinks: 10,000 pages x 30 links in well under a few seconds", () => {
  const pages: ScannedPage[] = [];
  const all = new Set<string>(files);
  for (let i = 0; i < 10_000; i++) all.add(`posts/p${i}/index.html`);
  for (let i = 0; i < 10_000; i++) {
    const links: Link[] = [];
    for (let j = 0; j < 30; j++) {
      const n = (i * 31 + j * 17) % 10_000;
      const href = j % 3 === 0
        ? `../p${n}/#h${j % 5}`
        : j % 3 === 1
        ? `/posts/p${n}/`
        : "https://other.org/x";
      links.push({ href, line: j + 1 });
    }
    links.push({ href: `/posts/gone${i}/`, line: 99 });
    pages.push({
      outputPath: `posts/p${i}/index.html`,
      url: `/posts/p${i}/`,
      source: `content/posts/p${i}.md`,
      sourceLinks: [],
      hrefs: links.map((l) => l.href),
      lines: links.map((l) => l.line),
      ids: ["h0", "h1", "h2", "h3", "h4"],
    });
  }
  const start = performance.now();
  const diagnostics = checkLinks(input(pages, { files: all }));
  const elapsed = performance.now() - start;
  assert.equal(diagnostics.length, 10_000);
  assert.ok(elapsed < 3000, `took ${elapsed} ms`);
});
