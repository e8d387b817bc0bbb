/**
 * A bad configuration is a located diagnostic, never ignored and never a stack
 * trace: a config file given with `--config` that does not exist, is a folder or
 * cannot be read; a config module that throws or does not parse (its line and
 * column, from the error's frames); a `baseURL` that is not an absolute http(s)
 * URL or a path starting with `/` (from the config file or `--base-url`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "../../src/config/load_config.ts";
import { BuildError } from "../../src/errors/diagnostic.ts";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

const PAGE = { "content/index.md": "---\ntitle: Home\n---\nHello.\n" };
const CONFIG = `export default { title: "Configured" };\n`;
const STACK = /\n\s+at /;

/** Exit code 1, no stack trace, no frame of a module URL, nothing written. */
function assertFailed(run: { code: number; stderr: string }, site: string): void {
  assert.equal(run.code, 1, `exit code 1 expected; stderr:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, STACK, "no stack trace");
  assert.doesNotMatch(run.stderr, /file:\/\/|\?v=[0-9a-f]/, "no module URL");
  assert.ok(!existsSync(join(site, "_site", "index.html")), "nothing built");
}

// 1. A config file given explicitly must be there, be a file, and be readable.

Deno.test("config: --config naming a file that does not exist is an error naming the path", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, { ...PAGE, "floe.config.ts": CONFIG });
  const run = await runCli(["build", "site", "--config", "does-not-exist.ts"], dir.path);
  assertFailed(run, site);
  assert.match(
    run.stderr,
    /error\[config\]: config file "does-not-exist\.ts" \(.*does-not-exist\.ts\) does not exist/,
  );
  assert.match(run.stderr, /hint: check the path given to --config/);
  assert.match(run.stderr, /without --config, floe uses floe\.config\.ts/);
});

Deno.test("config: --config naming a folder is an error naming it, with the file to give", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, { ...PAGE, "floe.config.ts": CONFIG, "conf/floe.config.ts": CONFIG });
  const run = await runCli(["build", "site", "--config", "site/conf"], dir.path);
  assertFailed(run, site);
  assert.match(
    run.stderr,
    /error\[config\]: config file "site\/conf" \(.*\) is a folder, not a file/,
  );
  assert.match(
    run.stderr,
    /hint: give the config file in it: --config site\/conf\/floe\.config\.ts/,
  );
});

Deno.test("config: --config naming a file that cannot be read is an error with the reason", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, { ...PAGE, "floe.config.ts": CONFIG });
  // A symbolic link loop: it is there, but it cannot be opened (ELOOP), even by root.
  symlinkSync("b.ts", join(dir.path, "a.ts"));
  symlinkSync("a.ts", join(dir.path, "b.ts"));
  const run = await runCli(["build", "site", "--config", "a.ts"], dir.path);
  assertFailed(run, site);
  assert.match(run.stderr, /error\[config\]: could not read config file "a\.ts" \(.*a\.ts\): /);
  assert.match(run.stderr, /\n {2}hint: /);
});

Deno.test("config: an empty --config is an error, not the default config", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, { ...PAGE, "floe.config.ts": CONFIG });
  const run = await runCli(["build", "site", "--config="], dir.path);
  assertFailed(run, site);
  assert.match(run.stderr, /error\[config\]: the config file given is an empty path/);
  assert.match(run.stderr, /hint: give the path of a config file/);
});

Deno.test("config: only the default config file may be absent; a given one is used", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, { ...PAGE, "other.config.ts": `export default { title: "Other" };\n` });
  const plain = await runCli(["build", "site", "-q"], dir.path);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(readFileSync(join(site, "_site/index.html"), "utf8"), /<title>[^<]*My floe site/);
  const given = await runCli(["build", "site", "-q", "--config", "site/other.config.ts"], dir.path);
  assert.equal(given.code, 0, given.stderr);
  assert.match(readFileSync(join(site, "_site/index.html"), "utf8"), /<title>[^<]*Other/);
});

// 2. A config module that fails to load: its line and column, no stack.

Deno.test("config: a config module that throws is located at the throw", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `const title = "x";\n\nthrow new Error("boom");\nexport default { title };\n`,
  });
  const run = await runCli(["build", dir.path]);
  assertFailed(run, dir.path);
  assert.match(
    run.stderr,
    /^floe\.config\.ts:3:7: error\[config\]: could not load floe\.config\.ts: boom\n {2}3 \| throw new Error\("boom"\);\n {4}\| {7}\^\n {2}hint: /m,
  );
});

Deno.test("config: a syntax error in the config module is located, without Deno's frame", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `const a = 1;\nexport default {\n  title: "x",,\n};\n`,
  });
  const run = await runCli(["build", dir.path]);
  assertFailed(run, dir.path);
  assert.match(
    run.stderr,
    /^floe\.config\.ts:3:14: error\[config\]: could not load floe\.config\.ts: SyntaxError: Unexpected token `,`[^\n]*\n {2}3 \| {3}title: "x",,\n {4}\| {14}\^\n {2}hint: /m,
  );
  assert.doesNotMatch(run.stderr, /~/, "Deno's own code frame is left out");
});

Deno.test("config: an import the config cannot resolve is located at the import", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `// settings\nimport "./missing.ts";\nexport default {};\n`,
  });
  const run = await runCli(["build", dir.path]);
  assertFailed(run, dir.path);
  assert.match(
    run.stderr,
    /^floe\.config\.ts:2:8: error\[config\]: could not load floe\.config\.ts: Module not found "missing\.ts"/m,
  );
});

Deno.test("config: a module the config imports that throws is located in that module", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `import { title } from "./lib/title.ts";\nexport default { title };\n`,
    "lib/title.ts": `export const title = "x";\nconst none = null as any;\nnone.value;\n`,
  });
  const run = await runCli(["build", dir.path]);
  assertFailed(run, dir.path);
  assert.match(
    run.stderr,
    /^lib\/title\.ts:3:6: error\[config\]: could not load floe\.config\.ts: Cannot read properties of null/m,
  );
  assert.match(run.stderr, /\n {2}3 \| none\.value;\n/);
});

// 3. baseURL: an absolute http(s) URL or a path starting with "/".

Deno.test("config: --base-url that is neither a URL nor a path is refused with a valid value", async () => {
  using dir = tempDir();
  writeSite(dir.path, PAGE);
  const run = await runCli(["build", dir.path, "--base-url", "ht!tp://bad url"]);
  assertFailed(run, dir.path);
  assert.match(
    run.stderr,
    /error\[config\]: baseURL "ht!tp:\/\/bad url" must be an absolute http\(s\) URL or a path starting with "\/"/,
  );
  assert.match(run.stderr, /hint: .*"https:\/\/example\.org\/docs\/".*"\/docs\/"/);
});

Deno.test("config: a bad baseURL in the config file is located at its value", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `export default {\n  title: "x",\n  baseURL: "docs/",\n};\n`,
  });
  const run = await runCli(["build", dir.path]);
  assertFailed(run, dir.path);
  assert.match(
    run.stderr,
    /^floe\.config\.ts:3:12: error\[config\]: baseURL "docs\/" must be an absolute http\(s\) URL or a path starting with "\/"\n {2}3 \| {3}baseURL: "docs\/",\n {4}\| {12}\^\n {2}hint: did you mean "\/docs\/"\?/m,
  );
});

Deno.test("config: valid baseURLs are accepted and end in a slash", async () => {
  using dir = tempDir();
  writeSite(dir.path, PAGE);
  const valid: Record<string, string> = {
    "/": "/",
    "/docs/": "/docs/",
    "/docs": "/docs/",
    "/a%20b/": "/a%20b/",
    "https://example.com/": "https://example.com/",
    "https://example.org/docs": "https://example.org/docs/",
    "http://localhost:3000/": "http://localhost:3000/",
    "HTTPS://Example.org/x/": "HTTPS://Example.org/x/",
  };
  for (const [baseURL, resolved] of Object.entries(valid)) {
    const { config } = await resolveConfig({ root: dir.path, overrides: { baseURL } });
    assert.equal(config.baseURL, resolved, baseURL);
  }
});

Deno.test("config: invalid baseURLs are refused, each with what is wrong", async () => {
  using dir = tempDir();
  writeSite(dir.path, PAGE);
  const invalid: Record<string, RegExp> = {
    "ht!tp://bad url": /must be an absolute http\(s\) URL or a path starting with "\/"/,
    "docs/": /must be an absolute http\(s\) URL/,
    "example.org/docs/": /must be an absolute http\(s\) URL/,
    "": /is empty/,
    "/my docs/": /contains a space/,
    " /": /contains a space|must be an absolute/,
    "/a\tb/": /contains a control character/,
    "/a\\b/": /contains a backslash/,
    "/?q=1": /must not have a query/,
    "/docs/#top": /must not have a query \(\?…\) or a fragment/,
    "/50%/": /"%" that is not a %XX escape/,
    "//example.org/": /has no scheme/,
    "ftp://example.org/": /must use http or https, not ftp:/,
    "file:///tmp/site/": /must use http or https, not file:/,
    "https:/example.org/": /needs a host/,
    "https://": /needs a host/,
    "https://exa mple.org/": /contains a space/,
    "https://user:pw@example.org/": /user name or password/,
    "https://example.org/?a=1": /must not have a query/,
  };
  for (const [baseURL, expected] of Object.entries(invalid)) {
    await assert.rejects(
      resolveConfig({ root: dir.path, overrides: { baseURL } }),
      (e: unknown) => {
        assert.ok(e instanceof BuildError, `${JSON.stringify(baseURL)}: ${e}`);
        assert.equal(e.diagnostics.length, 1, JSON.stringify(baseURL));
        const [d] = e.diagnostics;
        assert.equal(d.code, "config");
        assert.match(d.message, expected, JSON.stringify(baseURL));
        assert.match(d.hint ?? "", /"https:\/\/example\.org\/docs\/"/);
        return true;
      },
      JSON.stringify(baseURL),
    );
  }
});

Deno.test("config: a long-lived process locates a syntax error, also once the config is imported from a copy", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `import { title } from "./title.ts";\nexport default { title };\n`,
    "title.ts": `export const title = "one";\n`,
  });
  const first = await resolveConfig({ root: dir.path });
  assert.equal(first.config.title, "one");
  // The imported module changed: this thread keeps its first version, so the config
  // is imported from a copy of its modules, and the error names the user's file.
  writeSite(dir.path, {
    "title.ts": `export const title = "two";\n`,
    "floe.config.ts":
      `import { title } from "./title.ts";\nexport default {\n  title: title +\n};\n`,
  });
  await assert.rejects(resolveConfig({ root: dir.path }), (e: unknown) => {
    assert.ok(e instanceof BuildError, String(e));
    const [d] = e.diagnostics;
    assert.deepEqual([d.file, d.line, d.column], ["floe.config.ts", 4, 1]);
    assert.match(d.message, /^could not load floe\.config\.ts: SyntaxError: Expression expected$/);
    return true;
  });
});

Deno.test("config: a filter that is not a function is located at its key, with a hint", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
    "floe.config.ts": `export default {\n  title: "x",\n  filters: { up: 42 },\n};\n`,
  });
  const run = await runCli(["build", dir.path]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stderr,
    /floe\.config\.ts:3:18: error\[config\]: filter "up" is not a function but number/,
  );
  assert.match(run.stderr, /hint: a filter takes the value before \|> and returns the new one/);
});

// 4. The settings for real documentation: each wrong value is a located error.

Deno.test("config: markdown.headingIds, markdown.languages, ignore and urls are checked, located", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, {
    ...PAGE,
    "floe.config.ts": [
      "export default {",
      '  markdown: { headingIds: "hugo", languages: { vue: 3 } },',
      '  ignore: ["", 7, "!keep.md"],',
      "  urls: { lowercase: 1, upper: true },",
      "};",
      "",
    ].join("\n"),
  });
  const run = await runCli(["build", "site"], dir.path);
  assertFailed(run, site);
  assert.match(
    run.stderr,
    /floe\.config\.ts:2:\d+: error\[config\]: "markdown\.headingIds" must be "github" or "compact"/,
  );
  assert.match(run.stderr, /language "vue" must name a highlight\.js language or a module/);
  assert.match(run.stderr, /ignore pattern "" is not a glob/);
  assert.match(run.stderr, /ignore pattern 7 is not a glob/);
  assert.match(run.stderr, /ignore pattern "!keep\.md" cannot negate/);
  assert.match(run.stderr, /"urls\.lowercase" must be a boolean/);
  assert.match(run.stderr, /unknown urls setting "upper"/);
});

Deno.test("config: a grammar module that cannot be read is an error naming the path", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, {
    ...PAGE,
    "floe.config.ts":
      'export default { markdown: { languages: { gleam: "./grammars/gleam.js" } } };\n',
  });
  const run = await runCli(["build", "site"], dir.path);
  assertFailed(run, site);
  assert.match(
    run.stderr,
    /error\[config\]: grammar for "gleam" cannot be read: no such file or folder \(ENOENT\)/,
  );
  assert.match(
    run.stderr,
    /hint: the path "\.\/grammars\/gleam\.js" is relative to the site folder/,
  );
});

Deno.test("config: a grammar module that throws or exports no grammar is an error at the page that needs it", async () => {
  for (
    const [source, reason] of [
      ['throw new Error("boom in grammar");\n', /failed to load: boom in grammar/],
      ["export default 42;\n", /has a default export that is not a highlight\.js grammar function/],
    ] as const
  ) {
    using dir = tempDir();
    const site = join(dir.path, "site");
    writeSite(site, {
      "content/index.md": "---\ntitle: Home\n---\n```gleam\nfn x\n```\n",
      "content/plain.md": "---\ntitle: Plain\n---\nNo code here.\n",
      "grammars/gleam.js": source,
      "floe.config.ts":
        'export default { markdown: { languages: { gleam: "./grammars/gleam.js" } } };\n',
    });
    const run = await runCli(["build", "site"], dir.path);
    assertFailed(run, site);
    assert.match(
      run.stderr,
      /content\/index\.md: error\[config\]: the highlighting grammar .*gleam\.js \(markdown\.languages\) /,
    );
    assert.match(run.stderr, reason);
    assert.doesNotMatch(run.stderr, /plain\.md/, "pages without the language are fine");
    assert.match(run.stderr, /build failed with 1 error/);
  }
});

Deno.test("config: the copies of an edited config's modules are removed when the process exits", async () => {
  using dir = tempDir();
  const tmp = join(dir.path, "tmp");
  mkdirSync(tmp);
  writeSite(dir.path, {
    ...PAGE,
    "floe.config.ts": `import { title } from "./title.ts";\nexport default { title };\n`,
    "title.ts": `export const title = "one";\n`,
    "twice.ts": `
import { writeFileSync, readdirSync } from "node:fs";
import { resolveConfig } from ${
      JSON.stringify(import.meta.resolve("../../src/config/load_config.ts"))
    };
const root = Deno.args[0];
const first = await resolveConfig({ root });
writeFileSync(root + "/title.ts", 'export const title = "two";\\n');
const second = await resolveConfig({ root });
console.log(JSON.stringify([first.config.title, second.config.title, readdirSync(Deno.env.get("TMPDIR")!)]));
`,
  });
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(dir.path, "twice.ts"), dir.path],
    env: { TMPDIR: tmp },
  }).output();
  const stdout = new TextDecoder().decode(run.stdout);
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const [first, second, during] = JSON.parse(stdout);
  assert.deepEqual([first, second], ["one", "two"], "the edited module is seen");
  assert.equal(during.length, 1, "the copies were made in the temporary folder");
  assert.match(during[0], /^floe-modules-/);
  assert.deepEqual(readdirSync(tmp), [], "and removed when the process ended");
});
