/**
 * Which edits patch the last snapshot instead of building it anew (the edit
 * loop's fast path, see src/snapshot/patch_page.ts), and that either way the
 * output is what a clean build makes. A patched build has no `diff` phase: the
 * patch is its own list of changes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildReport, type BuildResult, SiteSession } from "../../mod.ts";
import { loadState } from "../../src/remember/store.ts";
import { readTree, tempDir, writeSite } from "../support/tree.ts";
import { cleanBuild, reportErrors, treeDiff } from "./harness.ts";

const page = (title: string, date: string, extra = "") =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [red]\n${extra}---\nThe text of ${title}.\n`;

const SITE: Record<string, string> = {
  "floe.config.ts": `export default { title: "Patch", baseURL: "https://example.com/" };\n`,
  "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
  "content/posts/_index.md": "---\ntitle: Posts\n---\nAll posts.\n",
  // Two pages on one day: their titles settle their order.
  "content/posts/a.md": page("Apple", "2024-01-02"),
  "content/posts/b.md": page("Banana", "2024-01-02"),
  "content/posts/c.md": page("Cherry", "2024-01-03", "author: Ann\n"),
  "content/posts/menu.md": page("In The Menu", "2024-01-04", "menu: main\n"),
  "content/posts/draft.md": page("Draft", "2024-01-05", "draft: true\n"),
  "content/guides/_index.md": "---\ntitle: Guides\ncascade:\n  kind: guide\n---\nGuides.\n",
  "content/guides/one.md": "---\ntitle: One\ndate: 2024-02-01\n---\nThe first guide.\n",
};

/** What an edit does to a file's text, and whether the snapshot may be patched. */
interface Case {
  readonly name: string;
  readonly file: string;
  readonly edit: (text: string) => string;
  readonly patched: boolean;
}

const CASES: readonly Case[] = [
  { name: "body", file: "posts/c.md", edit: (t) => `${t}\nMore.\n`, patched: true },
  {
    name: "title keeping its place (the newest page)",
    file: "posts/c.md",
    edit: (t) => t.replace("title: Cherry", "title: Cherry Pie"),
    patched: true,
  },
  {
    name: "custom param",
    file: "posts/c.md",
    edit: (t) => t.replace("author: Ann", "author: Bob"),
    patched: true,
  },
  {
    name: "description added (front matter grows a line)",
    file: "posts/c.md",
    edit: (t) => t.replace("author: Bob", "description: Sweet.\nauthor: Bob"),
    patched: true,
  },
  {
    name: "title that reorders two pages of one day",
    file: "posts/a.md",
    edit: (t) => t.replace("title: Apple", "title: Zucchini"),
    patched: false,
  },
  {
    name: "title of a page in a menu",
    file: "posts/menu.md",
    edit: (t) => t.replace("title: In The Menu", "title: Renamed In The Menu"),
    patched: false,
  },
  {
    name: "title removed (named after its file)",
    file: "posts/c.md",
    edit: (t) => t.replace("title: Cherry Pie\n", ""),
    patched: false,
  },
  {
    name: "date",
    file: "posts/b.md",
    edit: (t) => t.replace("2024-01-02", "2023-12-01"),
    patched: false,
  },
  {
    name: "tags",
    file: "posts/b.md",
    edit: (t) => t.replace("tags: [red]", "tags: [red, blue]"),
    patched: false,
  },
  {
    name: "title of a draft (no record to patch)",
    file: "posts/draft.md",
    edit: (t) => t.replace("title: Draft", "title: Draft Two"),
    patched: false,
  },
  {
    name: "draft published",
    file: "posts/draft.md",
    edit: (t) => t.replace("draft: true", "draft: false"),
    patched: false,
  },
  {
    name: "title of a section's list page",
    file: "posts/_index.md",
    edit: (t) => t.replace("title: Posts", "title: All Posts"),
    patched: false,
  },
  {
    name: "title of a page under a cascade",
    file: "guides/one.md",
    edit: (t) => t.replace("title: One", "title: The One"),
    patched: false,
  },
];

Deno.test("patched snapshots: the edits that can be patched are, and every edit builds what a clean build makes", async (t) => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  writeSite(root, SITE);
  const session = new SiteSession({ root, overrides: { outputDir: out, workers: 1 } });
  const first = await session.build();
  assert.ok(first.ok, reportErrors(first));
  try {
    for (const c of CASES) {
      await t.step(c.name, async () => {
        const abs = join(root, "content", c.file);
        const before = readFileSync(abs, "utf8");
        const after = c.edit(before);
        assert.notEqual(after, before, "the edit changes the file");
        writeFileSync(abs, after);
        const report: BuildReport = await session.build({ changed: [abs] });
        assert.ok(report.ok, reportErrors(report));
        assert.equal(report.full, null, "an incremental build");
        assert.equal(
          !("diff" in report.phases),
          c.patched,
          c.patched ? "the snapshot is patched" : "the snapshot is built anew",
        );
        const clean = await cleanBuild(root, join(dir.path, "clean"));
        assert.ok(clean.ok);
        assert.equal(treeDiff(readTree(out), clean.tree), null);
      });
    }
  } finally {
    await session.close();
  }
});

Deno.test("patched snapshots: other tools' syntax is warned about as a clean build warns, in a new process too", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeSite(root, SITE);
  const foreign = (r: BuildResult) =>
    r.warnings.filter((d) => d.code === "foreign-syntax").map((d) =>
      `${d.file}:${d.line} ${d.message} / ${d.hint}`
    );
  const edits: [string, (text: string) => string][] = [
    ["posts/a.md", (t) => `${t}\n{{< youtube abc >}}\n`],
    ["posts/b.md", (t) => `${t}\n{{< youtube def >}} and {% raw %}\n`],
    ["posts/a.md", (t) => t.replace("{{< youtube abc >}}", "no shortcode")],
    ["posts/b.md", (t) => t.replace(" and {% raw %}", "")],
    ["posts/b.md", (t) => t.replace("{{< youtube def >}}", "none either")],
  ];
  // Each build a process of its own: the last state comes from the cache folder.
  const first = await build({ root, overrides: { outputDir: join(dir.path, "out"), workers: 1 } });
  assert.deepEqual(foreign(first), []);
  for (const [file, edit] of edits) {
    const abs = join(root, "content", file);
    writeFileSync(abs, edit(readFileSync(abs, "utf8")));
    const report = await build({
      root,
      overrides: { outputDir: join(dir.path, "out"), workers: 1 },
    });
    assert.ok(!("diff" in report.phases), `${file}: the snapshot is patched`);
    const clean = await build({
      root,
      cacheDir: false,
      overrides: { outputDir: join(dir.path, "clean"), workers: 1 },
    });
    assert.deepEqual(foreign(report), foreign(clean), file);
  }
});

Deno.test("patched snapshots: a one-shot build stores its snapshot as the last one's bytes and its patches, which read back as a clean build's snapshot", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeSite(root, SITE);
  const options = { root, overrides: { outputDir: join(dir.path, "out"), workers: 1 } };
  const cache = join(root, ".floe-cache");
  await build(options);
  assert.deepEqual(loadState(cache)?.stored?.patches, [], "a full build serializes its snapshot");
  const abs = join(root, "content/posts/c.md");
  const base = readFileSync(abs, "utf8");
  // One more patch each build, until there are too many: then the snapshot is serialized anew.
  for (let i = 1; i <= 33; i++) {
    writeFileSync(abs, base.replace("title: Cherry", `title: Cherry ${i}`) + "More. ".repeat(i));
    const report = await build(options);
    assert.ok(!("diff" in report.phases), "the snapshot is patched");
    const state = loadState(cache)!;
    assert.equal(state.stored?.patches.length, i % 33, `build ${i}`);
    if (i > 3 && i < 32) continue;
    await build({ root, cacheDir: join(dir.path, "clean-cache"), overrides: options.overrides });
    const clean = loadState(join(dir.path, "clean-cache"))!.snapshot;
    rmSync(join(dir.path, "clean-cache"), { recursive: true });
    assert.deepEqual(state.snapshot, clean, `build ${i}: the snapshot read back`);
    assert.deepEqual(
      [...state.snapshot.pages.keys()],
      [...clean.pages.keys()],
      "in the same order",
    );
  }
});
