/**
 * Plugins: each kind of contribution on the `plugins` fixture (its golden tree,
 * 1 and 3 workers, is checked by golden_test.ts), incremental builds equal to
 * clean ones when plugin inputs and plugin code change, per-build state reset
 * between the builds of one session, and a located diagnostic naming the plugin
 * for a failure at each stage.
 */
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, BuildError, type BuildReport, type Diagnostic, SiteSession } from "../mod.ts";
import { readTree, tempDir, writeSite } from "./support/tree.ts";
import { cleanBuild, reportErrors, treeDiff } from "./incremental/harness.ts";

const FIXTURE = new URL("./fixtures/plugins/site/", import.meta.url).pathname;
const MOD = new URL("../mod.ts", import.meta.url).href;
const decoder = new TextDecoder();

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), "utf8");
}

/** A copy of the fixture whose plugins import floe by absolute URL. */
function copyFixture(to: string): void {
  cpSync(FIXTURE, to, { recursive: true });
  for (
    const file of [
      "floe.config.ts",
      ...Deno.readDirSync(join(to, "plugins")).map((e) => `plugins/${e.name}`),
    ]
  ) {
    const path = join(to, file);
    writeFileSync(path, read(to, file).replace(/"(\.\.\/)+mod\.ts"/g, JSON.stringify(MOD)));
  }
}

Deno.test("plugins fixture: every kind of contribution shows in the output", async () => {
  using out = tempDir();
  const result = await build({
    root: FIXTURE,
    cacheDir: false,
    overrides: { outputDir: out.path },
  });
  assert.deepEqual(result.warnings, []);
  const first = read(out.path, "blog/first/index.html");
  // markdown-it plugin
  assert.match(first, /<abbr title="static site generator">SSG<\/abbr>/);
  // filter (with its per-build cache) and Vento tag
  assert.match(first, /<p class="shout">FIRST POST!<\/p>/);
  assert.match(first, /<p class="meta">2024 · 3 min<\/p>/, "computed minutes: 15 words at 5/min");
  // front matter wins over computed data
  assert.match(read(out.path, "blog/second/index.html"), /· 42 min/);
  // data loader
  assert.match(first, /<li>Ada \(editor\)<\/li><li>Linus \(writer\)<\/li>/);
  // site-wide output
  assert.deepEqual(JSON.parse(read(out.path, "stats/pages.json")), { blog: 2 });
  // feeds for another taxonomy: its terms have feeds, its terms label the items
  const news = read(out.path, "categories/news/index.xml");
  assert.match(news, /<title>news · Plugins fixture<\/title>/);
  assert.equal(news.match(/<item>/g)?.length, 2);
  assert.match(read(out.path, "index.xml"), /<category>releases<\/category>/);
  assert.doesNotMatch(read(out.path, "index.xml"), /<category>deno<\/category>/);
  // floe's other defaults are still there
  for (const path of ["sitemap.xml", "robots.txt", "search-index.json", "blog/atom.xml"]) {
    assert.ok(readTree(out.path).has(path), path);
  }
});

Deno.test("plugins: incremental builds equal clean builds as plugin inputs and code change", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  const out = join(dir.path, "out");
  const clean = join(dir.path, "clean");
  copyFixture(root);
  const session = new SiteSession({ root, overrides: { outputDir: out, workers: 2 } });
  const matchesClean = async (what: string) => {
    const expected = await cleanBuild(root, clean, 1);
    assert.ok(expected.ok, `${what}: the clean build failed`);
    const diff = treeDiff(readTree(out), expected.tree);
    assert.equal(diff, null, `${what}: incremental and clean builds differ: ${diff}`);
  };
  const step = async (what: string, edit: () => void): Promise<BuildReport> => {
    edit();
    const report = await session.build();
    assert.ok(report.ok, `${what}: ${reportErrors(report)}`);
    await matchesClean(what);
    return report;
  };
  try {
    assert.ok((await session.build()).ok);

    const csv = await step(
      "a CSV data file edited",
      () => writeFileSync(join(root, "data/team.csv"), "name,role\nAda,editor\nGrace,admiral\n"),
    );
    assert.ok(!csv.generated.includes("stats/pages.json"), "the page counts read no data");
    assert.match(read(out, "index.html"), /Grace \(admiral\)/);

    const body = await step("a page body edited (its computed minutes change)", () =>
      writeFileSync(
        join(root, "content/blog/first.md"),
        read(root, "content/blog/first.md").replace("ten.", `ten. ${"word ".repeat(40)}`),
      ));
    assert.match(read(out, "blog/first/index.html"), /· 11 min/);
    assert.ok(!body.generated.includes("stats/pages.json"), "a body edit leaves the counts");

    const added = await step("a page added in a new section", () =>
      writeSite(root, {
        "content/docs/_index.md": "---\ntitle: Docs\n---\n",
        "content/docs/start.md": "---\ntitle: Start\ncategories: [news]\n---\nStart here.\n",
      }));
    assert.ok(added.generated.includes("stats/pages.json"));
    assert.deepEqual(JSON.parse(read(out, "stats/pages.json")), { blog: 2, docs: 1 });
    assert.match(read(out, "categories/news/index.xml"), /<title>Start<\/title>/);

    // Plugin code run on the main thread (an output), in a module the config imports.
    await step("the output plugin's module edited", () =>
      writeFileSync(
        join(root, "plugins/page_count.ts"),
        read(root, "plugins/page_count.ts").replace("null, 2", "null, 1"),
      ));
    assert.equal(read(out, "stats/pages.json"), `{\n "blog": 2,\n "docs": 1\n}\n`);

    // Plugin code run in the render workers and the parse workers.
    await step("the filter plugin's and the Markdown plugin's modules edited", () => {
      writeFileSync(
        join(root, "plugins/shout.ts"),
        read(root, "plugins/shout.ts").replace("}!`", "}!!`"),
      );
      writeFileSync(
        join(root, "floe.config.ts"),
        read(root, "floe.config.ts").replace('SSG: "static site generator"', 'SSG: "site maker"'),
      );
    });
    assert.match(read(out, "blog/first/index.html"), /<p class="shout">FIRST POST!!<\/p>/);
    assert.match(read(out, "blog/first/index.html"), /<abbr title="site maker">/);
  } finally {
    await session.close();
  }
});

Deno.test("plugins: setup state lives for one build, in every thread", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": `
function counted(site) {
  const seen = site.setup(() => new Set());
  const made = site.setup(() => ({ outputs: 0 }));
  site.filter("firstTime", (value) => {
    const key = String(value);
    if (seen().has(key)) return "again";
    seen().add(key);
    return "first";
  });
  site.outputs(() => [{
    path: "made.txt",
    tracked: false,
    make: () => \`\${++made().outputs}\\n\`,
  }]);
}
export default { title: "Setup", plugins: [counted], workers: 1 };
`,
    "content/_index.md": "---\ntitle: Home\n---\nv1\n",
    "layouts/_default/base.vto": "{{ page.url |> firstTime }} {{ content }}\n",
  });
  const out = join(dir.path, "_site");
  const session = new SiteSession({ root: dir.path });
  try {
    for (const version of ["v1", "v2", "v3"]) {
      writeSite(dir.path, { "content/_index.md": `---\ntitle: Home\n---\n${version}\n` });
      const report = await session.build();
      assert.ok(report.ok, reportErrors(report));
      assert.ok(report.rendered.includes("index.html"), `${version}: the home was rendered`);
      const home = read(out, "index.html");
      assert.ok(home.startsWith("first ") && home.includes(`<p>${version}</p>`), home);
      assert.equal(read(out, "made.txt"), "1\n", `${version}: the main thread's state is new`);
    }
  } finally {
    await session.close();
  }
});

Deno.test("plugins: a session keeps what keep() made until something it read changes", async () => {
  using dir = tempDir();
  const page = (title: string) => `---\ntitle: ${title}\n---\nText of ${title}.\n`;
  writeSite(dir.path, {
    "floe.config.ts": `
function pieces(site) {
  const made = site.setup(() => ({ list: [] }));
  site.outputs(() => [
    {
      path: "pieces.txt",
      make: ({ views, keep }) =>
        views.site.pages.map((p) =>
          keep("piece:" + p.url, () => {
            made().list.push(p.url);
            return p.url + " " + p.title;
          })
        ).join("\\n") + "\\n",
    },
    { path: "made.txt", tracked: false, make: () => made().list.sort().join(",") + "\\n" },
  ]);
}
export default { title: "Keep", plugins: [pieces], workers: 1 };
`,
    "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
    "content/a.md": page("A"),
    "content/b.md": page("B"),
    "content/c.md": page("C"),
  });
  const out = join(dir.path, "_site");
  const session = new SiteSession({ root: dir.path });
  const step = async (files: Record<string, string>, made: string, ok = true) => {
    writeSite(dir.path, files);
    const report = await session.build();
    assert.equal(report.ok, ok, reportErrors(report));
    if (!ok) return;
    assert.equal(read(out, "made.txt"), `${made}\n`, JSON.stringify(files));
    // The rest is what a clean build makes (made.txt says what this build made).
    const clean = await cleanBuild(dir.path, join(dir.path, "clean"));
    assert.ok(clean.ok);
    const tree = readTree(out);
    for (const t of [tree, clean.tree]) t.delete("made.txt");
    assert.equal(treeDiff(tree, clean.tree), null, JSON.stringify(files));
  };
  try {
    await step({}, "/a/,/b/,/c/");
    await step({ "content/b.md": page("B2") }, "/b/");
    // Nothing it read changed: the output is not made at all.
    await step({ "content/c.md": `${page("C")}More text.\n` }, "");
    await step({ "content/d.md": page("D") }, "/d/");
    // A build that fails may have made pieces against pages it saw: none of them stays.
    await step(
      { "content/a.md": page("A2"), "content/e.md": "---\ntitle: [\n---\nBroken.\n" },
      "",
      false,
    );
    await step({ "content/a.md": page("A"), "content/e.md": page("E") }, "/a/,/b/,/c/,/d/,/e/");
  } finally {
    await session.close();
  }
});

/** Builds a one-page site whose config is `config`; the build's error diagnostics. */
async function failures(
  config: string,
  files: Record<string, string> = {},
): Promise<Diagnostic[]> {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": config,
    "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "layouts/_default/base.vto": "{{ content }}\n",
    ...files,
  });
  try {
    await build({ root: dir.path, cacheDir: false, overrides: { workers: 1 } });
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics.filter((d) => d.severity === "error");
    throw e;
  }
  throw new Error("the build succeeded");
}

/** A config whose one plugin, `broken`, has `body` (line 2 of the file is its first line). */
const pluginConfig = (body: string, more = "") =>
  `export default { plugins: [function broken(site) {\n${body}\n}], ${more} };\n`;

Deno.test("plugins: a failure at each stage is one located diagnostic naming the plugin", async (t) => {
  const cases: {
    name: string;
    config: string;
    files?: Record<string, string>;
    message: RegExp;
    file?: string;
    line?: number;
  }[] = [
    {
      name: "throws while registering",
      config: pluginConfig(`  throw new Error("cannot start");`),
      message: /^plugin "broken" failed while registering: cannot start$/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "listed without being called",
      config:
        `function stamp() { return function stamp(site) {}; }\nexport default { plugins: [stamp] };\n`,
      message:
        /plugin "stamp" failed while registering: it returned a function: list .*`stamp\(\)`/,
    },
    {
      name: "not a function",
      config: `export default { plugins: [{ name: "object" }] };\n`,
      message:
        /plugin "plugins\[0\]" failed while registering: a plugin is a function of the site, got an object/,
    },
    {
      name: "a setup hook throws",
      config: pluginConfig(`  site.setup(() => { throw new Error("no state"); });`),
      message: /^plugin "broken" failed in its setup hook: no state$/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "a filter throws on a page",
      config: pluginConfig(`  site.filter("bad", () => { throw new Error("filter broke"); });`),
      files: { "layouts/_default/base.vto": "{{ content |> bad }}\n" },
      message: /plugin "broken" failed on a page: filter broke \(rendering /,
      file: "layouts/_default/base.vto",
      line: 1,
    },
    {
      name: "computed data throws",
      config: pluginConfig(`  site.computed("x", () => { throw new Error("cannot compute"); });`),
      message: /plugin "broken" failed on content\/_index\.md: cannot compute \(computing "x"\)/,
      file: "content/_index.md",
    },
    {
      name: "computed data is not plain data",
      config: pluginConfig(`  site.computed("x", () => () => 1);`),
      message: /plugin "broken" failed on content\/_index\.md: .*could not be cloned/,
      file: "content/_index.md",
    },
    {
      name: "a data loader throws",
      config: pluginConfig(`  site.loader([".csv"], () => { throw new Error("bad row"); });`),
      files: { "data/people.csv": "a,b\n" },
      message: /plugin "broken" failed loading data\/people\.csv: bad row/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "an output's make throws",
      config: pluginConfig(
        `  site.outputs(() => [{ path: "x.txt", make: () => { throw new Error("no bytes"); } }]);`,
      ),
      message: /plugin "broken" failed making x\.txt: no bytes/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "an async make rejects",
      config: pluginConfig(
        `  site.outputs(() => [{ path: "x.txt", make: async () => { await null; throw new Error("later"); } }]);`,
      ),
      message: /plugin "broken" failed making x\.txt: later/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "an output's pieces stop with an error",
      config: pluginConfig(
        `  site.outputs(() => [{ path: "x.txt", make: async function* () { yield "a"; throw new Error("midway"); } }]);`,
      ),
      message: /plugin "broken" failed making x\.txt: midway/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "a piece is neither text nor bytes",
      config: pluginConfig(
        `  site.outputs(() => [{ path: "x.txt", make: async function* () { yield "a"; yield 42; } }]);`,
      ),
      message:
        /plugin "broken" failed making x\.txt: make\(\) gave a piece that is not a string or a Uint8Array: number/,
    },
    {
      name: "make returns neither text, bytes nor pieces",
      config: pluginConfig(`  site.outputs(() => [{ path: "x.txt", make: () => 42 }]);`),
      message:
        /plugin "broken" failed making x\.txt: make\(\) must return a string, a Uint8Array or an async iterable of them, got number/,
    },
    {
      name: "an output list is malformed",
      config: pluginConfig(`  site.outputs(() => [{ path: "x.txt" }]);`),
      message: /plugin "broken" failed making its list of outputs: an output is \{ path/,
    },
    {
      name: "throws only in a worker",
      config: pluginConfig(
        `  if (typeof WorkerGlobalScope !== "undefined") throw new Error("not here");\n  site.filter("x", (v) => v);`,
      ),
      message: /^plugin "broken" failed while registering: not here$/,
      file: "floe.config.ts",
      line: 2,
    },
    {
      name: "an output outside the output folder",
      config: pluginConfig(`  site.outputs(() => [{ path: "../x.txt", make: () => "x" }]);`),
      message:
        /plugin "broken" failed making its list of outputs: output path "\.\.\/x\.txt" is not a file inside the output folder/,
    },
    {
      name: "two outputs of one path",
      config: pluginConfig(
        `  site.outputs(() => [{ path: "a.txt", make: () => "1" }, { path: "a.txt", make: () => "2" }]);`,
      ),
      message: /^a\.txt is written by two outputs$/,
    },
    {
      name: "a loader for a type floe reads itself",
      config: pluginConfig(`  site.loader([".json"], (text) => text);`),
      message: /plugin "broken" failed while registering: floe reads \.json data files itself/,
    },
    {
      name: "a loader that returns a promise",
      config: pluginConfig(`  site.loader([".csv"], async (text) => text);`),
      files: { "data/people.csv": "a,b\n" },
      message: /plugin "broken" failed loading data\/people\.csv: a loader is synchronous/,
    },
    {
      name: "computed data of a floe key with the wrong type",
      config: pluginConfig(`  site.computed("date", () => "not a date");`),
      message: /plugin "broken" computed "date" is not a date/,
      file: "content/_index.md",
    },
    {
      name: "a markdown-it plugin throws when used",
      config: pluginConfig(`  site.markdown(() => { throw new Error("bad rule"); });`),
      message: /plugin "broken" failed while registering: bad rule/,
      file: "floe.config.ts",
      line: 2,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const errors = await failures(c.config, c.files);
      assert.equal(errors.length, 1, errors.map((d) => d.message).join("\n"));
      const [d] = errors;
      assert.match(d.message, c.message);
      if (c.file) assert.equal(d.file, c.file);
      if (c.line) assert.equal(d.line, c.line);
    });
  }
});

Deno.test("plugins: a plugin named like one of floe's replaces it; the switches turn defaults off", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": `
import { feeds } from ${JSON.stringify(MOD)};
function sitemap(site) {
  site.outputs(() => [{ path: "sitemap.xml", make: ({ allPages }) => allPages().length + "\\n" }]);
}
export default { baseURL: "https://example.org/", search: false, plugins: [sitemap, feeds({ sections: false })] };
`,
    "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "content/a.md": "---\ntitle: A\ntags: [x]\n---\nA.\n",
  });
  const out = join(dir.path, "_site");
  await build({ root: dir.path, cacheDir: false });
  const tree = readTree(out);
  assert.ok(/^\d+\n$/.test(decoder.decode(tree.get("sitemap.xml"))), "the site's sitemap");
  assert.ok(!tree.has("search-index.json"), "search: false");
  assert.ok(!tree.has("index.xml"), "no section feeds");
  assert.ok(tree.has("tags/x/index.xml") && tree.has("tags/x/atom.xml"), "term feeds");
  // robots.txt names the sitemap, whoever makes it.
  assert.match(
    decoder.decode(tree.get("robots.txt")),
    /Sitemap: https:\/\/example.org\/sitemap.xml/,
  );
});

Deno.test("plugins: a Markdown plugin or computed data that never ends is stopped and reported", async () => {
  const errors = await failures(
    pluginConfig(`  site.computed("x", () => { for (;;) {} });`, "renderTimeLimit: 1"),
  );
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "parse-timeout");
  assert.equal(errors[0].file, "content/_index.md");
  assert.match(errors[0].message, /parsing content\/_index\.md took more than 1 s/);
});

Deno.test("plugins: async filters are awaited; computed floe keys are normalized like front matter", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": `
function later(site) {
  site.filter("later", async (value) => { await null; return \`<\${value}>\`; });
  site.computed("date", () => "2024-01-05T10:00:00+02:00");
}
export default { plugins: [later] };
`,
    "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "layouts/_default/base.vto": "{{ page.title |> later }} {{ page.date }}\n",
  });
  await build({ root: dir.path, cacheDir: false });
  assert.equal(
    read(join(dir.path, "_site"), "index.html"),
    "&lt;Home&gt; 2024-01-05T10:00:00.000+02:00\n",
  );
});

Deno.test("plugins: an output's make may be async; its reads are recorded", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": `
function titles(site) {
  site.outputs(() => [{
    path: "titles.txt",
    make: async ({ views }) => {
      const lines = [];
      for (const page of views.site.pages) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lines.push(page.title);
      }
      return lines.sort().join("\\n") + "\\n";
    },
  }]);
}
export default { plugins: [titles] };
`,
    "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "content/a.md": "---\ntitle: A\n---\nA.\n",
    "content/b.md": "---\ntitle: B\n---\nB.\n",
  });
  const session = new SiteSession({ root: dir.path, overrides: { workers: 2 } });
  try {
    assert.ok((await session.build()).ok);
    assert.equal(read(join(dir.path, "_site"), "titles.txt"), "A\nB\n");
    writeFileSync(join(dir.path, "content/b.md"), "---\ntitle: C\n---\nB.\n");
    const edit = await session.build({ changed: [join(dir.path, "content/b.md")] });
    assert.ok(edit.written.includes("titles.txt"), "a title it read changed: made again");
    assert.equal(read(join(dir.path, "_site"), "titles.txt"), "A\nC\n");
    writeFileSync(join(dir.path, "content/b.md"), "---\ntitle: C\n---\nAnother body.\n");
    const body = await session.build({ changed: [join(dir.path, "content/b.md")] });
    assert.ok(!body.generated.includes("titles.txt"), "a body it did not read changed: left alone");
  } finally {
    await session.close();
  }
});

Deno.test("plugins: an output made in pieces is written as they come; its reads are recorded", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "floe.config.ts": `
function pieces(site) {
  site.outputs(() => [{
    path: "titles.txt",
    // Titles are read as the pieces are made, after make() has returned.
    make: async function* ({ views }) {
      for (const page of views.site.pages) yield page.title + "\\n";
      yield new TextEncoder().encode("end\\n");
    },
  }, {
    path: "fixed.txt",
    tracked: false,
    make: async function* () {
      yield "same ";
      yield "bytes\\n";
    },
  }]);
}
export default { plugins: [pieces] };
`,
    "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "content/a.md": "---\ntitle: A\n---\nA.\n",
    "content/b.md": "---\ntitle: B\n---\nB.\n",
  });
  const session = new SiteSession({ root: dir.path, overrides: { workers: 2 } });
  const out = join(dir.path, "_site");
  try {
    const first = await session.build();
    assert.ok(first.ok);
    assert.equal(read(out, "titles.txt"), "A\nB\nend\n");
    assert.equal(read(out, "fixed.txt"), "same bytes\n");
    assert.ok(first.written.includes("fixed.txt"));
    writeFileSync(join(dir.path, "content/b.md"), "---\ntitle: C\n---\nB.\n");
    const edit = await session.build({ changed: [join(dir.path, "content/b.md")] });
    assert.ok(edit.written.includes("titles.txt"), "a title it read changed: made again");
    assert.equal(read(out, "titles.txt"), "A\nC\nend\n");
    assert.ok(!edit.written.includes("fixed.txt"), "made again, the same bytes: not written");
    assert.equal(read(out, "fixed.txt"), "same bytes\n");
    writeFileSync(join(dir.path, "content/b.md"), "---\ntitle: C\n---\nAnother body.\n");
    const body = await session.build({ changed: [join(dir.path, "content/b.md")] });
    assert.ok(!body.generated.includes("titles.txt"), "a body it did not read changed: left alone");
    assert.equal(read(out, "titles.txt"), "A\nC\nend\n");
  } finally {
    await session.close();
  }
  const clean = await cleanBuild(dir.path, join(dir.path, "clean"));
  assert.ok(clean.ok);
  assert.equal(
    treeDiff(readTree(out), clean.tree),
    null,
    "the session's output is a clean build's",
  );
});
