/**
 * Exact render counts (like Hugo's hugolib/rebuild_test.go): on a small
 * hand-written site with the default theme, each edit re-renders exactly the
 * outputs that show what changed — no fewer (that would be stale output), no more.
 *
 * The site: `posts/` with five dated pages, each with a `description` (so
 * listings show it, not the excerpt) and tags; `about.md` at the top (listed by
 * the home only); two data files, one read by a layout, one read by nothing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type BuildReport, SiteSession } from "../../mod.ts";
import { readTree, tempDir, writeSite } from "../support/tree.ts";
import { cleanBuild, reportErrors, treeDiff } from "./harness.ts";

const POSTS = ["alpha", "bravo", "charlie", "delta", "echo"] as const;
const TAGS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  alpha: ["red"],
  bravo: ["red", "blue"],
  charlie: ["blue", "green"],
  delta: ["green"],
  echo: ["red"],
});

function post(name: string, extra = "", tags = TAGS[name]): string {
  const title = `${name[0].toUpperCase()}${name.slice(1)} Post`;
  const day = POSTS.indexOf(name as typeof POSTS[number]) + 1;
  return `---
title: ${title}
date: 2024-01-0${day}
description: All about ${name}, in one line.
tags: [${tags.join(", ")}]
---
The first paragraph of ${name}.

The second paragraph of ${name}.
${extra}`;
}

const SITE: Record<string, string> = {
  "floe.config.ts":
    `export default { title: "Counts", baseURL: "https://example.com/", paginate: 10 };\n`,
  "content/_index.md": "---\ntitle: Home\n---\nWelcome home.\n",
  "content/about.md": "---\ntitle: About Counts\n---\nWhat this site is about.\n",
  "content/posts/_index.md": "---\ntitle: Posts\ndescription: Every post.\n---\nAll the posts.\n",
  ...Object.fromEntries(POSTS.map((name) => [`content/posts/${name}.md`, post(name)])),
  "data/motto.yaml": "text: Fast and right\n",
  "data/unused.yaml": "nobody: reads this\n",
  "static/style.css": "body { margin: 0; }\n",
};

const POSTS_LAYOUT = (mark: string) =>
  `---
layout: _default/base.vto
---
<article class="post ${mark}">
<h1>{{ page.title }}</h1>
<p class="motto">{{ data.motto.text }}</p>
{{ content }}
</article>
`;

const html = (name: string) => `posts/${name}/index.html`;
const sorted = (list: Iterable<string>) => [...list].sort();

/** Output pages (not site-wide files) whose text contains `needle`. */
function pagesShowing(outDir: string, needle: string): string[] {
  return sorted(
    [...readTree(outDir)]
      .filter(([path, bytes]) =>
        path.endsWith(".html") && new TextDecoder().decode(bytes).includes(needle)
      )
      .map(([path]) => path),
  );
}

/** Where the default theme links a page's prev/next neighbours, from its own output. */
function neighbours(outDir: string, name: string): string[] {
  const text = readFileSync(join(outDir, html(name)), "utf8");
  return [...text.matchAll(/rel="(?:prev|next)" href="\/posts\/([a-z]+)\/"/g)].map((m) =>
    html(m[1])
  );
}

function mtimes(outDir: string): Map<string, number> {
  return new Map([...readTree(outDir).keys()].map((p) => [p, statSync(join(outDir, p)).mtimeMs]));
}

function assertOk(report: BuildReport): void {
  assert.ok(report.ok, `the build failed:\n${reportErrors(report)}`);
}

/** Edits a file so its size changes too (no reliance on mtime resolution). */
function edit(root: string, path: string, text: string): string {
  const abs = join(root, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}

Deno.test("render counts: each edit re-renders exactly what shows it", async (t) => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  const cleanOut = join(dir.path, "clean");
  writeSite(root, SITE);
  const options = { root, overrides: { outputDir: out, workers: 1 } };
  let session = new SiteSession(options);

  /** Builds; the output is compared with a clean build once, at the end. */
  const rebuild = async (changed: string[]): Promise<BuildReport> => {
    const report = await session.build({ changed });
    assertOk(report);
    return report;
  };
  const assertIncremental = (report: BuildReport) =>
    assert.equal(report.full, null, `an incremental build was a full one: ${report.full}`);

  try {
    await t.step("first build: everything, a full build", async () => {
      const report = await rebuild([]);
      assert.notEqual(report.full, null);
      assert.ok(report.rendered.includes(html("charlie")));
      // The page order the expectations below rely on: by date, so charlie sits between two.
      assert.equal(neighbours(out, "charlie").length, 2, "charlie has a prev and a next");
    });

    await t.step("no change: nothing rendered, written or removed", async () => {
      const report = await rebuild([]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, []);
      assert.deepEqual(report.written, []);
      assert.deepEqual(report.removed, []);
    });

    await t.step(
      "no change, a new session (a new process, the disk cache): nothing either",
      async () => {
        // The first session ends (it may write its cache as it closes); a new one
        // starts from the disk cache alone and goes on with the edits below.
        await session.close();
        session = new SiteSession(options);
        const report = await session.build();
        assertOk(report);
        assert.equal(report.full, null, `a full build: ${report.full}`);
        assert.deepEqual(report.rendered, []);
        assert.deepEqual(report.written, []);
        assert.deepEqual(report.removed, []);
      },
    );

    await t.step(
      "body edit (first paragraph kept): only that page; only changed bytes written",
      async () => {
        const before = readTree(out);
        const times = mtimes(out);
        await new Promise((r) => setTimeout(r, 20)); // a rewrite would show in the mtime
        const changed = edit(
          root,
          "content/posts/charlie.md",
          post("charlie", "\nA third paragraph, added.\n"),
        );
        const report = await rebuild([changed]);
        assertIncremental(report);
        assert.deepEqual(report.rendered, [html("charlie")]);
        const after = readTree(out);
        const changedBytes = sorted(
          [...after].filter(([p, b]) => !before.has(p) || Buffer.compare(before.get(p)!, b) !== 0)
            .map(([p]) => p),
        );
        assert.deepEqual(
          changedBytes.filter((p) => p.endsWith(".html")),
          [html("charlie")],
          "only the page's own output changed",
        );
        const touched = sorted(
          [...mtimes(out)].filter(([p, m]) => times.get(p) !== m).map(([p]) => p),
        );
        assert.deepEqual(touched, changedBytes, "files written = files whose bytes changed");
        assert.deepEqual(
          report.written,
          changedBytes,
          "report.written = files whose bytes changed",
        );
        assert.deepEqual(report.removed, []);
      },
    );

    await t.step(
      "title edit: the page, its prev and next, its section list, its term pages",
      async () => {
        const shown = pagesShowing(out, "Charlie Post");
        const expected = sorted([
          html("charlie"),
          ...neighbours(out, "charlie"),
          "posts/index.html",
          "tags/blue/index.html",
          "tags/green/index.html",
        ]);
        // The default theme shows the title exactly there (the home lists only about.md).
        assert.deepEqual(shown, expected);
        const changed = edit(
          root,
          "content/posts/charlie.md",
          post("charlie", "\nA third paragraph, added.\n").replace(
            "title: Charlie Post",
            "title: Charlie Post, renamed",
          ),
        );
        const report = await rebuild([changed]);
        assertIncremental(report);
        assert.deepEqual(report.rendered, expected);
      },
    );

    await t.step(
      "title edit of a top-level page: the page and the home that lists it",
      async () => {
        assert.deepEqual(pagesShowing(out, "About Counts"), ["about/index.html", "index.html"]);
        const changed = edit(
          root,
          "content/about.md",
          "---\ntitle: About these Counts\n---\nWhat this site is about.\n",
        );
        const report = await rebuild([changed]);
        assertIncremental(report);
        assert.deepEqual(report.rendered, ["about/index.html", "index.html"]);
      },
    );

    await t.step("a new tag: the page, the new term page, the taxonomy list", async () => {
      const changed = edit(root, "content/posts/delta.md", post("delta", "", ["green", "fresh"]));
      const report = await rebuild([changed]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, [
        html("delta"),
        "tags/fresh/index.html",
        "tags/index.html",
      ]);
    });

    const postsPages = sorted(POSTS.map(html));

    await t.step("a new section layout: exactly the pages of that section", async () => {
      const changed = edit(root, "layouts/posts/page.vto", POSTS_LAYOUT("v1"));
      const report = await rebuild([changed]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, postsPages);
    });

    await t.step("editing that layout: exactly the pages using it", async () => {
      const changed = edit(root, "layouts/posts/page.vto", POSTS_LAYOUT("v2 edited"));
      const report = await rebuild([changed]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, postsPages);
    });

    await t.step("editing a data file one layout reads: exactly the pages using it", async () => {
      const changed = edit(root, "data/motto.yaml", "text: Fast, right and small\n");
      const report = await rebuild([changed]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, postsPages);
    });

    await t.step("editing a data file nothing reads: nothing", async () => {
      const changed = edit(root, "data/unused.yaml", "nobody: reads this, still\n");
      const report = await rebuild([changed]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, []);
      assert.deepEqual(report.written, []);
    });

    await t.step("editing a static file: only its copy is written", async () => {
      const changed = edit(root, "static/style.css", "body { margin: 0 auto; }\n");
      const report = await rebuild([changed]);
      assertIncremental(report);
      assert.deepEqual(report.rendered, []);
      assert.deepEqual(report.written, ["style.css"]);
    });

    await t.step("after all that, the output is the clean build's", async () => {
      // One clean build only: under `deno test` each one-shot build's workers are
      // type-checked as they start (seconds); the property tests compare every step.
      const clean = await cleanBuild(root, cleanOut);
      assert.ok(clean.ok, clean.ok ? "" : clean.errors);
      const diff = treeDiff(readTree(out), clean.tree);
      assert.equal(diff, null, `incremental output differs from the clean build:\n${diff}`);
    });
  } finally {
    await session.close();
  }
});

/**
 * A build that stops after parsing (an error elsewhere, or a cancel) must not
 * become the baseline the next build diffs against: the edit it saw is still
 * to be rendered.
 */
Deno.test("an edit seen by a failed or cancelled build still shows in the next good build", async (t) => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  writeSite(root, SITE);
  let onRender: (() => void) | null = null;
  const session = new SiteSession({
    root,
    overrides: { outputDir: out, workers: 1 },
    onProgress: (p) => {
      if (p.phase === "render") onRender?.();
    },
  });
  const matchesClean = async () => {
    const clean = await cleanBuild(root, join(dir.path, "clean"));
    assert.ok(clean.ok, clean.ok ? "" : clean.errors);
    const diff = treeDiff(readTree(out), clean.tree);
    assert.equal(diff, null, `incremental output differs from the clean build:\n${diff}`);
  };
  try {
    assertOk(await session.build());

    await t.step("a title edited while another page is broken, then the fix", async () => {
      const broken = edit(root, "content/posts/alpha.md", "---\ntitle: [oops\n---\n");
      const renamed = edit(
        root,
        "content/posts/charlie.md",
        post("charlie").replace("title: Charlie Post", "title: Charlie While Broken"),
      );
      const failed = await session.build({ changed: [broken, renamed] });
      assert.equal(failed.ok, false, "the broken front matter fails the build");
      const fixed = edit(root, "content/posts/alpha.md", post("alpha"));
      assertOk(await session.build({ changed: [fixed] }));
      await matchesClean();
    });

    await t.step(
      "a title edit whose build is cancelled as rendering starts, built again",
      async () => {
        const renamed = edit(
          root,
          "content/posts/delta.md",
          post("delta").replace("title: Delta Post", "title: Delta Cancelled Once"),
        );
        const controller = new AbortController();
        onRender = () => controller.abort();
        const cancelled = await session.build({ changed: [renamed], signal: controller.signal });
        onRender = null;
        assert.ok(cancelled.cancelled, "the build was cancelled");
        assertOk(await session.build());
        await matchesClean();
      },
    );
  } finally {
    await session.close();
  }
});
