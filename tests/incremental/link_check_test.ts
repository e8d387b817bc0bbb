/**
 * The link check after an edit (src/build/link_check.ts): which pages it checks
 * again, and that its findings are always a clean build's — for an edit of a
 * page's text, of the ids its links point at, of lines that move a broken link
 * without changing the page, across a new process, and after a failed build
 * whose edits are undone.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BuildReport, formatDiagnostic, SiteSession } from "../../mod.ts";
import { loadState } from "../../src/remember/store.ts";
import { tempDir, writeSite } from "../support/tree.ts";
import { cleanBuild, reportErrors } from "./harness.ts";

const SITE: Record<string, string> = {
  "floe.config.ts": `export default { title: "Links", baseURL: "https://example.com/" };\n`,
  "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
  "content/docs/_index.md": "---\ntitle: Docs\n---\nThe docs.\n",
  // Links to two fragments of b: one there, one misspelt.
  "content/docs/a.md": "---\ntitle: A\n---\nFirst [set up](/docs/b/#setup).\n\n" +
    "Then [install](/docs/b/#instal).\n",
  "content/docs/b.md": "---\ntitle: B\n---\n## Setup\n\nSet up.\n\n## Install\n\nInstall.\n",
  "content/docs/c.md": "---\ntitle: C\n---\nPlain text, and [home](/).\n",
  "content/docs/d.md": "---\ntitle: D\n---\nSee [C](/docs/c/) and [setup](/docs/b/#setup).\n",
};

const A = "docs/a/index.html";
const C = "docs/c/index.html";
const D = "docs/d/index.html";

const union = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort();
const warnings = (report: BuildReport) => report.diagnostics.map((d) => formatDiagnostic(d));

/** A site, a session building it, and a clean build to hold each build to. */
function fixture(dir: string) {
  const root = join(dir, "site");
  const out = join(dir, "out");
  writeSite(root, SITE);
  const options = { root, overrides: { outputDir: out, workers: 1 } };
  let session = new SiteSession(options);
  const file = (name: string) => join(root, "content/docs", name);
  return {
    file,
    edit(name: string, change: (text: string) => string): string {
      const path = file(name);
      writeFileSync(path, change(readFileSync(path, "utf8")));
      return path;
    },
    /** A session build of `changed`, which must have the clean build's output and warnings. */
    async build(changed?: readonly string[]): Promise<BuildReport> {
      const report = await session.build({ changed });
      assert.ok(report.ok, reportErrors(report));
      const clean = await cleanBuild(root, join(dir, "clean"));
      assert.ok(clean.ok);
      assert.deepEqual(warnings(report), clean.warnings, "the clean build's warnings");
      return report;
    },
    static(name: string, text: string): string {
      const path = join(root, "static", name);
      writeSite(join(root, "static"), { [name]: text });
      return path;
    },
    session: () => session,
    async newSession(): Promise<void> {
      await session.close();
      session = new SiteSession(options);
    },
    close: () => session.close(),
  };
}

Deno.test("link check: an edit checks again the pages it rendered and those with broken links, and finds what a clean build finds", async (t) => {
  using dir = tempDir();
  const site = fixture(dir.path);
  try {
    const first = await site.build();
    await t.step("the first build checks every page", () => {
      assert.deepEqual(first.linksChecked, first.rendered);
      assert.deepEqual(warnings(first).map((w) => w.split("\n")[0]), [
        `content/docs/a.md:6:16: warning[broken-link]: broken link "/docs/b/#instal" ` +
        `(no element with id "instal" on /docs/b/)`,
      ]);
    });

    await t.step(
      "a body edit: the page rendered again, and the page with a broken link",
      async () => {
        const report = await site.build([site.edit("c.md", (t) => `${t}\nMore text.\n`)]);
        assert.ok(report.rendered.includes(C));
        assert.ok(!report.rendered.includes(A));
        assert.deepEqual(report.linksChecked, union(report.rendered, [A]));
      },
    );

    await t.step("nothing changed: no page is checked", async () => {
      const report = await site.build([]);
      assert.deepEqual(report.rendered, []);
      assert.deepEqual(report.linksChecked, []);
    });

    await t.step("a heading goes: the pages with fragment links into other pages too", async () => {
      const report = await site.build([site.edit("b.md", (t) => t.replace("## Setup\n", ""))]);
      assert.ok(!report.rendered.includes(D));
      assert.ok(report.linksChecked.includes(D), "d, without broken links, links to #setup of b");
      assert.ok(!report.linksChecked.includes(C), "c has no link to a fragment of another page");
      assert.equal(warnings(report).length, 3, "#setup is broken now, on a and d");
    });

    await t.step(
      "lines added above a broken link: the page is the same, its findings move",
      async () => {
        const report = await site.build([
          site.edit("a.md", (t) => t.replace("---\nFirst", "---\n\n\nFirst")),
        ]);
        assert.ok(!report.rendered.includes(A), "the same HTML");
        assert.deepEqual(report.rendered, []);
        assert.deepEqual(
          report.linksChecked,
          [A],
          "d has broken links too, but its file is the same",
        );
        assert.match(warnings(report)[0], /^content\/docs\/a\.md:6:16: /);
      },
    );

    await t.step("a new process checks what the session would", async () => {
      await site.newSession();
      const report = await site.build([site.edit("c.md", (t) => `${t}\nEven more.\n`)]);
      assert.equal(report.full, null);
      assert.deepEqual(
        report.linksChecked,
        union(report.rendered, [A, D]),
        "a and d have broken links",
      );
    });

    await t.step("a new page: every page is checked", async () => {
      writeFileSync(site.file("e.md"), "---\ntitle: E\n---\nNew.\n");
      const report = await site.build([site.file("e.md")]);
      assert.ok(report.linksChecked.includes(C));
      assert.ok(report.linksChecked.length > report.rendered.length);
    });
  } finally {
    await site.close();
  }
});

Deno.test("link check: a failed build's renders do not count once its edits are undone", async () => {
  using dir = tempDir();
  const site = fixture(dir.path);
  try {
    await site.build();
    const b = readFileSync(site.file("b.md"), "utf8");
    const d = readFileSync(site.file("d.md"), "utf8");
    // b loses #setup, and d breaks: the build renders b, then fails.
    const failed = await site.session().build({
      changed: [
        site.edit("b.md", (t) => t.replace("## Setup\n", "")),
        site.edit("d.md", (t) => t.replace("title: D", "title: [D")),
      ],
    });
    assert.ok(!failed.ok);
    // Both undone: b is as the output folder has it, and is not rendered again.
    // A new file makes the check one of every page, a against b's ids.
    writeFileSync(site.file("b.md"), b);
    writeFileSync(site.file("d.md"), d);
    const file = site.static("notes.txt", "Notes.\n");
    const report = await site.build([site.file("b.md"), site.file("d.md"), file]);
    assert.ok(!report.rendered.includes("docs/b/index.html"));
    assert.ok(report.linksChecked.includes(A));
    assert.equal(warnings(report).length, 1, "only #instal is broken");
  } finally {
    await site.close();
    rmSync(join(dir.path, "clean"), { recursive: true, force: true });
  }
});

Deno.test("link check: many broken links are checked again only on the pages concerned, while their suggestions stay within budget", async () => {
  using dir = tempDir();
  const site = fixture(dir.path);
  try {
    // Misspelt links into a big folder: each asks for a search of its siblings.
    const docs = Object.fromEntries(
      Array.from(
        { length: 250 },
        (_, i) => [`content/big/page-${i}.md`, "---\ntitle: P\n---\nP.\n"],
      ),
    );
    writeSite(join(dir.path, "site"), docs);
    const links = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `[${i}](/big/pgae-number-${from + i}/)`).join("\n\n");
    writeFileSync(site.file("many.md"), `---\ntitle: Many\n---\n${links(0, 170)}\n`);
    const first = await site.build();
    assert.equal(first.diagnostics.length, 171);
    const cost = async () => {
      await site.session().flush();
      const state = loadState(join(dir.path, "site/.floe-cache"))!;
      return [...state.linkSearches.values()].reduce((a, b) => a + b, 0);
    };
    const within = await cost();
    assert.ok(within > 25_000 && within <= 50_000, `${within}: within the budget, not twice`);
    let report = await site.build([site.edit("c.md", (t) => `${t}\nMore text.\n`)]);
    assert.ok(!report.linksChecked.includes(D), "the pages concerned only");
    // Searches enough for the budget to run out in a check of every page: every page is checked.
    writeFileSync(site.file("more.md"), `---\ntitle: More\n---\n${links(170, 60)}\n`);
    await site.build([site.file("more.md")]);
    const past = await cost();
    assert.ok(past > 50_000, `${past}: past the budget`);
    report = await site.build([site.edit("c.md", (t) => `${t}\nEven more.\n`)]);
    assert.ok(report.linksChecked.includes(D), "every page");
  } finally {
    await site.close();
  }
});
