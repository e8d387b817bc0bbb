/**
 * The worked example of site/content/docs/plugins.md, built for real: every
 * fenced TypeScript block whose first line names its file (`// plugins/csv.ts`)
 * is written into a site with a small content folder, floe's `jsr:@floe/floe`
 * imports pointed at this repository's mod.ts, and the output must show each
 * plugin's effect — so the page cannot drift from what floe does.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, SiteSession } from "../mod.ts";
import { tempDir, writeSite } from "./support/tree.ts";
import { reportErrors } from "./incremental/harness.ts";

const PAGE = new URL("../site/content/docs/plugins.md", import.meta.url);
const MOD = new URL("../mod.ts", import.meta.url).href;

/** The files the page's example is made of, in the order the page shows them. */
const EXAMPLE_FILES = [
  "plugins/external_links.ts",
  "plugins/title_case.ts",
  "plugins/llms_txt.ts",
  "plugins/csv.ts",
  "plugins/first_image.ts",
  "floe.config.ts",
];

/** Fenced `ts` blocks whose first line is `// <path>.ts`, by that path, floe imported from here. */
function exampleFiles(markdown: string): Record<string, string> {
  const files: Record<string, string> = {};
  const fence = /^```ts\n\/\/ ([\w./-]+\.ts)\n([\s\S]*?)^```$/gm;
  for (const [, path, code] of markdown.matchAll(fence)) {
    assert.ok(!(path in files), `${path} is shown twice`);
    files[path] = `// ${path}\n${code}`.replaceAll('"jsr:@floe/floe"', JSON.stringify(MOD));
  }
  return files;
}

const POST = `---
title: a guide to the plugins
description: How plugins work.
---
Read [Deno's manual](https://docs.deno.com/) and [the notes](/notes/).

![A map](/img/map.png)
`;

/** A small site around the example: a post, a CSV file and a layout using what the plugins add. */
function writeExample(root: string): void {
  const files = exampleFiles(readFileSync(PAGE, "utf8"));
  assert.deepEqual(Object.keys(files), EXAMPLE_FILES);
  for (const [path, code] of Object.entries(files)) {
    assert.doesNotMatch(code, /jsr:/, `${path} imports something this test cannot rewrite`);
  }
  writeSite(root, {
    ...files,
    "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "content/notes/_index.md": "---\ntitle: Notes\n---\n",
    "content/notes/a-guide-to-the-plugins.md": POST,
    "data/team.csv": "name,role\nAda,editor\nLinus,writer\n",
    "static/img/map.png": "not really a PNG",
    "layouts/_default/base.vto": [
      "<h1>{{ page.title |> titleCase }}</h1>",
      "<p class=image>{{ page.params.image }}</p>",
      "{{ content }}",
      "<ul>{{ for person of data.team }}<li>{{ person.name }} ({{ person.role }})</li>{{ /for }}</ul>",
      "",
    ].join("\n"),
  });
}

const LLMS_TXT = `# Field notes

> Notes from the field.

- [a guide to the plugins](https://example.org/notes/a-guide-to-the-plugins/): How plugins work.
`;

Deno.test("docs/plugins.md: the worked example builds and every plugin shows in the output", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeExample(root);
  const result = await build({ root, cacheDir: false, overrides: { workers: 2 } });
  assert.deepEqual(result.warnings, []);
  const out = join(root, "_site");
  const post = readFileSync(join(out, "notes/a-guide-to-the-plugins/index.html"), "utf8");
  // The markdown-it plugin: external links only.
  assert.match(
    post,
    /<a href="https:\/\/docs\.deno\.com\/" rel="external noopener" target="_blank">Deno's manual<\/a>/,
  );
  assert.match(post, /<a href="\/notes\/">the notes<\/a>/);
  // The filter, with its per-build cache.
  assert.match(post, /<h1>A Guide to the Plugins<\/h1>/);
  // Computed data.
  assert.match(post, /<p class=image>\/img\/map\.png<\/p>/);
  // The data loader.
  assert.match(post, /<li>Ada \(editor\)<\/li><li>Linus \(writer\)<\/li>/);
  // The site-wide output.
  assert.equal(readFileSync(join(out, "llms.txt"), "utf8"), LLMS_TXT);
});

Deno.test("docs/plugins.md: the example's files type-check against mod.ts", async () => {
  using dir = tempDir();
  writeExample(dir.path);
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["check", ...EXAMPLE_FILES.map((path) => join(dir.path, path))],
    cwd: new URL("..", import.meta.url).pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
});

Deno.test("docs/plugins.md: llms.txt is made again when what it read changed, not for a body edit", async () => {
  using dir = tempDir();
  const root = join(dir.path, "site");
  writeExample(root);
  const post = join(root, "content/notes/a-guide-to-the-plugins.md");
  const session = new SiteSession({ root, cacheDir: false, overrides: { workers: 1 } });
  const step = async (edit: string) => {
    writeSite(root, { "content/notes/a-guide-to-the-plugins.md": edit });
    const report = await session.build();
    assert.ok(report.ok, reportErrors(report));
    return report;
  };
  try {
    const first = await session.build();
    assert.ok(first.ok, reportErrors(first));
    assert.ok(first.generated.includes("llms.txt"));

    const body = await step(POST.replace("Read", "Do read"));
    assert.ok(body.rendered.includes("notes/a-guide-to-the-plugins/index.html"));
    assert.ok(!body.generated.includes("llms.txt"), "a body edit leaves llms.txt alone");

    const described = await step(readFileSync(post, "utf8").replace("work.", "work, in short."));
    assert.ok(described.generated.includes("llms.txt"), "a description edit makes it again");
    assert.match(
      readFileSync(join(root, "_site/llms.txt"), "utf8"),
      /: How plugins work, in short\.\n/,
    );
  } finally {
    await session.close();
  }
});
