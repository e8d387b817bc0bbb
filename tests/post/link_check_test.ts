import assert from "node:assert/strict";
import { checkLinks, type LinkCheckInput, type ScannedPage } from "../../src/post/link_check.ts";
import { LINK_CAUSES, type LinkCause } from "../../src/post/link_diagnostic.ts";
import { closestName, editDistance, editDistanceWithin } from "../../src/errors/suggest.ts";

type Link = { href: string; line: number };

function page(
  outputPath: string,
  url: string,
  links: (string | Link)[],
  ids: string[] = [],
  source: string | null = null,
  sourceLinks: Link[] = [],
  contentIds: string[] = ids,
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
    contentIds,
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

Deno.test("checkLinks: a page's own #ids and another page's, in either order", () => {
  // A page's ids for its own `#id` links are not kept for the whole check: the same
  // page, linked to by another with a fragment before or after, is still checked right.
  const a = page("docs/a/index.html", "/docs/a/", ["#x", "#nope", "/docs/a/#x", "/docs/b/#y"], [
    "x",
  ]);
  const b = page("docs/b/index.html", "/docs/b/", ["/docs/a/#x", "/docs/a/#gone", "#y"], ["y"]);
  const expected = [
    `broken link "#nope" (no element with id "nope" on /docs/a/)`,
    `broken link "/docs/a/#gone" (no element with id "gone" on /docs/a/)`,
  ];
  assert.deepEqual(messages(input([a, b])).sort(), expected);
  assert.deepEqual(messages(input([b, a])).sort(), expected);
});

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
  const a = page("docs/a/index.html", "/docs/a/", ["../b.md", "docs/b/", "#Setup", "#zz"], [
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
    `did you mean "/docs/b/"? link to the page's URL, not to its Markdown file`,
    `did you mean "/docs/b/"? a relative link is resolved against the page's own URL, /docs/a/`,
    `did you mean "#setup"?`,
    // Nothing close: the nearest by edit distance, then by name; at most five.
    `the ids in the content of /docs/a/ closest to "zz" are: a, b, c, d, e`,
  ]);
  const bare = page("docs/b/index.html", "/docs/b/", ["#x", "../gone.md"]);
  assert.deepEqual(checkLinks(input([bare])).map((d) => d.hint), [
    "/docs/b/ has no headings or other ids in its content",
    "link to the page's URL (like /section/page/), not to its Markdown file",
  ]);
});

Deno.test("checkLinks: every broken link has a cause, which the report groups by", () => {
  const a = page(
    "docs/a/index.html",
    "/docs/a/",
    [
      "/docs/gone/",
      "/docs/b/#nope",
      "#absent",
      "../b.md",
      "/DOCS/B/",
      "/img/none.png",
      "/files/report.PDF",
      "/docs/a/#setup",
    ],
    ["setup"],
  );
  const b = page("docs/b/index.html", "/docs/b/", [], ["intro"]);
  const causes = checkLinks(input([a, b])).map((d) => [d.link.href, d.link.cause]);
  assert.deepEqual(
    new Map(causes as [string, LinkCause][]),
    new Map<string, LinkCause>([
      ["/docs/gone/", "missing-page"],
      ["/docs/b/#nope", "missing-anchor"],
      ["#absent", "missing-anchor"],
      ["../b.md", "markdown-file"],
      ["/DOCS/B/", "wrong-case"],
      ["/img/none.png", "missing-file"],
      ["/files/report.PDF", "wrong-case"],
    ]),
  );
  const docsFiles = new Set(["index.html", "a/index.html"]);
  const atDocs = page("a/index.html", "/a/", ["/a/"]);
  const [outside] = checkLinks(
    input([atDocs], { files: docsFiles, basePath: "/docs/", siteOrigin: null }),
  );
  assert.equal(outside.link.cause, "outside-base");
  assert.equal(outside.link.suggestion, "/docs/a/");
  // Every cause is one the report knows.
  for (const [, cause] of causes) assert.ok(LINK_CAUSES.includes(cause as LinkCause));
});

Deno.test("checkLinks: where a link comes from, and its line in the output", () => {
  const a = page(
    "docs/a/index.html",
    "/docs/a/",
    [{ href: "/gone-md/", line: 40 }, { href: "/gone-layout/", line: 7 }],
    [],
    "content/docs/a.md",
    [{ href: "/gone-md/", line: 3 }],
  );
  const tags = page("tags/index.html", "/tags/", [{ href: "/gone-generated/", line: 12 }]);
  const links = checkLinks(input([a, tags])).map((d) => d.link);
  assert.deepEqual(
    links.map((l) => [l.href, l.origin, l.page, l.output, l.outputLine]),
    [
      ["/gone-layout/", "layout", "/docs/a/", "docs/a/index.html", 7],
      ["/gone-md/", "markdown", "/docs/a/", "docs/a/index.html", 40],
      ["/gone-generated/", "generated", "/tags/", "tags/index.html", 12],
    ],
  );
});

Deno.test("checkLinks: pages are suggested from the site's own URLs, near misses only", () => {
  const siteFiles = new Set([
    "index.html",
    "docs/index.html",
    "docs/install/index.html",
    "docs/configuration/index.html",
    "docs/getting-started/index.html",
    "guide/overview/index.html",
    "blog/overview/index.html",
    "img/logo.png",
    "img/a.png",
  ]);
  const from = page("docs/a/index.html", "/docs/a/", [
    "/docs/instal/", // one letter off
    "/docs/install.html", // the file name, not the URL
    "/docs/install/index.htm", // one letter off, as a file name
    "/guide/install/", // moved to another section
    "/docs/configuraton/#env", // one letter off; the fragment is kept
    "/docs/getting-start/", // two letters off, in a small folder
    "/docs/overview/", // two sections have one: no guess
    "/docs/g/", // too short to guess
    "/docs/zebra-crossing/", // nothing like it
    "/images/logo.png", // a file in another folder
    "/img/logoo.png", // another file's name, one letter off
    "/img/b.png", // too short to guess
  ]);
  const suggestions = checkLinks(input([from], { files: siteFiles })).map((
    d,
  ) => [d.link.href, d.link.suggestion, d.hint]);
  const byHref = new Map(suggestions.map(([href, s]) => [href, s]));
  assert.deepEqual(Object.fromEntries(byHref), {
    "/docs/instal/": "/docs/install/",
    "/docs/install.html": "/docs/install/",
    "/docs/install/index.htm": "/docs/install/",
    "/guide/install/": "/docs/install/",
    "/docs/configuraton/#env": "/docs/configuration/#env",
    "/docs/getting-start/": "/docs/getting-started/",
    "/docs/overview/": null,
    "/docs/g/": null,
    "/docs/zebra-crossing/": null,
    "/images/logo.png": "/img/logo.png",
    "/img/logoo.png": "/img/logo.png",
    "/img/b.png": null,
  });
  for (const [href, suggestion, hint] of suggestions) {
    if (suggestion !== null) assert.equal(hint, `did you mean "${suggestion}"?`, String(href));
  }
  // Pages are never suggested for files, nor files for pages.
  const other = page("docs/a/index.html", "/docs/a/", ["/img/logo/", "/docs/install.png"]);
  assert.deepEqual(
    checkLinks(input([other], { files: siteFiles })).map((d) => d.link.suggestion),
    [null, null],
  );
});

Deno.test("checkLinks: a misspelt #fragment is matched against the page's content ids, never the layout's", () => {
  const layoutIds = ["main", "toc-title", "search-input", "site-nav"];
  const guide = page(
    "docs/b/index.html",
    "/docs/b/",
    [],
    [...layoutIds, "install-on-linux", "fn1", "fnref1", "custom-id"].sort(),
    "content/docs/b.md",
    [],
    ["install-on-linux", "fn1", "fnref1", "custom-id"],
  );
  const a = page("docs/a/index.html", "/docs/a/", [
    "/docs/b/#instal-on-linux",
    "/docs/b/#custom-di",
    "/docs/b/#fn2",
    "/docs/b/#toc-titel",
    "/docs/b/#search-inpt",
    "/docs/b/#mian",
    "/docs/b/#toc-title", // a layout id that exists is a working link
  ]);
  const found = checkLinks(input([a, guide]));
  assert.deepEqual(
    found.map((d) => [d.link.href, d.link.suggestion]),
    [
      ["/docs/b/#instal-on-linux", "/docs/b/#install-on-linux"],
      ["/docs/b/#custom-di", "/docs/b/#custom-id"],
      ["/docs/b/#fn2", "/docs/b/#fn1"],
      ["/docs/b/#toc-titel", null],
      ["/docs/b/#search-inpt", null],
      ["/docs/b/#mian", null],
    ],
  );
  for (const d of found) {
    for (const id of layoutIds) assert.doesNotMatch(d.hint ?? "", new RegExp(`\\b${id}\\b`));
  }
  assert.match(found[3].hint ?? "", /the ids in the content of \/docs\/b\/ closest to "toc-titel"/);
});

Deno.test("checkLinks: a URL that differs only in case, with urls.lowercase when the page has capitals", () => {
  const siteFiles = new Set(["index.html", "docs/Format/index.html", "docs/guide/index.html"]);
  const a = page("index.html", "/", ["/docs/format/", "/docs/Guide/#x", "docs/GUIDE"]);
  const found = checkLinks(input([a], { files: siteFiles }));
  assert.deepEqual(found.map((d) => [d.link.href, d.link.cause, d.link.suggestion]), [
    ["/docs/format/", "wrong-case", "/docs/Format/"],
    ["/docs/Guide/#x", "wrong-case", "/docs/guide/#x"],
    ["docs/GUIDE", "wrong-case", "/docs/guide/"],
  ]);
  assert.match(found[0].message, /\/docs\/Format\/ differs only in case/);
  // The page's URL has capitals from its file name: lower-case URLs would fix it.
  assert.match(found[0].hint ?? "", /urls: \{ lowercase: true \}/);
  // The link has the capitals: only the link can be fixed.
  assert.doesNotMatch(found[1].hint ?? "", /lowercase/);
});

Deno.test("checkLinks: a link to a Markdown file suggests the page made from it", () => {
  const siteFiles = new Set(["index.html", "docs/a/index.html", "docs/guide/index.html"]);
  const a = page(
    "docs/a/index.html",
    "/docs/a/",
    ["guide.md#setup", "../guide.md", "/docs/guide.md", "nowhere.md"],
    [],
    "content/docs/a.md",
  );
  const guide = page("docs/guide/index.html", "/docs/guide/", [], [], "content/docs/guide.md");
  const found = checkLinks(input([a, guide], { files: siteFiles }));
  assert.deepEqual(
    Object.fromEntries(found.map((d) => [d.link.href, [d.link.cause, d.link.suggestion]])),
    {
      // Relative to the content file, as GitHub shows it: content/docs/guide.md.
      "guide.md#setup": ["markdown-file", "/docs/guide/#setup"],
      // Relative to the page's URL, /docs/a/: /docs/guide.md, without .md.
      "../guide.md": ["markdown-file", "/docs/guide/"],
      "/docs/guide.md": ["markdown-file", "/docs/guide/"],
      "nowhere.md": ["markdown-file", null],
    },
  );
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

Deno.test("checkLinks: 10,000 pages x 30 links: exactly the broken ones (speed: bench, not here)", () => {
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
      contentIds: ["h0", "h1", "h2", "h3", "h4"],
    });
  }
  const diagnostics = checkLinks(input(pages, { files: all }));
  assert.equal(diagnostics.length, 10_000);
});

Deno.test("checkLinks: thousands of broken links into a folder of near names are all reported", () => {
  // The worst case for suggestions: every broken link is searched for in a folder
  // of 300 pages with long, similar names.
  const all = new Set<string>(["index.html"]);
  const pages: ScannedPage[] = [];
  for (let i = 0; i < 300; i++) all.add(`docs/some-long-page-name-number-${i}/index.html`);
  for (let i = 0; i < 300; i++) {
    const hrefs = Array.from({ length: 17 }, (_, j) => `/docs/another-missing-name-${i}-${j}/`);
    pages.push(
      page(`docs/some-long-page-name-number-${i}/index.html`, `/docs/p${i}/`, hrefs),
    );
  }
  const diagnostics = checkLinks(input(pages, { files: all }));
  assert.equal(diagnostics.length, 5_100);
});

Deno.test("editDistanceWithin: the edit distance when within the bound, bound + 1 otherwise", () => {
  const full = (a: string, b: string) => {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        current[j] = Math.min(
          previous[j] + 1,
          current[j - 1] + 1,
          previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
      previous = current;
    }
    return previous[b.length];
  };
  // A fixed pseudo-random sequence: the same cases on every run.
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const word = () => Array.from({ length: next(9) }, () => "ab-c"[next(4)]).join("");
  for (let n = 0; n < 20_000; n++) {
    const a = word();
    const b = word();
    const max = next(6);
    assert.equal(editDistanceWithin(a, b, max), Math.min(full(a, b), max + 1), `${a} ${b} ${max}`);
  }
  assert.equal(editDistance("titel", "title"), 2);
  assert.equal(editDistanceWithin("install-on-linux", "instal-on-linux", 0), 1);
  assert.equal(closestName("Setup", ["settings", "setup"]), "setup");
  assert.equal(closestName("zz", ["a", "b"], 1), undefined);
});
