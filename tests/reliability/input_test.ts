/**
 * Bad or hostile input: front matter nested thousands of levels deep, YAML alias
 * bombs and self-containing aliases, JSON with an error V8 names no position for,
 * pages of tens of thousands of equal headings, Latin-1 bytes in data files and
 * layouts. Each gives a located diagnostic (file:line:col, message, hint) and
 * exit code 1, quickly, with no stack trace; never a crash, a hang or a silent
 * U+FFFD. The heading case must build, with the ids it always had.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** `file:line:col: error[code]: message` as printed (a prefix of the line). */
  readonly located: string;
  /** The hint, or a part of it. */
  readonly hint: string;
}

const OK_PAGE = { "content/a.md": "---\ntitle: A\n---\nBody.\n" };
const DEEP = 10_000;
const nested = (open: string, close: string) => open.repeat(DEEP) + close.repeat(DEEP);
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** `a: &a [x × 9]`, `b: &b [*a × 9]` … nine levels: 9^9 values once expanded. */
function aliasBomb(): string {
  const names = "abcdefghi";
  let yaml = "a: &a [x,x,x,x,x,x,x,x,x]\n";
  for (let i = 1; i < names.length; i++) {
    yaml += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(",")}]\n`;
  }
  return yaml;
}

const DEPTH_HINT = "hint: floe reads at most 100 levels of nesting";
const BOMB_HINT = "hint: each YAML alias (*name) repeats the whole value of its anchor";
const UTF8_HINT = "hint: save the file with UTF-8 encoding";

const CASES: readonly Case[] = [
  // 1. Nesting: every format, in front matter and in a data file.
  {
    name: "JSON front matter nested 10,000 levels deep",
    files: { "content/a.md": `{\n"title": "x",\n"deep": ${nested("[", "]")}\n}\nBody.\n` },
    located:
      "content/a.md:3:108: error[front-matter]: front matter nests lists and mappings more than 100 levels deep",
    hint: DEPTH_HINT,
  },
  {
    name: "JSON front matter nested 10,000 objects deep",
    files: {
      "content/a.md": `{\n"title": "x",\n"deep": ${nested('{"k":', "}").replace(/:}/, ":1}")}\n}\n`,
    },
    located:
      "content/a.md:3:504: error[front-matter]: front matter nests lists and mappings more than 100 levels deep",
    hint: DEPTH_HINT,
  },
  {
    name: "YAML front matter nested 10,000 levels deep",
    files: { "content/a.md": `---\ntitle: x\ndeep: ${nested("[", "]")}\n---\nBody.\n` },
    located:
      "content/a.md:3:106: error[front-matter]: front matter nests lists and mappings more than 100 levels deep",
    hint: DEPTH_HINT,
  },
  {
    name: "TOML front matter nested 10,000 levels deep",
    files: { "content/a.md": `+++\ntitle = "x"\ndeep = ${nested("[", "]")}\n+++\nBody.\n` },
    located:
      "content/a.md:3:107: error[front-matter]: front matter nests lists and mappings more than 100 levels deep",
    hint: DEPTH_HINT,
  },
  {
    name: "TOML front matter with a table 10,000 keys deep",
    files: {
      "content/a.md": `+++\ntitle = "x"\n[${Array(DEEP).fill("k").join(".")}]\nx = 1\n+++\n`,
    },
    located:
      "content/a.md:3:1: error[front-matter]: front matter nests lists and mappings more than 100 levels deep",
    hint: DEPTH_HINT,
  },
  {
    name: "a JSON data file nested 10,000 levels deep",
    files: { ...OK_PAGE, "data/deep.json": `{\n  "d": ${nested("[", "]")}\n}\n` },
    located:
      "data/deep.json:2:107: error[data]: data file nests lists and mappings more than 100 levels deep",
    hint: DEPTH_HINT,
  },
  // 2. Alias bombs, on checked keys, on an unchecked key, in a data file; a cycle.
  {
    name: "a YAML alias bomb on title",
    files: { "content/a.md": `---\n${aliasBomb()}title: *i\n---\nBody.\n` },
    located:
      "content/a.md:7:1: error[front-matter]: front matter expands to more than 100000 values (aliases?)",
    hint: BOMB_HINT,
  },
  {
    name: "a YAML alias bomb on date",
    files: { "content/a.md": `---\ntitle: x\n${aliasBomb()}date: *i\n---\nBody.\n` },
    located:
      "content/a.md:8:1: error[front-matter]: front matter expands to more than 100000 values (aliases?)",
    hint: BOMB_HINT,
  },
  {
    name: "a YAML alias bomb on tags",
    files: { "content/a.md": `---\ntitle: x\n${aliasBomb()}tags: *i\n---\nBody.\n` },
    located:
      "content/a.md:8:1: error[front-matter]: front matter expands to more than 100000 values (aliases?)",
    hint: BOMB_HINT,
  },
  {
    name: "a YAML alias bomb on an unchecked key",
    files: { "content/a.md": `---\ntitle: x\n${aliasBomb()}lol: *i\n---\nBody.\n` },
    located:
      "content/a.md:8:1: error[front-matter]: front matter expands to more than 100000 values (aliases?)",
    hint: BOMB_HINT,
  },
  {
    name: "a YAML alias bomb of long strings (characters, not values)",
    files: {
      "content/a.md": `---\ntitle: x\ns: &s "${"x".repeat(20_000)}"\nt: &t [${
        Array(9).fill("*s").join(",")
      }]\nu: &u [${Array(9).fill("*t").join(",")}]\n---\n`,
    },
    located:
      "content/a.md:5:1: error[front-matter]: front matter expands to more than 1000000 characters of text (aliases?)",
    hint: BOMB_HINT,
  },
  {
    name: "a YAML alias bomb in a data file",
    files: { ...OK_PAGE, "data/lol.yaml": aliasBomb() },
    located:
      "data/lol.yaml:6:1: error[data]: data file expands to more than 100000 values (aliases?)",
    hint: BOMB_HINT,
  },
  {
    name: "a YAML alias inside its own anchor",
    files: { "content/a.md": "---\ntitle: x\nloop: &a [1, *a]\n---\nBody.\n" },
    located:
      "content/a.md:3:1: error[front-matter]: front matter contains itself (an alias inside its own anchor?)",
    hint: "hint: a YAML alias (*name) cannot stand inside the value its anchor (&name) marks",
  },
  // 3. A JSON error V8 names no position for.
  {
    name: "JSON front matter with a trailing comma in a list on line 3",
    files: { "content/a.md": '{\n"title": "x",\n"tags": ["a", "b",],\n"weight": 1\n}\nBody.\n' },
    located:
      'content/a.md:3:19: error[front-matter]: invalid JSON in front matter: trailing comma before "]"',
    hint: "hint: JSON needs double-quoted keys and strings, and no trailing commas",
  },
  {
    name: "JSON front matter with a bare word on line 3",
    files: { "content/a.md": '{\n"title": "x",\n"draft": yes\n}\nBody.\n' },
    located: 'content/a.md:3:10: error[front-matter]: invalid JSON in front matter: unexpected "y"',
    hint: "hint: JSON needs double-quoted keys",
  },
  {
    name: "a JSON data file with a trailing comma in a list",
    files: { ...OK_PAGE, "data/x.json": '{\n  "a": [\n    1,\n  ]\n}\n' },
    located: 'data/x.json:4:3: error[data]: invalid JSON in data file: trailing comma before "]"',
    hint: "hint: JSON needs",
  },
  // 5. Latin-1 bytes where UTF-8 is expected.
  {
    name: "Latin-1 in a YAML data file",
    files: { ...OK_PAGE, "data/x.yaml": latin1("name: ok\ncity: Caf\xe9\n") },
    located: "data/x.yaml:2:10: error[encoding]: file is not valid UTF-8",
    hint: UTF8_HINT,
  },
  {
    name: "Latin-1 in a JSON data file",
    files: { ...OK_PAGE, "data/x.json": latin1('{\n  "city": "Caf\xe9"\n}\n') },
    located: "data/x.json:2:15: error[encoding]: file is not valid UTF-8",
    hint: UTF8_HINT,
  },
  {
    name: "Latin-1 in a TOML data file",
    files: { ...OK_PAGE, "data/x.toml": latin1('name = "ok"\ncity = "Caf\xe9"\n') },
    located: "data/x.toml:2:12: error[encoding]: file is not valid UTF-8",
    hint: UTF8_HINT,
  },
  {
    name: "Latin-1 in a layout",
    files: {
      ...OK_PAGE,
      "layouts/_default/page.vto": latin1("<main>\n  <p>caf\xe9</p>\n  {{ content }}\n</main>\n"),
    },
    located: "layouts/_default/page.vto:2:9: error[encoding]: file is not valid UTF-8",
    hint: UTF8_HINT,
  },
  {
    name: "Latin-1 after a U+FFFD written in UTF-8 in a layout",
    files: {
      ...OK_PAGE,
      "layouts/_default/page.vto": new Uint8Array([
        ...new TextEncoder().encode("<p>\uFFFD ok</p>\n<p>caf"),
        0xe9,
      ]),
    },
    located: "layouts/_default/page.vto:2:7: error[encoding]: file is not valid UTF-8",
    hint: UTF8_HINT,
  },
];

for (const c of CASES) {
  Deno.test(`input: ${c.name} is a located error`, async () => {
    using dir = tempDir();
    writeSite(dir.path, c.files);
    const run = await runCli(["build", dir.path]);
    // The diagnostic quotes the source line, which may be 20,000 brackets long.
    const shown = run.stderr.slice(0, 2000);
    assert.equal(run.code, 1, shown);
    assert.ok(run.stderr.includes(c.located), `missing ${c.located} in:\n${shown}`);
    assert.ok(run.stderr.includes(c.hint), `missing ${c.hint} in:\n${shown}`);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(run.stderr, /worker|Maximum call stack|Invalid string length/);
    assert.match(run.stderr, /build failed with 1 error\b/);
  });
}

Deno.test("input: a wrong value in a message is cut to ~80 characters", async () => {
  using dir = tempDir();
  const list = Array.from({ length: 50_000 }, (_, i) => i).join(", ");
  writeSite(dir.path, { "content/a.md": `---\ntitle: [${list}]\n---\nBody.\n` });
  const run = await runCli(["build", dir.path]);
  assert.equal(run.code, 1, run.stderr);
  const line = run.stderr.split("\n").find((l) => l.includes("error[front-matter]"));
  assert.ok(line, run.stderr);
  assert.match(
    line,
    /^content\/a\.md:2:1: error\[front-matter\]: "title" must be a string, not \[0,1,2,/,
  );
  assert.ok(line.length < 200, `message not cut: ${line.length} characters`);
  assert.match(line, /…$/);
  assert.match(run.stderr, /hint: write a string/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
});

Deno.test("input: a page of 50,000 equal headings builds, each with its own id", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/a.md": "---\ntitle: A\n---\n" + "## Same\n\n".repeat(50_000),
  });
  const run = await runCli(["build", dir.path]);
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(join(dir.path, "_site/a/index.html"), "utf8");
  const ids = headingIds(html);
  assert.equal(ids.length, 50_000);
  assert.equal(new Set(ids).size, 50_000, "ids are unique");
  assert.deepEqual(ids.slice(0, 3), ["same", "same-1", "same-2"]);
  assert.equal(ids.at(-1), "same-49999");
});

Deno.test("input: heading ids of a small page are the ones floe always gave", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/a.md": "---\ntitle: A\n---\n" +
      [
        "## Same",
        "## Same",
        "## Same 1",
        "## Same",
        "# Same",
        "## !!!",
        "## ???",
        "## Héllo wörld",
        "### Section",
        "## Same 2",
      ].join("\n\n") + "\n",
  });
  const run = await runCli(["build", dir.path]);
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(join(dir.path, "_site/a/index.html"), "utf8");
  const ids = headingIds(html);
  assert.deepEqual(ids, [
    "same",
    "same-1",
    "same-1-1",
    "same-2",
    "same-3",
    "section",
    "section-1",
    "héllo-wörld",
    "section-2",
    "same-2-1",
  ]);
});

/** The ids of the page's headings (not the layout's own, like the TOC's title). */
function headingIds(html: string): string[] {
  return [...html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((m) => m[1])
    .filter((id) => id !== "toc-title");
}
