/**
 * Code frames and messages are safe to print on a terminal: control bytes from
 * the user's files (ESC sequences, NUL, DEL, C1 controls) are shown as visible
 * symbols, never sent raw; a line of tens of thousands of characters is cut to a
 * window around the column, the caret still under the character it points at;
 * ordinary lines print exactly as before.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Diagnostic, formatDiagnostic, FRAME_WIDTH } from "../../src/errors/diagnostic.ts";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

const STACK = /\n\s+at /;
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const at = (line: number, column?: number, message = "bad"): Diagnostic => ({
  severity: "error",
  code: "front-matter",
  message,
  file: "content/a.md",
  line,
  column,
  hint: "fix it",
});

/** The printed source line and the caret's column under it, from a formatted frame. */
function frame(text: string): { source: string; caret: number } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => /^ {2}\d+ \| /.test(l));
  assert.ok(i > 0, `no code frame in:\n${text}`);
  const prefix = lines[i].indexOf("| ") + 2;
  const caretLine = lines[i + 1];
  assert.match(caretLine, /^ {2} +\| +\^$/, "a caret line follows");
  return { source: [...lines[i].slice(prefix)].join(""), caret: caretLine.length - 1 - prefix };
}

/** The character the caret points at (code points, as printed). */
const under = (f: { source: string; caret: number }) => [...f.source][f.caret];

Deno.test("frames: an ordinary line prints exactly as before", () => {
  assert.equal(
    formatDiagnostic(at(2, 8), "---\ntitle: [oops\n---\n"),
    "content/a.md:2:8: error[front-matter]: bad\n  2 | title: [oops\n    |        ^\n  hint: fix it",
  );
  assert.equal(
    formatDiagnostic(at(1), "café ünïcode\n"),
    "content/a.md:1: error[front-matter]: bad\n  1 | café ünïcode\n  hint: fix it",
  );
  const exactly = "x".repeat(FRAME_WIDTH);
  assert.equal(
    formatDiagnostic(at(1, FRAME_WIDTH), exactly),
    `content/a.md:1:${FRAME_WIDTH}: error[front-matter]: bad\n  1 | ${exactly}\n    | ${
      " ".repeat(FRAME_WIDTH - 1)
    }^\n  hint: fix it`,
  );
});

Deno.test("frames: control bytes in a source line are shown, not sent, and the caret stays aligned", () => {
  const line = "title: \x01\x1b[31mred\x1b[0m \x7f \x9b2J\0 X";
  const text = formatDiagnostic(at(1, line.indexOf("X") + 1), line);
  assert.doesNotMatch(text, RAW_CONTROL);
  const f = frame(text);
  assert.equal(f.source, "title: ␁␛[31mred␛[0m ␡ <U+009B>2J␀ X");
  assert.equal(under(f), "X");
});

Deno.test("frames: a tab is expanded so the caret lines up under the column", () => {
  const line = "\tkey:\t[value";
  const f = frame(formatDiagnostic(at(1, line.indexOf("[") + 1), line));
  assert.doesNotMatch(f.source, /\t/);
  assert.equal(under(f), "[");
});

Deno.test("frames: a 20,000-character line is cut to a window around the column", () => {
  const line = "a".repeat(10_000) + "!" + "b".repeat(10_000);
  for (const column of [1, 50, 10_001, 19_990, 20_001, 20_005]) {
    const text = formatDiagnostic(at(1, column), `${line}\n`);
    for (const printed of text.split("\n")) {
      assert.ok(
        printed.length <= FRAME_WIDTH + 10,
        `line of ${printed.length} at column ${column}`,
      );
    }
    const f = frame(text);
    const expected = column <= line.length ? line[column - 1] : undefined;
    assert.equal(under(f), expected, `caret at column ${column}`);
    if (column > 200) assert.ok(f.source.startsWith("…"), "cut at the start");
    if (column < line.length - 200) assert.ok(f.source.endsWith("…"), "cut at the end");
  }
  // Without a column: the start of the line.
  const f = formatDiagnostic(at(1), line).split("\n")[1];
  assert.equal(f, `  1 | ${"a".repeat(FRAME_WIDTH)}…`);
});

Deno.test("frames: messages, hints and paths show control characters and are cut when huge", () => {
  const d: Diagnostic = {
    severity: "error",
    code: "layout-missing",
    message: `layout "\x1b]0;pwned\x07\x1b[2J.vto" does not exist`,
    file: "content/\x1b[31ma.md",
    hint: `create layouts/\x1b[2J.vto\r`,
  };
  const text = formatDiagnostic(d);
  assert.doesNotMatch(text, RAW_CONTROL);
  assert.equal(
    text,
    'content/␛[31ma.md: error[layout-missing]: layout "␛]0;pwned␇␛[2J.vto" does not exist\n' +
      "  hint: create layouts/␛[2J.vto␍",
  );
  const huge = formatDiagnostic({ ...d, message: `value ${"v".repeat(20_000)}`, hint: undefined });
  assert.ok(huge.length < 1_200, `message of ${huge.length} characters`);
  assert.match(huge, /… \(19006 more characters\)$/);
  // A multi-line message (a --debug stack) keeps its lines.
  assert.equal(
    formatDiagnostic({ ...d, file: "a", message: "one\ntwo", hint: undefined }).split("\n").length,
    2,
  );
});

Deno.test("frames: the CLI prints no raw control byte and no 20,000-character line", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/a.md": new TextEncoder().encode("---\ntitle: \x1b[31mred\x01\x7f\n---\nBody.\n"),
    "content/b.md": '---\ntitle: B\nlayout: "\\e[2J\\e]0;x\\u0007.vto"\n---\nBody.\n',
    "data/big.yaml": `key: ${"x".repeat(10_000)}: y${"z".repeat(10_000)}\n`,
  });
  const run = await runCli(["build", dir.path]);
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stderr, STACK);
  assert.doesNotMatch(run.stderr, RAW_CONTROL, "no raw control byte (ESC, BEL, DEL …) in stderr");
  assert.match(run.stderr, /^content\/a\.md:2:\d+: error\[front-matter\]: invalid YAML/m);
  assert.match(run.stderr, /\n {2}2 \| title: ␛\[31mred␁␡\n/);
  assert.match(
    run.stderr,
    /^content\/b\.md:3:1: warning\[layout-missing\]: layout "␛\[2J␛\]0;x␇\.vto"/m,
  );
  assert.match(run.stderr, /^data\/big\.yaml:1:10006: error\[data\]: invalid YAML in data file/m);
  for (const line of run.stderr.split("\n")) {
    assert.ok(line.length <= 300, `a line of ${line.length} characters: ${line.slice(0, 80)}…`);
  }
  // The caret of the long line is under the ":" YAML complains about.
  const lines = run.stderr.split("\n");
  const i = lines.findIndex((l) => l.startsWith("data/big.yaml:"));
  const f = frame(lines.slice(i, i + 3).join("\n"));
  assert.equal(under(f), ":");
  assert.ok(f.source.startsWith("…") && f.source.endsWith("…"));
});
