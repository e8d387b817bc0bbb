/**
 * Components in Markdown (`{{< name … >}}`): opt-in per site and per page, the
 * syntax left alone in code and when off, located errors, the same bytes for 1
 * and N workers, and incremental builds that re-render exactly the pages using
 * an edited component.
 *
 * The fixture (`fixtures/components/`) has no `site/` folder, so the golden test
 * leaves it alone: each test copies it and turns components on with `overrides`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, BuildError, type BuildReport, SiteSession } from "../mod.ts";
import type { Diagnostic } from "../src/errors/diagnostic.ts";
import { createMarkdown, renderMarkdown } from "../src/parse/markdown.ts";
import { DEFAULT_CONFIG } from "../src/config/config.ts";
import { assertSameTree, readTree, tempDir, writeSite } from "./support/tree.ts";
import { cleanBuild, reportErrors, treeDiff } from "./incremental/harness.ts";

const FIXTURE = new URL("./fixtures/components/", import.meta.url).pathname;
const ON = { markdown: { components: true } } as const;

/** A copy of the fixture in `dir`, with extra files. */
function site(dir: string, extra: Record<string, string> = {}): string {
  const root = join(dir, "site");
  cpSync(FIXTURE, root, { recursive: true });
  writeSite(root, extra);
  return root;
}

const page = (out: string, path: string) => readFileSync(join(out, path, "index.html"), "utf8");

/** The page's body as the default theme prints it. */
const content = (html: string) =>
  html.slice(html.indexOf('<div class="content">'), html.indexOf('<nav class="prev-next"'));

/** The diagnostics of a build that must fail. */
async function failure(root: string, out: string): Promise<readonly Diagnostic[]> {
  try {
    await build({ root, cacheDir: false, overrides: { ...ON, outputDir: out, workers: 1 } });
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics.filter((d) => d.severity === "error");
    throw e;
  }
  assert.fail("the build succeeded");
}

Deno.test("components on for the site: paired with Markdown inside, nested, inline, every prop type", async () => {
  using dir = tempDir();
  const out = join(dir.path, "out");
  const r = await build({
    root: site(dir.path),
    cacheDir: false,
    overrides: { ...ON, outputDir: out, workers: 1 },
  });
  const guide = content(page(out, "docs/guide"));
  assert.ok(!guide.includes("floe-component"), "every placeholder was replaced");
  // Inline, self-closing: inside the paragraph, the template's final newline dropped.
  assert.match(
    guide,
    /<p>Read this with care <i class="icon icon-star"><\/i> before you start\.<\/p>/,
  );
  // Paired: its props, and its Markdown rendered as blocks; a nested component
  // inside, which sees `page`.
  assert.match(
    guide,
    /<aside class="alert alert-warning"><p class="alert-title">Mind the gap<\/p>\n<p>Some <strong>Markdown<\/strong> inside, with a <a href="\/docs\/plain\/">link<\/a>\.<\/p>\n<div class="note" data-on="Guide">\n<p>A nested note\.<\/p>\n<\/div>\n<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>\n<\/aside>/,
  );
  // Props: text (escaped once when printed), numbers, booleans, a bare key; `site`.
  assert.match(
    guide,
    /<span class="badge" data-props="New &amp; &lt;b&gt;bold&lt;\/b&gt;\|string\|3\|number\|-0\.5\|true\|boolean\|false\|true\|boolean" data-site="Components">New &amp; &lt;b&gt;bold&lt;\/b&gt;<\/span>/,
  );
  // Code spans and fences keep the syntax as written.
  assert.ok(guide.includes("<code>{{&lt; alert &gt;}}</code>"));
  assert.ok(
    guide.includes(
      '<code class="hljs language-md">{{&lt; alert type=&quot;tip&quot; &gt;}}\nNot a component.\n{{&lt; /alert &gt;}}\n</code>',
    ),
  );
  assert.match(
    content(page(out, "docs/icons")),
    /<i class="icon icon-heart"><\/i> and <i class="icon icon-moon"><\/i>\./,
  );
  // Components are not reported as foreign syntax; the page that turned them off is.
  const foreign = r.warnings.filter((w) => w.code === "foreign-syntax");
  assert.deepEqual(foreign.map((w) => [w.file, w.line]), [["content/docs/off.md", 5]]);
});

Deno.test("components off (the default, or a page's components: false): the text stays literal, byte for byte", async () => {
  using dir = tempDir();
  const root = site(dir.path);
  const off = join(dir.path, "off");
  const on = join(dir.path, "on");
  const r = await build({ root, cacheDir: false, overrides: { outputDir: off, workers: 1 } });
  await build({ root, cacheDir: false, overrides: { ...ON, outputDir: on, workers: 1 } });
  const guide = content(page(off, "docs/guide"));
  assert.ok(!guide.includes("floe-component"));
  assert.ok(guide.includes("Read this with care {{&lt; icon name=&quot;star&quot; /&gt;}} before"));
  assert.ok(
    guide.includes(
      "<p>{{&lt; alert type=&quot;warning&quot; title=&quot;Mind the gap&quot; &gt;}}\nSome <strong>Markdown</strong>",
    ),
  );
  // The old warning stays where components are off.
  const foreign = r.warnings.filter((w) => w.code === "foreign-syntax");
  assert.equal(foreign.length, 1);
  assert.match(foreign[0].message, /^3 files use Hugo shortcodes/);
  // A page that turns components off on a site that has them on: the same bytes as
  // with components off everywhere; so is a page without any.
  for (const path of ["docs/off", "docs/plain"]) {
    assert.equal(page(on, path), page(off, path), path);
  }
  // The guide's literal text comes out exactly as markdown-it without the rules gives it.
  const text = readFileSync(join(root, "content/docs/guide.md"), "utf8").split("---\n").slice(2)
    .join("---\n");
  const md = createMarkdown(DEFAULT_CONFIG.markdown);
  const bare = createMarkdown(DEFAULT_CONFIG.markdown);
  bare.block.ruler.disable("floe_component");
  bare.inline.ruler.disable("floe_component");
  bare.core.ruler.disable("floe_components");
  assert.equal(
    renderMarkdown(md, text, 4, { title: "Guide" }).html,
    bare.render(text, { page: { title: "Guide" } }),
  );
  // A page may turn them on when the site has them off.
  const on1 = renderMarkdown(md, text, 4, { title: "Guide", components: true }).html;
  assert.match(
    on1,
    /<floe-component name="alert" props="\{&quot;type&quot;:&quot;warning&quot;,&quot;title&quot;:&quot;Mind the gap&quot;\}" line="6">/,
  );
});

Deno.test("a page turns components on for itself when the site has them off", async () => {
  using dir = tempDir();
  const out = join(dir.path, "out");
  const root = site(dir.path, {
    "content/docs/own.md":
      '---\ntitle: Own\ncomponents: true\n---\nSee {{< icon name="sun" />}}.\n',
  });
  await build({ root, cacheDir: false, overrides: { outputDir: out, workers: 1 } });
  assert.match(content(page(out, "docs/own")), /<p>See <i class="icon icon-sun"><\/i>\.<\/p>/);
  assert.ok(page(out, "docs/guide").includes("{{&lt; icon"), "other pages stay literal");
});

Deno.test("raw HTML <floe-component> on a page with components off is left alone", async () => {
  using dir = tempDir();
  const out = join(dir.path, "out");
  const raw =
    '<floe-component name="icon" props="{&quot;name&quot;:&quot;x&quot;}" line="1"></floe-component>';
  const root = site(dir.path, { "content/docs/raw.md": `---\ntitle: Raw\n---\n${raw}\n` });
  await build({ root, cacheDir: false, overrides: { outputDir: out, workers: 1 } });
  assert.ok(page(out, "docs/raw").includes(raw));
});

Deno.test("an unknown component is an error at the page line of its tag, naming the near one", async () => {
  using dir = tempDir();
  const root = site(dir.path, {
    "content/docs/typo.md":
      '---\ntitle: Typo\n---\nFirst.\n\n{{< alrt type="x" >}}\nInside.\n{{< /alrt >}}\n',
  });
  const errors = await failure(root, join(dir.path, "out"));
  assert.equal(errors.length, 1, JSON.stringify(errors));
  const [d] = errors;
  assert.equal(d.code, "component-missing");
  assert.equal(d.message, 'unknown component "alrt"');
  assert.equal(d.file, "content/docs/typo.md");
  assert.equal(d.line, 6);
  assert.match(d.hint!, /did you mean "alert"\?/);
  assert.match(d.hint!, /layouts\/components\/alrt\.vto/);
  assert.match(d.hint!, /alert, icon, note, ui\/badge/);
});

Deno.test("an unclosed tag and other malformed syntax fail the parse with file, line and column", async () => {
  using dir = tempDir();
  const root = site(dir.path, {
    "content/docs/unclosed.md":
      '---\ntitle: Unclosed\n---\nIntro.\n\n{{< alert type="tip" >}}\nNever closed.\n',
    "content/docs/badprop.md": "---\ntitle: Bad\n---\n  - item {{< icon name=star />}}\n",
    "content/docs/stray.md": "---\ntitle: Stray\n---\nText\n{{< /note >}}\n",
  });
  const errors = await failure(root, join(dir.path, "out"));
  const by = Object.fromEntries(errors.map((d) => [d.file, d]));
  assert.equal(errors.length, 3, JSON.stringify(errors));
  for (const d of errors) assert.equal(d.code, "component-syntax");
  const unclosed = by["content/docs/unclosed.md"];
  assert.deepEqual([unclosed.line, unclosed.column], [6, 1]);
  assert.equal(unclosed.message, "{{< alert >}} is not closed: expected {{< /alert >}}");
  assert.match(unclosed.hint!, /\{\{< \/alert >\}\}/);
  const bad = by["content/docs/badprop.md"];
  assert.deepEqual([bad.line, bad.column], [4, 24]);
  assert.match(bad.message, /expected a value for name: "text", a number, true or false, not star/);
  assert.equal(bad.hint, 'quote text: name="star"');
  const stray = by["content/docs/stray.md"];
  assert.deepEqual([stray.line, stray.column], [5, 1]);
  assert.match(stray.message, /closes nothing/);
});

Deno.test("an error inside a component's template is located in the component file", async () => {
  using dir = tempDir();
  const root = site(dir.path, {
    "layouts/components/broken.vto": "<p>\n{{ missing.field }}\n</p>\n",
    "content/docs/broken.md": "---\ntitle: Broken\n---\n{{< broken />}}\n",
  });
  const [d, ...rest] = await failure(root, join(dir.path, "out"));
  assert.equal(rest.length, 0);
  assert.equal(d.code, "template-runtime");
  assert.equal(d.file, "layouts/components/broken.vto");
  assert.equal(d.line, 2);
  assert.match(d.message, /rendering content\/docs\/broken\.md/);
});

Deno.test("components: 1 and 3 workers give the same bytes", async () => {
  using dir = tempDir();
  const root = site(dir.path);
  const one = join(dir.path, "one");
  const three = join(dir.path, "three");
  const a = await build({
    root,
    cacheDir: false,
    overrides: { ...ON, outputDir: one, workers: 1 },
  });
  const b = await build({
    root,
    cacheDir: false,
    overrides: { ...ON, outputDir: three, workers: 3 },
  });
  assert.equal(a.workers, 1);
  assert.equal(b.workers, 3);
  assertSameTree(three, one);
  assert.ok(readFileSync(join(one, "docs/guide/index.html"), "utf8").includes("alert-warning"));
});

Deno.test("incremental: editing a component re-renders exactly the pages that use it", async (t) => {
  using dir = tempDir();
  const root = site(dir.path);
  writeFileSync(
    join(root, "floe.config.ts"),
    `export default { title: "Components", baseURL: "https://example.com/", markdown: { components: true } };\n`,
  );
  const out = join(dir.path, "out");
  const session = new SiteSession({ root, overrides: { outputDir: out, workers: 1 } });
  const rebuild = async (changed: string[]): Promise<BuildReport> => {
    const report = await session.build({ changed });
    assert.ok(report.ok, reportErrors(report));
    assert.equal(report.full, null, `an incremental build was a full one: ${report.full}`);
    return report;
  };
  const edit = (path: string, text: string) => {
    writeFileSync(join(root, path), text);
    return join(root, path);
  };
  try {
    await t.step("first build", async () => {
      const report = await session.build();
      assert.ok(report.ok, reportErrors(report));
    });
    await t.step("alert.vto: the guide only (the one page using it)", async () => {
      const changed = edit(
        "layouts/components/alert.vto",
        '<aside class="alert callout-{{ type }}">{{ content }}</aside>\n',
      );
      const report = await rebuild([changed]);
      assert.deepEqual([...report.rendered].sort(), ["docs/guide/index.html"]);
      assert.ok(page(out, "docs/guide").includes('<aside class="alert callout-warning">'));
    });
    await t.step("icon.vto: the guide and the icons page", async () => {
      const changed = edit("layouts/components/icon.vto", '<i class="i-{{ name }}"></i>\n');
      const report = await rebuild([changed]);
      assert.deepEqual([...report.rendered].sort(), [
        "docs/guide/index.html",
        "docs/icons/index.html",
      ]);
    });
    await t.step("a nested component (note.vto): the guide", async () => {
      const changed = edit("layouts/components/note.vto", '<div class="n">{{ content }}</div>\n');
      const report = await rebuild([changed]);
      assert.deepEqual(report.rendered, ["docs/guide/index.html"]);
    });
    await t.step("the same output as a clean build", async () => {
      const clean = await cleanBuild(root, join(dir.path, "clean"));
      assert.ok(clean.ok, clean.ok ? "" : clean.errors);
      assert.equal(treeDiff(readTree(out), clean.tree), null);
    });
  } finally {
    await session.close();
  }
});
