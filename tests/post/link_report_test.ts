import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { linkReportJson, renderDiagnostics, renderLinkReport } from "../../src/cli/report.ts";
import { type Diagnostic, error, warning } from "../../src/errors/diagnostic.ts";
import { checkLinks, type ScannedPage } from "../../src/post/link_check.ts";
import { type BrokenLinkDiagnostic, LINK_CAUSES } from "../../src/post/link_diagnostic.ts";
import {
  count,
  EXAMPLES_PER_CAUSE,
  groupBrokenLinks,
  groupHint,
  linkSummary,
} from "../../src/post/link_report.ts";
import { SiteSession } from "../../mod.ts";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

/** A content page with its Markdown links on lines 5, 6, … and layout links after them. */
function page(
  slug: string,
  markdown: string[],
  layout: string[] = [],
  ids: string[] = [],
): ScannedPage {
  const hrefs = [...markdown, ...layout];
  return {
    outputPath: slug === "" ? "index.html" : `${slug}/index.html`,
    url: slug === "" ? "/" : `/${slug}/`,
    source: `content/${slug === "" ? "_index" : slug}.md`,
    sourceLinks: markdown.map((href, i) => ({ href, line: 5 + i })),
    hrefs,
    lines: hrefs.map((_, i) => 30 + i),
    ids,
    contentIds: ids,
  };
}

const FILES = new Set(["index.html", "docs/install/index.html", "img/logo.png"]);

/**
 * 5 pages: 7 missing pages (one of them in the layout of 3 pages), 2 missing
 * anchors, 1 case mismatch, 1 missing file.
 */
function brokenSite(severity: "warning" | "error" = "warning"): BrokenLinkDiagnostic[] {
  const layout = ["/blog/"]; // broken on every page that has the layout
  const pages = [
    page("", ["/docs/instal/", "/gone-a/"], layout),
    page("docs/install", ["/gone-b/", "#setp", "/Docs/Install/"], layout, ["setup"]),
    page("docs/one", ["/gone-c/", "/gone-d/", "/docs/install/#nope"], layout),
    page("docs/two", ["/img/none.png"]),
    page("docs/three", []),
  ];
  const files = new Set([...FILES, ...pages.map((p) => p.outputPath)]);
  return checkLinks({ pages, files, basePath: "/", siteOrigin: null, severity });
}

Deno.test("link report: grouped by cause, in a fixed order, with counts of links and pages", () => {
  const report = groupBrokenLinks(brokenSite())!;
  assert.equal(report.total, 12);
  assert.equal(report.pages, 4);
  assert.equal(report.severity, "warning");
  assert.deepEqual(
    report.groups.map((g) => [g.cause, g.links.length, g.pages]),
    [
      ["missing-page", 8, 3],
      ["missing-anchor", 2, 2],
      ["wrong-case", 1, 1],
      ["missing-file", 1, 1],
    ],
  );
  // The order of the causes is LINK_CAUSES', whatever the counts.
  const order = report.groups.map((g) => LINK_CAUSES.indexOf(g.cause));
  assert.deepEqual(order, [...order].sort((a, b) => a - b));
  assert.equal(groupBrokenLinks([]), null);
  // Other diagnostics are not broken links.
  const other = warning("data", "not a data file", { file: "data/x.txt" });
  assert.equal(groupBrokenLinks([other]), null);
  assert.equal(groupBrokenLinks([other, ...brokenSite()])!.total, 12);
  assert.equal(groupBrokenLinks(brokenSite("error"))!.severity, "error");
});

Deno.test("link report: examples are capped, the link broken on most pages first, then from other files", () => {
  const [missing] = groupBrokenLinks(brokenSite())!.groups;
  assert.equal(missing.examples.length, EXAMPLES_PER_CAUSE);
  assert.deepEqual(
    missing.examples.map((e) => [e.diagnostic.file, e.diagnostic.link.href, e.pages]),
    [
      // From the layout: on 3 pages, fixed once.
      ["content/_index.md", "/blog/", 3],
      // Then one per file: not /docs/instal/, also in content/_index.md.
      ["content/docs/install.md", "/gone-b/", 1],
      ["content/docs/one.md", "/gone-c/", 1],
    ],
  );
  const two = groupBrokenLinks(brokenSite(), 2)!.groups[0];
  assert.equal(two.examples.length, 2);
  assert.deepEqual(groupBrokenLinks(brokenSite(), 0)!.groups[0].examples, []);
});

Deno.test("link report: the default text — a header per cause, a few examples, a hint, one summary line", () => {
  const text = renderLinkReport(groupBrokenLinks(brokenSite())!);
  assert.equal(
    text,
    [
      "warning[broken-link]: 8 links to missing pages, on 3 pages",
      '  content/_index.md: "/blog/" (from the layout or raw HTML: index.html:32; broken on 3 pages)',
      '  content/docs/install.md:5: "/gone-b/"',
      '  content/docs/one.md:5: "/gone-c/"',
      "  … and 3 more (--verbose lists every one)",
      "  hint: no page has that URL: fix the path, or remove the link; a draft, or a page dated " +
      "in the future, is built only with --drafts or --future",
      "",
      "warning[broken-link]: 2 links to missing anchors, on 2 pages",
      '  content/docs/install.md:6: "#setp" → did you mean "#setup"?',
      '  content/docs/one.md:7: "/docs/install/#nope"',
      "  hint: the #fragment must be the id of a heading or other element of the target page; " +
      "a heading's id is the slug of its text (## Install on Linux → #install-on-linux)",
      "",
      "warning[broken-link]: 1 link whose URL differs from a page's only in case, on 1 page",
      '  content/docs/install.md:7: "/Docs/Install/" → did you mean "/docs/install/"?',
      // The page's URL has no capitals: lower-case URLs would not fix it.
      "  hint: URLs are case-sensitive on most web servers: write the link in the case of the " +
      "page's URL",
      "",
      "warning[broken-link]: 1 link to a file that is not published, on 1 page",
      '  content/docs/two.md:5: "/img/none.png"',
      "  hint: no output file has that path: files from static/ keep their path under the " +
      "base path, and files beside a page's Markdown are published only in a page bundle",
      "",
      "12 broken links on 4 pages: 8 missing pages, 2 missing anchors, 1 case mismatch, " +
      "1 missing file",
    ].join("\n"),
  );
});

Deno.test("link report: --verbose lists every broken link, located, once", () => {
  const diagnostics = brokenSite();
  const text = renderLinkReport(groupBrokenLinks(diagnostics)!, { verbose: true });
  const lines = text.split("\n").filter((l) => /^ {2}\S/.test(l) && !l.startsWith("  hint:"));
  assert.equal(lines.length, diagnostics.length);
  for (const d of diagnostics) {
    const where = d.line ? `${d.file}:${d.line}` : d.file;
    assert.ok(
      lines.some((l) => l.startsWith(`  ${where}: "${d.link.href}"`)),
      `${where} ${d.link.href} is listed`,
    );
  }
  assert.doesNotMatch(text, /more \(--verbose/);
  assert.match(text, /\n12 broken links on 4 pages: /);
});

Deno.test("link report: the summary line, with singulars and thousands separators", () => {
  const report = groupBrokenLinks(brokenSite())!;
  assert.equal(
    linkSummary(report),
    "12 broken links on 4 pages: 8 missing pages, 2 missing anchors, 1 case mismatch, 1 missing file",
  );
  const one = groupBrokenLinks(brokenSite().filter((d) => d.link.cause === "missing-file"))!;
  assert.equal(linkSummary(one), "1 broken link on 1 page: 1 missing file");
  assert.equal(count(4223), "4,223");
  assert.equal(count(1_250_000), "1,250,000");
  assert.equal(count(999), "999");
});

Deno.test("link report: urls.lowercase is suggested for case mismatches only when page URLs have capitals", () => {
  const pages = [page("", ["/docs/format/#x", "/Docs/Install/"])];
  const files = new Set(["index.html", "docs/Format/index.html", "docs/install/index.html"]);
  const diagnostics = checkLinks({
    pages,
    files,
    basePath: "/",
    siteOrigin: null,
    severity: "warning",
  });
  const [group] = groupBrokenLinks(diagnostics)!.groups;
  assert.equal(group.cause, "wrong-case");
  assert.match(groupHint(group), /`urls: \{ lowercase: true \}` in the config/);
  const lower = groupBrokenLinks(diagnostics.filter((d) => d.link.href === "/Docs/Install/"))!;
  assert.doesNotMatch(groupHint(lower.groups[0]), /lowercase/);
  // Other causes have their own hint.
  const [missing] = groupBrokenLinks(brokenSite())!.groups;
  assert.match(groupHint(missing), /^no page has that URL/);
});

Deno.test("link report: the JSON list has every broken link, with cause, location, href and suggestion", () => {
  const diagnostics: Diagnostic[] = [
    error("front-matter", "bad", { file: "content/z.md", line: 1 }),
    ...brokenSite(),
  ];
  const json = linkReportJson(diagnostics, true);
  // What a JSON file holds: nothing that does not survive stringify.
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  assert.equal(json.version, 1);
  assert.equal(json.ok, true);
  assert.equal(json.total, 12);
  assert.equal(json.pages, 4);
  assert.deepEqual(json.causes, {
    "missing-page": 8,
    "missing-anchor": 2,
    "wrong-case": 1,
    "missing-file": 1,
  });
  assert.equal(json.links.length, 12);
  assert.deepEqual(json.links[0], {
    cause: "missing-page",
    severity: "warning",
    file: "content/_index.md",
    line: null,
    column: null,
    href: "/blog/",
    suggestion: null,
    page: "/",
    origin: "layout",
    output: "index.html",
    outputLine: 32,
    message: 'broken link "/blog/" (no such page)',
    hint: "check the path; pages have URLs like /section/page/ (the link is not in the " +
      "Markdown: it is on line 32 of the output index.html, from the layout or raw HTML)",
  });
  const typo = json.links.find((l) => l.href === "/docs/instal/")!;
  assert.deepEqual(
    [typo.cause, typo.file, typo.line, typo.suggestion, typo.origin],
    ["missing-page", "content/_index.md", 5, "/docs/install/", "markdown"],
  );
  // Sorted by file, then line.
  const keys = json.links.map((l) => [l.file ?? "", l.line ?? 0] as const);
  const sorted = [...keys].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
  assert.deepEqual(keys, sorted);
  assert.deepEqual(linkReportJson([], false), {
    version: 1,
    ok: false,
    total: 0,
    pages: 0,
    causes: {},
    links: [],
  });
});

Deno.test("renderDiagnostics: other diagnostics as before, then the link report", async () => {
  using dir = tempDir();
  writeSite(dir.path, { "content/z.md": "---\ntitle: [\n---\n" });
  const diagnostics = [
    error("front-matter", "bad YAML", { file: "content/z.md", line: 2, column: 8 }),
    ...brokenSite(),
  ];
  const text = await renderDiagnostics(diagnostics, dir.path);
  assert.ok(
    text.startsWith(
      "content/z.md:2:8: error[front-matter]: bad YAML\n  2 | title: [\n    |        ^\n\n" +
        "warning[broken-link]: 8 links to missing pages, on 3 pages\n",
    ),
    text,
  );
  assert.ok(text.endsWith("\n\n" + linkSummary(groupBrokenLinks(diagnostics)!)));
  assert.equal(text.match(/broken-link/g)?.length, 4, "one header per cause");
  // Verbose: every link.
  const verbose = await renderDiagnostics(diagnostics, dir.path, { verbose: true });
  assert.match(verbose, /"\/gone-d\/"/);
  assert.doesNotMatch(text, /"\/gone-d\/"/);
  assert.equal(await renderDiagnostics(diagnostics, dir.path, { verbose: false }), text);
});

/** A site on floe's embedded theme with 16 broken links on 8 pages. */
function cliSite(root: string): void {
  const files: Record<string, string> = {
    "content/_index.md": "---\ntitle: Home\n---\n[Guide](/docs/guide/) [typo](/docs/gude/)\n",
    "content/docs/guide.md": [
      "---\ntitle: Guide\n---",
      "## Install on Linux",
      "Read [the install part](#instal-on-linux) and [search](#search-inpt),",
      "or [the main part](#mian).",
    ].join("\n\n") + "\n",
  };
  for (let i = 1; i <= 6; i++) {
    files[`content/docs/p${i}.md`] =
      `---\ntitle: P${i}\n---\n[gone](/gone-${i}/) [case](/Docs/Guide/)\n`;
  }
  writeSite(root, files);
}

Deno.test("cli: floe build prints the grouped link report; --verbose all; --link-report JSON; --strict fails", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  cliSite(site);

  const built = await runCli(["build", site, "--workers", "1"]);
  assert.equal(built.code, 0, built.stderr);
  const stderr = built.stderr;
  assert.match(stderr, /^warning\[broken-link\]: 7 links to missing pages, on 7 pages$/m);
  assert.match(stderr, /^warning\[broken-link\]: 3 links to missing anchors, on 1 page$/m);
  assert.match(
    stderr,
    /^warning\[broken-link\]: 6 links whose URL differs from a page's only in case, on 6 pages$/m,
  );
  assert.match(
    stderr,
    /^16 broken links on 8 pages: 7 missing pages, 3 missing anchors, 6 case mismatches$/m,
  );
  // At most three examples a cause, located in the Markdown, with the rest counted.
  const missing = stderr.slice(stderr.indexOf("missing pages, on"), stderr.indexOf("\n\n"));
  assert.equal(missing.match(/^ {2}content\//gm)?.length, 3, missing);
  assert.match(missing, /^ {2}… and 4 more \(--verbose lists every one\)$/m);
  assert.match(
    stderr,
    /^ {2}content\/_index\.md:4:30: "\/docs\/gude\/" → did you mean "\/docs\/guide\/"\?$/m,
  );
  assert.match(
    stderr,
    /"\/Docs\/Guide\/" → did you mean "\/docs\/guide\/"\? \(broken on 6 pages\)/,
  );
  // A content id is suggested; the theme's own ids, next to the misspelt ones, are not.
  const html = readFileSync(join(site, "_site/docs/guide/index.html"), "utf8");
  assert.match(html, /id="search-input"/);
  assert.match(html, /id="main"/);
  assert.match(stderr, /"#instal-on-linux" → did you mean "#install-on-linux"\?/);
  assert.match(stderr, /"#search-inpt"\n/);
  assert.match(stderr, /"#mian"\n/);
  assert.doesNotMatch(stderr, /search-input|"#main"/);
  assert.match(built.stdout, /· 16 warnings/);

  const verbose = await runCli(["build", site, "-v"]);
  assert.equal(verbose.code, 0, verbose.stderr);
  for (let i = 1; i <= 6; i++) {
    assert.match(verbose.stderr, new RegExp(`^  content/docs/p${i}\\.md:4:8: "/gone-${i}/"$`, "m"));
  }
  assert.doesNotMatch(verbose.stderr, /more \(--verbose/);
  assert.equal(verbose.stderr.match(/^ {2}content\//gm)?.length, 16);

  const reportFile = join(dir.path, "links.json");
  const strict = await runCli(["build", site, "--strict", "--link-report", reportFile]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /^error\[broken-link\]: 7 links to missing pages, on 7 pages$/m);
  assert.match(strict.stderr, /build failed with 16 errors/);
  const json = JSON.parse(readFileSync(reportFile, "utf8"));
  assert.equal(json.ok, false);
  assert.equal(json.total, 16);
  assert.equal(json.links.length, 16);
  assert.deepEqual(json.causes, { "missing-page": 7, "missing-anchor": 3, "wrong-case": 6 });
  const anchor = json.links.find((l: { href: string }) => l.href === "#instal-on-linux");
  assert.deepEqual(anchor, {
    cause: "missing-anchor",
    severity: "error",
    file: "content/docs/guide.md",
    line: 7,
    column: 25,
    href: "#instal-on-linux",
    suggestion: "#install-on-linux",
    page: "/docs/guide/",
    origin: "markdown",
    output: "docs/guide/index.html",
    outputLine: anchor.outputLine,
    message:
      'broken link "#instal-on-linux" (no element with id "instal-on-linux" on /docs/guide/)',
    hint: 'did you mean "#install-on-linux"?',
  });
  assert.ok(Number.isInteger(anchor.outputLine) && anchor.outputLine > 0);

  const unwritable = await runCli([
    "build",
    site,
    "--link-report",
    join(dir.path, "no-such-folder", "links.json"),
  ]);
  assert.equal(unwritable.code, 1);
  assert.match(unwritable.stderr, /error\[io\]: could not write the link report/);
});

Deno.test("cli: an href broken twice on a page is reported once, where it first is", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, {
    "content/a.md":
      "---\ntitle: A\n---\nFirst [gone](/nope/).\n\nAgain [gone](/nope/), [b](/b/).\n",
    "content/b.md": "---\ntitle: B\n---\nB.\n",
  });
  const built = await runCli(["build", site, "-v"]);
  assert.equal(built.code, 0, built.stderr);
  assert.equal(built.stderr.match(/"\/nope\/"/g)?.length, 1, built.stderr);
  assert.match(built.stderr, /^ {2}content\/a\.md:4:\d+: "\/nope\/"$/m);
});

Deno.test("session: each build's link check sees the pages as they are now, rendered again or kept", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeSite(root, {
    "content/a.md": "---\ntitle: A\n---\n[gone](/nope/)\n",
    "content/b.md": "---\ntitle: B\n---\nB.\n",
    "content/c.md": "---\ntitle: C\n---\n[later](/b/#later) and [a](/a/)\n",
  });
  const session = new SiteSession({ root, overrides: { workers: 1 } });
  const broken = async (changed: string[]) => {
    const report = await session.build({ changed });
    assert.ok(report.ok);
    return report.diagnostics
      .filter((d) => d.code === "broken-link")
      .map((d) => `${d.file}: ${/"[^"]*"/.exec(d.message)?.[0]}`)
      .sort();
  };
  try {
    assert.deepEqual(await broken([]), ['content/a.md: "/nope/"', 'content/c.md: "/b/#later"']);
    // b gets the anchor; c is not rendered again, and its kept scan now finds it.
    writeSite(root, { "content/b.md": "---\ntitle: B\n---\nB.\n\n## Later\n\nMore.\n" });
    assert.deepEqual(await broken([join(root, "content/b.md")]), ['content/a.md: "/nope/"']);
    writeSite(root, { "content/a.md": "---\ntitle: A\n---\n[b](/b/)\n" });
    assert.deepEqual(await broken([join(root, "content/a.md")]), []);
    // The page c links to goes: c's kept scan is checked against the outputs as they are.
    Deno.removeSync(join(root, "content/a.md"));
    assert.deepEqual(await broken([join(root, "content/a.md")]), ['content/c.md: "/a/"']);
  } finally {
    await session.close();
  }
});
