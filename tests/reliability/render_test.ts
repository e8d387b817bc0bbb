/**
 * Templates and URLs that cannot work are reported, located, in one run: an
 * include loop ends with its chain instead of eating the memory, an error in a
 * layout is reported with an error in front matter, and a URL part too long for
 * the file system is reported at its key, not as a failed write.
 *
 * @module
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

const HOME = { "content/_index.md": "---\ntitle: Home\n---\nHome.\n" };

function assertFailedCleanly(run: { code: number; stderr: string }, site: string): void {
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  assert.ok(!existsSync(join(site, "_site")), "nothing written");
}

for (
  const [name, layouts, chain] of [
    [
      "includes itself",
      { "layouts/self.vto": 'S\n{{ include "self.vto" }}\n' },
      /self\.vto → self\.vto/,
    ],
    [
      "includes itself through another file",
      {
        "layouts/a.vto": 'A\n{{ include "b.vto" }}\n',
        "layouts/b.vto": 'B\n{{ include "a.vto" }}\n',
      },
      /(a\.vto → b\.vto → a\.vto|b\.vto → a\.vto → b\.vto)/,
    ],
  ] as const
) {
  Deno.test(`render: an include that ${name} is an include loop, located, with its chain`, async () => {
    using dir = tempDir();
    const first = Object.keys(layouts)[0].slice("layouts/".length);
    writeSite(dir.path, {
      ...HOME,
      ...layouts,
      "layouts/_default/base.vto": `<html>{{ include "${first}" }}</html>\n`,
    });
    const run = await runCli(["build", dir.path]);
    assertFailedCleanly(run, dir.path);
    assert.match(run.stderr, /layouts\/[ab]?(self)?\.vto:2:1: error\[include-loop\]/);
    assert.match(run.stderr, chain);
    assert.match(run.stderr, /hint: an include that includes itself/);
  });
}

Deno.test("render: an error in a layout is reported in the same run as one in front matter", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    "content/bad.md": "---\ntitle: [oops\n---\nBroken.\n",
    "content/good.md": "---\ntitle: Good\n---\nFine.\n",
    "layouts/_default/base.vto": "<html>{{ page.nothing.here }}</html>\n",
  });
  const run = await runCli(["build", dir.path]);
  assertFailedCleanly(run, dir.path);
  assert.match(run.stderr, /content\/bad\.md:\d+:\d+: error\[front-matter\]/);
  assert.match(run.stderr, /layouts\/_default\/base\.vto:1:\d+: error\[template-runtime\]/);
});

Deno.test("render: a URL part longer than file systems allow is reported at its slug", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    "content/long.md": `---\ntitle: Long\nslug: ${"a".repeat(300)}\n---\nHi.\n`,
  });
  const run = await runCli(["build", dir.path]);
  assertFailedCleanly(run, dir.path);
  assert.match(
    run.stderr,
    /content\/long\.md:3:1: error\[url-too-long\]: a part of this page's URL is 300 bytes long; file systems allow 255/,
  );
  assert.match(run.stderr, /hint: shorten the slug/);
});

Deno.test("render: a file named a%2Fb.md is the page a%2Fb, on disk and in its URL", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/_index.md": "---\ntitle: Home\n---\n[it](/a%252Fb/)\n",
    "content/a%2Fb.md": "---\ntitle: Slashed\n---\nHi.\n",
  });
  const run = await runCli(["build", dir.path, "--strict"]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(existsSync(join(dir.path, "_site/a%2Fb/index.html")));
  assert.ok(!existsSync(join(dir.path, "_site/a/b")), "not a folder a/ with b/ in it");
  const sitemap = Deno.readTextFileSync(join(dir.path, "_site/sitemap.xml"));
  assert.match(sitemap, /\/a%252Fb\/<\/loc>/);
});

Deno.test("render: a page whose url is a file floe writes names the page", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    "content/map.md": "---\ntitle: Map\nurl: /sitemap.xml\n---\nx\n",
  });
  const run = await runCli(["build", dir.path]);
  assertFailedCleanly(run, dir.path);
  assert.match(
    run.stderr,
    /content\/map\.md: error\[url-collision\]: sitemap\.xml is written by floe and by the site/,
  );
});

Deno.test("render: a date written with an offset shows the author's day; feeds and order keep the instant", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    // 23:30 in New York on January 1 is 04:30 UTC on January 2.
    "content/posts/late.md": "---\ntitle: Late\ndate: 2024-01-01T23:30:00-05:00\n---\nx\n",
    "content/posts/early.md": "---\ntitle: Early\ndate: 2024-01-02T01:00:00Z\n---\nx\n",
  });
  const run = await runCli(["build", dir.path, "-q"]);
  assert.equal(run.code, 0, run.stderr);
  const read = (path: string) => Deno.readTextFileSync(join(dir.path, "_site", path));
  assert.match(
    read("posts/late/index.html"),
    /datetime="2024-01-01T23:30:00\.000-05:00">January 1, 2024</,
  );
  assert.match(read("sitemap.xml"), /<lastmod>2024-01-02T04:30:00Z<\/lastmod>/);
  const list = read("posts/index.html");
  assert.ok(list.indexOf("/posts/late/") < list.indexOf("/posts/early/"), "newest instant first");
});

Deno.test("render: a filter that does not return is stopped after renderTimeLimit, naming the page", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    "content/a.md": "---\ntitle: Spin\n---\nA.\n",
    // Busy for a while, then it would end: the limit must act first.
    "floe.config.ts": `export default {
  renderTimeLimit: 1,
  filters: {
    spin: (v: string) => {
      if (v === "Spin") { const until = Date.now() + 20_000; while (Date.now() < until) { /* busy */ } }
      return v;
    },
  },
};
`,
    "layouts/_default/base.vto": "<html>{{ page.title |> spin }}{{ content }}</html>\n",
  });
  const started = performance.now();
  const run = await runCli(["build", dir.path]);
  assertFailedCleanly(run, dir.path);
  assert.ok(performance.now() - started < 15_000, "stopped, not waited for");
  assert.match(
    run.stderr,
    /content\/a\.md: error\[render-timeout\]: rendering \/a\/ took more than 1 s \(layouts: _default\/page\.vto, _default\/base\.vto\)/,
  );
  assert.match(run.stderr, /hint: floe stopped it/);
});

Deno.test("render: JavaScript in a layout that does not end is stopped too, in a small site", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    "content/a.md": "---\ntitle: Spin\n---\nA.\n",
    "floe.config.ts": "export default { renderTimeLimit: 1 };\n",
    // A small one-shot build renders on the main thread, unless a layout could loop.
    "layouts/_default/base.vto":
      "<html>{{ (() => { const until = Date.now() + 20_000; while (page.title === 'Spin' && Date.now() < until) {} })() }}{{ content }}</html>\n",
  });
  const run = await runCli(["build", dir.path]);
  assertFailedCleanly(run, dir.path);
  assert.match(
    run.stderr,
    /content\/a\.md: error\[render-timeout\]: rendering \/a\/ took more than 1 s/,
  );
});

Deno.test("render: a Vento expression that is not valid JavaScript is located at its tag", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    ...HOME,
    "layouts/_default/base.vto":
      "<html>\n<body>{{ page.title |> upper }}\n<h1>{{ page.title + }}</h1>\n{{ content }}</body></html>\n",
  });
  const run = await runCli(["build", dir.path]);
  assertFailedCleanly(run, dir.path);
  assert.match(run.stderr, /layouts\/_default\/base\.vto:3:5: error\[template-syntax\]/);
  assert.match(run.stderr, /3 \| <h1>\{\{ page\.title \+ \}\}<\/h1>/);
});
