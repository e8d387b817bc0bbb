/**
 * Bad input: every case names the file, line and column, says what was expected,
 * gives a hint, exits 1, and leaves the previous output folder exactly as it was.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./support/run_cli.ts";
import { tempDir, writeSite } from "./support/tree.ts";
import { OUTPUT_MARKER } from "../src/output/ownership.ts";

interface Case {
  /** What the test is about. */
  name: string;
  files: Record<string, string | Uint8Array>;
  /** Extra CLI arguments after `build <site>`. */
  args?: string[];
  /** Substrings that must all appear in stderr (location, code, message, hint). */
  expect: string[];
  /** How many errors the summary line must report. */
  errors?: number;
}

const page = (front: string, body = "Body.\n") => `---\n${front}\n---\n${body}`;

/** The output of an earlier build: a failed one must leave it as it is. */
const PREVIOUS_OUTPUT = Object.freeze({
  "_site/keep.txt": "previous build\n",
  [`_site/${OUTPUT_MARKER}`]: "floe's\n",
});

const CASES: Case[] = [
  {
    name: "malformed YAML front matter",
    files: { "content/a.md": "---\ntitle: ok\ntags: [one, two\n---\n" },
    expect: [
      "content/a.md:4:1: error[front-matter]: invalid YAML in front matter",
      "hint: check indentation",
    ],
  },
  {
    name: "malformed TOML front matter",
    files: { "content/a.md": '+++\ntitle = "ok"\ndate = \n+++\n' },
    expect: [
      "content/a.md:3:8: error[front-matter]: invalid TOML in front matter",
      "hint: TOML needs",
    ],
  },
  {
    name: "malformed JSON front matter",
    files: { "content/a.md": '{\n  "title": "ok",\n  "weight": 1,\n}\nBody\n' },
    expect: [
      "content/a.md:4:1: error[front-matter]: invalid JSON in front matter",
      "hint: JSON needs",
    ],
  },
  {
    name: "front matter that is not a mapping",
    files: { "content/a.md": "---\n- just\n- a list\n---\n" },
    expect: [
      "content/a.md:2:1: error[front-matter]: front matter must be a mapping of keys to values, not a list",
      "hint: write `key: value` lines",
    ],
  },
  {
    name: "front matter value of the wrong type",
    files: { "content/a.md": page("title: ok\nweight: heavy") },
    expect: [
      'content/a.md:3:1: error[front-matter]: "weight" must be a number',
      "hint: write a number",
    ],
  },
  {
    name: "invalid UTF-8",
    files: {
      "content/a.md": new Uint8Array([
        ...new TextEncoder().encode("---\ntitle: x\n---\nline\nbad "),
        0xff,
        0xfe,
      ]),
    },
    expect: [
      "content/a.md:5:5: error[encoding]: file is not valid UTF-8",
      "hint: save the file with UTF-8",
    ],
  },
  {
    name: "a layout that does not exist (with --strict: else a warning)",
    files: { "content/a.md": page("title: x\nlayout: nowhere") },
    args: ["--strict"],
    expect: [
      'content/a.md:3:1: error[layout-missing]: layout "nowhere.vto" does not exist',
      "hint: create layouts/nowhere.vto",
    ],
  },
  {
    name: "a layout whose parent does not exist",
    files: {
      "content/a.md": page("layout: child"),
      "layouts/child.vto": "---\nlayout: parent\n---\n{{ content }}",
    },
    expect: [
      'layouts/child.vto:2:1: error[layout-missing]: layout "parent.vto" (wrapping child.vto) does not exist',
    ],
  },
  {
    name: "a Vento syntax error",
    files: {
      "content/a.md": page("layout: broken"),
      "layouts/broken.vto":
        "---\ntitle: front matter lines count\n---\n<h1>{{ page.title }}</h1>\n{{ if page.title }}\nnever closed\n",
    },
    expect: [
      "layouts/broken.vto:5:20: error[template-syntax]: template syntax error: Missing closing tag",
      "(rendering content/a.md)",
      "hint: check that every {{ tag }} is closed",
    ],
  },
  {
    name: "a Vento runtime error",
    files: {
      "content/a.md": page("layout: runtime"),
      "layouts/runtime.vto": "<h1>{{ page.title }}</h1>\n<p>{{ page.params.missing.deeper }}</p>\n",
    },
    expect: [
      "layouts/runtime.vto:2:4: error[template-runtime]: template error: Cannot read properties of undefined (reading 'deeper')",
      "(rendering content/a.md)",
      "hint: a variable or property used here is undefined",
    ],
  },
  {
    name: "an include that does not exist",
    files: {
      "content/a.md": page("layout: inc"),
      "layouts/inc.vto": '<p>\n{{ include "partials/none.vto" }}\n',
    },
    expect: [
      'layouts/inc.vto:2:1: error[layout-missing]: template error: layout "partials/none.vto" not found',
    ],
  },
  {
    name: "a layout chain that loops",
    files: {
      "content/a.md": page("layout: one"),
      "layouts/one.vto": "---\nlayout: two\n---\n{{ content }}",
      "layouts/two.vto": "---\nlayout: one\n---\n{{ content }}",
    },
    expect: [
      "layouts/two.vto:2:1: error[layout-loop]: layout chain loops: one.vto → two.vto → one.vto",
    ],
  },
  {
    name: "two pages that map to the same URL",
    files: { "content/a.md": page("url: /same/"), "content/b.md": page("title: b\nurl: /same/") },
    expect: [
      "content/b.md:3:1: error[url-collision]: content/a.md and content/b.md both map to /same/",
      "hint: give one of them a different `slug` or `url`",
    ],
  },
  {
    name: "a page and a static file that write the same file",
    files: {
      "content/robots.md": page("url: /robots.txt"),
      "static/robots.txt": "User-agent: *\n",
    },
    expect: [
      "static/robots.txt: error[url-collision]: content/robots.md and static/robots.txt both write robots.txt",
    ],
  },
  {
    name: "a url that climbs out of the output folder",
    files: { "content/a.md": page("url: ../../escape") },
    expect: [
      'content/a.md:2:1: error[unsafe-url]: url "../../escape" is not allowed: it contains `..`',
      "hint: write a site-relative path",
    ],
  },
  {
    name: "a url that hides .. after a leading slash",
    files: { "content/a.md": page("url: /docs/../../../etc/") },
    expect: ['content/a.md:2:1: error[unsafe-url]: url "/docs/../../../etc/" is not allowed'],
  },
  {
    name: "an absolute file path or URL as url",
    files: {
      "content/a.md": page("url: file:///etc/passwd"),
      "content/b.md": page("url: C:\\Windows"),
    },
    expect: [
      'content/a.md:2:1: error[unsafe-url]: url "file:///etc/passwd" is not allowed',
      'content/b.md:2:1: error[unsafe-url]: url "C:\\\\Windows" is not allowed',
    ],
    errors: 2,
  },
  {
    name: "a slug with a path in it",
    files: { "content/a.md": page("slug: ../../up") },
    expect: [
      'content/a.md:2:1: error[unsafe-url]: slug "../../up" is not allowed',
      "hint: a slug is one path segment",
    ],
  },
  {
    name: "a slug that hides .. behind percent-encoding",
    files: { "content/blog/a.md": page('slug: "%2E%2E"') },
    expect: ['content/blog/a.md:2:1: error[unsafe-url]: slug "%2E%2E" is not allowed'],
  },
  {
    name: "an impossible date",
    files: { "content/a.md": page("date: 2024-02-30") },
    expect: ['content/a.md:2:1: error[front-matter]: "date" is not a date: "2024-02-30"'],
  },
  {
    name: "an unknown filter",
    files: {
      "content/a.md": page("layout: f"),
      "layouts/f.vto": "<p>{{ page.title |> shouty }}</p>\n",
    },
    expect: [
      "layouts/f.vto:1:20: error[template-filter]: unknown filter",
      `hint: "shouty" is neither one of floe's filters (url, absURL, relURL, date, markdown`,
    ],
  },
  {
    name: "a missing content folder",
    files: { "static/x.txt": "x" },
    expect: ["error[content-missing]: no content folder", "hint: create content/"],
  },
  {
    name: "malformed data file",
    files: {
      "content/a.md": page("title: a"),
      "data/people.yaml": "- name: ok\n  - broken: indent\n",
    },
    expect: ["data/people.yaml:2:3: error[data]: invalid YAML in data file"],
  },
  {
    name: "an unknown config setting",
    files: {
      "content/a.md": page("title: a"),
      "floe.config.ts": "export default { titel: 'x' };\n",
    },
    expect: [
      'floe.config.ts: error[config]: unknown setting "titel"',
      'hint: did you mean "title"?',
    ],
  },
  {
    name: "every error of a build at once",
    files: {
      "content/a.md": "---\ntitle: [\n---\n",
      "content/b.md": page("date: someday"),
      "content/c.md": page("slug: a/b"),
    },
    expect: ["content/a.md:", "content/b.md:2:1:", "content/c.md:2:1:"],
    errors: 3,
  },
];

for (const c of CASES) {
  Deno.test(`bad input: ${c.name}`, async () => {
    using dir = tempDir();
    writeSite(dir.path, { ...c.files, ...PREVIOUS_OUTPUT });
    const run = await runCli(["build", dir.path, ...(c.args ?? [])]);
    assert.equal(run.code, 1, `exit code; stderr:\n${run.stderr}`);
    for (const text of c.expect) {
      assert.ok(run.stderr.includes(text), `missing ${JSON.stringify(text)} in:\n${run.stderr}`);
    }
    const errors = c.errors ?? 1;
    assert.match(
      run.stderr,
      new RegExp(`build failed with ${errors} errors?; the output folder was not changed`),
    );
    assertOutputUntouched(dir.path);
  });
}

Deno.test("bad input: output folder is the site folder, contains it, or overlaps content/", async () => {
  using dir = tempDir();
  writeSite(dir.path, { "content/a.md": page("title: a"), ...PREVIOUS_OUTPUT });
  for (const out of [".", "..", "content", "content/out", "static"]) {
    const run = await runCli(["build", dir.path, "--out", join(dir.path, out)]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /error\[output-dir\]: the output folder .* (is the site folder or contains it|overlaps the (content|static) folder)/,
    );
    assert.match(
      run.stderr,
      /hint: floe deletes from the output folder every file it does not produce/,
    );
  }
  assert.ok(existsSync(join(dir.path, "content/a.md")), "content survived");
  assertOutputUntouched(dir.path);
});

Deno.test("bad input: unknown CLI flag and unknown command", async () => {
  const flag = await runCli(["build", "--drafs"]);
  assert.equal(flag.code, 1);
  assert.match(flag.stderr, /error\[usage\]: unknown option --drafs/);
  assert.match(flag.stderr, /hint: did you mean "--drafts"\?/);
  const command = await runCli(["biuld"]);
  assert.equal(command.code, 1);
  assert.match(command.stderr, /unknown command "biuld"/);
  assert.match(command.stderr, /did you mean "build"\?/);
  const workers = await runCli(["build", "--workers", "zero"]);
  assert.equal(workers.code, 1);
  assert.match(workers.stderr, /--workers must be a whole number/);
});

/** The previous output is intact and no staging folder is left behind. */
function assertOutputUntouched(site: string): void {
  assert.equal(readFileSync(join(site, "_site/keep.txt"), "utf8"), "previous build\n");
  assert.deepEqual(readdirSync(join(site, "_site")).sort(), [OUTPUT_MARKER, "keep.txt"]);
  const leftovers = readdirSync(site).filter((n) =>
    n.includes("floe-staging") || n.includes("floe-old")
  );
  assert.deepEqual(leftovers, []);
}
