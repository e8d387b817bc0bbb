/** Behaviour of builds in a long-lived process, and of site layouts. */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, BuildError, SiteSession } from "../mod.ts";
import { builtinFilters } from "../src/render/filters.ts";
import { tempDir, writeSite } from "./support/tree.ts";

Deno.test("session: a long-lived session sees edits to the config and its filters", async () => {
  using dir = tempDir();
  const config = (word: string) =>
    `export default { title: "${word}", filters: { tag: (s: string) => s + "-${word}" } };\n`;
  writeSite(dir.path, {
    "floe.config.ts": config("one"),
    "content/_index.md": "---\ntitle: Home\nlayout: t\n---\n",
    "layouts/t.vto": "{{ site.title }} {{ page.title |> tag }}",
  });
  const session = new SiteSession({ root: dir.path, overrides: { workers: 1 } });
  try {
    assert.ok((await session.build()).ok);
    assert.equal(readFileSync(join(dir.path, "_site/index.html"), "utf8"), "one Home-one");
    writeFileSync(join(dir.path, "floe.config.ts"), config("two"));
    const report = await session.build();
    assert.equal(report.full, "the config, floe or a library changed");
    assert.equal(readFileSync(join(dir.path, "_site/index.html"), "utf8"), "two Home-two");
  } finally {
    await session.close();
  }
});

Deno.test("builder: filters passed as options are refused with a hint", async () => {
  using dir = tempDir();
  writeSite(dir.path, { "content/_index.md": "Home" });
  await assert.rejects(
    build({ root: dir.path, overrides: { filters: { x: (s: string) => s } } }),
    (e) => e instanceof BuildError && /define them in floe\.config\.ts/.test(e.message),
  );
});

Deno.test("layouts: the site's fallbacks win over floe's, and content/index.md is the home", async () => {
  using dir = tempDir();
  writeSite(dir.path, {
    "content/index.md": "---\ntitle: Root\n---\nWelcome",
    "content/docs/a.md": "---\ntitle: A\n---\nA",
    "layouts/_default/section.vto": "section:{{ page.kind }}:{{ page.title }}",
    "layouts/_default/page.vto": "{ page: {{ page.title }} }",
  });
  const result = await build({ root: dir.path, overrides: { workers: 1 } });
  assert.equal(result.pages, 5, "home, docs, docs/a, the tags page and 404.html");
  const read = (p: string) => readFileSync(join(dir.path, "_site", p), "utf8");
  assert.equal(
    read("index.html"),
    "section:home:Root",
    "home falls back to the site's section layout",
  );
  assert.equal(read("docs/index.html"), "section:section:Docs");
  assert.equal(read("docs/a/index.html"), "{ page: A }", "a layout starting with { is a template");
});

Deno.test("filters: url, absURL with and without a host, dates in UTC", () => {
  const hosted = builtinFilters({ baseURL: "https://example.org/docs/", language: "en" });
  assert.equal(hosted.url("/a/"), "/docs/a/");
  assert.equal(hosted.absURL("/a/"), "https://example.org/docs/a/");
  assert.equal(hosted.url("https://x.org/"), "https://x.org/");
  const local = builtinFilters({ baseURL: "/", language: "en" });
  assert.equal(local.absURL("/a/"), "/a/");
  assert.equal(local.date("2024-01-05"), "January 5, 2024");
  assert.equal(local.date("2024-01-05T23:30:00.000Z", "short"), "2024-01-05");
  assert.equal(local.date(null), "");
  // Each text and format is formatted once and kept: asked again, in another format
  // or as another text of the same day, each gets its own answer.
  assert.equal(local.date("2024-01-05", "short"), "2024-01-05");
  assert.equal(local.date("2024-01-05", "iso"), "2024-01-05T00:00:00.000Z");
  assert.equal(local.date("2024-01-05T23:30:00-05:00"), "January 5, 2024");
  assert.equal(local.date("2024-01-05T23:30:00-05:00", "iso"), "2024-01-06T04:30:00.000Z");
  assert.equal(local.date("2024-01-05"), "January 5, 2024");
  assert.equal(local.date("2024-01-05", { month: "short" }), "Jan");
  // Kept by day for the day-only formats: other times of a day, other days, days
  // JavaScript rolls over, and texts that are not dates (kept as they are).
  assert.equal(local.date("2024-01-05T00:10:00Z"), "January 5, 2024");
  assert.equal(local.date("2024-01-06T00:10:00+09:00"), "January 6, 2024");
  assert.equal(local.date("2024-01-06T00:10:00+09:00", "short"), "2024-01-06");
  assert.equal(local.date("2024-02-30"), "March 1, 2024");
  assert.equal(local.date("2024-01-05 or so"), "2024-01-05 or so");
  assert.equal(local.date("2024-01-05T10:00:00 EST"), "2024-01-05T10:00:00 EST");
  assert.equal(local.date("2024-02-29T10:00:00Z"), "February 29, 2024");
  assert.equal(local.date("2024-02-29T24:00:00Z"), "March 1, 2024");
  const german = builtinFilters({ baseURL: "/", language: "de" });
  assert.equal(german.date("2024-01-05"), "5. Januar 2024");
});

Deno.test("builder: by default a small site gets one worker per pool", async () => {
  using dir = tempDir();
  writeSite(dir.path, { "content/_index.md": "Home", "content/a.md": "A" });
  const result = await build({ root: dir.path });
  assert.equal(result.workers, 1, "below 2,000 pages a second worker costs more than it saves");
  const explicit = await build({ root: dir.path, overrides: { workers: 2 } });
  assert.equal(explicit.workers, 2);
});
