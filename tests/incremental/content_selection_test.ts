/**
 * Incremental == clean for what decides which content becomes the site: `build:
 * { render, list }` on a page and through a cascade, a `layout:` that goes missing
 * and comes back, two pages claiming one alias, `ignore` patterns and their
 * defaults, `urls.lowercase`. After every edit the session's output is the clean
 * build's, byte for byte, and so are its warnings; files the site ignores cost
 * no work at all.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  build,
  BuildError,
  type BuildReport,
  type Diagnostic,
  formatDiagnostic,
  SiteSession,
} from "../../mod.ts";
import { readTree, tempDir, writeSite } from "../support/tree.ts";
import { checkAgainstClean, reportErrors, type Tree } from "./harness.ts";

const page = (front: string, body = "Body.\n") => `---\n${front}\n---\n${body}`;
const config = (extra = "") =>
  `export default { title: "Selection", baseURL: "https://example.com/", paginate: 2${extra} };\n`;

const SITE: Record<string, string> = {
  "floe.config.ts": config(),
  "content/_index.md": page("title: Home"),
  "content/docs/_index.md": page("title: Docs"),
  "content/docs/a.md": page("title: Alpha\ndate: 2024-01-03\ntags: [x]\naliases: [/old-a/]"),
  "content/docs/b.md": page("title: Bravo\ndate: 2024-01-02\ntags: [x, y]\nmenu: main"),
  "content/docs/c.md": page("title: Charlie\ndate: 2024-01-01", "Charlie's body.\n"),
  "content/blog/p1.md": page("title: Post one\ndate: 2023-05-01\ntags: [y]"),
  "content/blog/p2.md": page("title: Post two\ndate: 2023-06-01"),
  "static/site.css": "body { margin: 0; }\n",
};

/** A file's new text, or `null` to delete it. */
type Edit = Readonly<Record<string, string | null>>;

interface Step {
  readonly name: string;
  readonly edit: Edit;
  /** Checks of the session's report beyond incremental == clean. */
  readonly check?: (report: BuildReport, out: string) => void;
}

const codes = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.severity === "warning").map((d) =>
    `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`
  ).sort();

const STEPS: readonly Step[] = [
  {
    name: "a page leaves the listings (build.list: false)",
    edit: {
      "content/docs/b.md": page(
        "title: Bravo\ndate: 2024-01-02\ntags: [x, y]\nmenu: main\nbuild: { list: false }",
      ),
    },
    check: (report) => assert.ok(report.written.includes("sitemap.xml")),
  },
  {
    name: "the page loses its output (build.render: false)",
    edit: {
      "content/docs/b.md": page(
        "title: Bravo\ndate: 2024-01-02\ntags: [x, y]\nmenu: main\nbuild: { render: false }",
      ),
    },
    check: (report) => assert.ok(report.removed.includes("docs/b/index.html")),
  },
  {
    name: "a headless page's body: nothing shows it",
    edit: {
      "content/docs/b.md": page(
        "title: Bravo\ndate: 2024-01-02\ntags: [x, y]\nmenu: main\nbuild: { render: false }",
        "A new body.\n",
      ),
    },
    check: (report) => assert.deepEqual(report.rendered, []),
  },
  {
    name: "the page is back",
    edit: { "content/docs/b.md": SITE["content/docs/b.md"] },
    check: (report) => assert.ok(report.written.includes("docs/b/index.html")),
  },
  {
    name: "a cascade takes a section's pages out of the listings",
    edit: { "content/docs/_index.md": page("title: Docs\ncascade:\n  build:\n    list: false") },
  },
  {
    name: "a folder of headless snippets, and no list page for it",
    edit: {
      "content/docs/_index.md": SITE["content/docs/_index.md"],
      "content/snippets/hero.md": page("title: Hero\nbuild: { render: false }"),
      "content/snippets/cta.md": page("title: Call\nbuild: { render: false }"),
    },
    check: (report) => assert.ok(!report.rendered.some((p) => p.startsWith("snippets/"))),
  },
  {
    name: "one snippet is rendered after all: the folder is a section again",
    edit: { "content/snippets/cta.md": page("title: Call") },
    check: (report) => assert.ok(report.written.includes("snippets/index.html")),
  },
  {
    name: "a layout that does not exist: a warning, and the usual layout",
    edit: { "content/docs/c.md": page("title: Charlie\ndate: 2024-01-01\nlayout: special") },
    check: (report) =>
      assert.deepEqual(
        codes(report.diagnostics).map((d) => d.replace(/:.*layout-missing/, " layout-missing")),
        [
          'content/docs/c.md layout-missing: layout "special.vto" does not exist; using _default/page.vto',
        ],
      ),
  },
  {
    name: "a body edit keeps the warning (the snapshot is patched)",
    edit: {
      "content/docs/c.md": page(
        "title: Charlie\ndate: 2024-01-01\nlayout: special",
        "Charlie's new body.\n",
      ),
    },
    check: (report) => assert.equal(codes(report.diagnostics).length, 1),
  },
  {
    name: "the layout is created",
    edit: { "layouts/special.vto": "<main class='special'>{{ page.title }}</main>\n" },
    check: (report) => assert.deepEqual(report.rendered, ["docs/c/index.html"]),
  },
  {
    name: "the layout is deleted again",
    edit: { "layouts/special.vto": null },
  },
  {
    name: "a second page claims an alias (it is first by path: it takes the alias)",
    edit: {
      "content/blog/p2.md": page(
        "title: Post two\ndate: 2023-06-01\nparams:\n  aliases: [/nested/]\naliases: [/old-a/]",
      ),
    },
    check: (report) => assert.ok(report.written.includes("old-a/index.html")),
  },
  {
    name: "the loser's aliases key moves down a line",
    edit: {
      "content/docs/a.md": page(
        "title: Alpha\ndate: 2024-01-03\ndescription: Moved.\ntags: [x]\naliases: [/old-a/]",
      ),
    },
  },
  {
    name: "the winner's aliases key moves down a line",
    edit: {
      "content/blog/p2.md": page(
        "title: Post two\ndate: 2023-06-01\ndescription: Moved too.\nparams:\n  aliases: [/nested/]\naliases: [/old-a/]",
      ),
    },
  },
  {
    name: "the second claim is dropped",
    edit: { "content/blog/p2.md": SITE["content/blog/p2.md"] },
  },
  {
    name: "files the site ignores by default: no work",
    edit: {
      "content/docs/a.md~": "backup",
      "content/docs/.a.md.swp": "swap",
      "content/docs/#a.md#": "autosave",
      "content/node_modules/pkg/readme.md": page("title: Readme"),
      "static/Thumbs.db": "thumbs",
    },
    check: (report) => {
      assert.equal(report.full, null);
      assert.deepEqual([report.rendered, report.written, report.removed], [[], [], []]);
    },
  },
  {
    name: "ignore patterns in the config take files and folders out",
    edit: {
      "floe.config.ts": config(`, ignore: ["blog/", "*.vue"]`),
      "content/docs/Widget.vue": "<template/>",
    },
    check: (report) => assert.ok(report.removed.includes("blog/p1/index.html")),
  },
  {
    name: "a file an ignore pattern names: no work",
    edit: { "content/docs/Other.vue": "<template/>", "content/blog/p3.md": page("title: P3") },
    check: (report) => assert.deepEqual([report.rendered, report.written], [[], []]),
  },
  {
    name: "the patterns go",
    edit: { "floe.config.ts": config(), "content/blog/p3.md": null },
  },
  {
    name: "a page named in upper case",
    edit: { "content/Guide/Format.md": page("title: Format"), "content/Guide/Img.PNG": "png" },
  },
  {
    name: "urls.lowercase",
    edit: { "floe.config.ts": config(", urls: { lowercase: true }") },
    check: (report) => assert.ok(report.written.includes("guide/format/index.html")),
  },
  {
    name: "a second file that collides once lower-cased: the build fails",
    edit: { "content/guide/format.md": page("title: Other format") },
  },
  {
    name: "renamed: the build is good again",
    edit: { "content/guide/format.md": null, "content/guide/formats.md": page("title: Formats") },
  },
  {
    name: "urls.lowercase off",
    edit: { "floe.config.ts": config() },
  },
];

/** A clean build of `root` (no cache) into `outDir`: its tree and warnings, or its errors. */
async function clean(root: string, outDir: string) {
  rmSync(outDir, { recursive: true, force: true });
  try {
    const result = await build({
      root,
      overrides: { outputDir: outDir, workers: 1 },
      cacheDir: false,
    });
    return {
      ok: true as const,
      tree: readTree(outDir),
      warnings: codes(result.warnings),
      formatted: result.warnings.map((d) => formatDiagnostic(d)),
    };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return { ok: false as const, errors: e.diagnostics.map((d) => d.message).join("\n") };
  }
}

function apply(root: string, edit: Edit): string[] {
  return Object.entries(edit).map(([path, text]) => {
    const abs = join(root, path);
    if (text === null) rmSync(abs, { force: true });
    else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    return abs;
  });
}

Deno.test("incremental == clean: build options, layout fallback, alias claims, ignore, lowercase URLs", async (t) => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  const cleanOut = join(dir.path, "clean");
  writeSite(root, SITE);
  const options = { root, overrides: { outputDir: out, workers: 1 } };
  let session = new SiteSession(options);
  let lastGood: Tree = new Map();
  try {
    const first = await session.build();
    assert.ok(first.ok, reportErrors(first));
    lastGood = readTree(out);
    for (const [i, step] of STEPS.entries()) {
      await t.step(step.name, async () => {
        // Every fifth step starts a new session: the disk cache alone.
        if (i % 5 === 4) {
          await session.close();
          session = new SiteSession(options);
        }
        const changed = apply(root, step.edit);
        const report = await session.build({ changed });
        const expected = await clean(root, cleanOut);
        lastGood = checkAgainstClean(
          report,
          out,
          expected.ok
            ? { ok: true, tree: expected.tree, warnings: expected.formatted }
            : { ok: false, errors: expected.errors },
          lastGood,
        );
        if (expected.ok) {
          assert.deepEqual(codes(report.diagnostics), expected.warnings, "warnings");
          step.check?.(report, out);
        } else assert.ok(!report.ok);
      });
    }
  } finally {
    await session.close();
  }
});
