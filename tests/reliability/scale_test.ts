/**
 * Sizes real sites reach: a blog of 5,000 posts in one section (its prev/next
 * chain once overflowed the serializer's stack), and one page of 50 MB. The
 * 100,000-page section is `deno task bench:one-section`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

const HOME = { "content/_index.md": "---\ntitle: Home\n---\nHome.\n" };

Deno.test("scale: a section of 5,000 pages builds, its first and last pages linked in order", async () => {
  using dir = tempDir();
  const files: Record<string, string> = { ...HOME };
  for (let i = 0; i < 5000; i++) {
    const n = String(i).padStart(4, "0");
    // One post a day, newest last in file order: the section lists newest first.
    const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    files[`content/blog/p${n}.md`] = `---\ntitle: Post ${n}\ndate: ${day}\n---\nPost ${n}.\n`;
  }
  writeSite(dir.path, files);
  const run = await runCli(["build", dir.path, "-q"]);
  assert.equal(run.code, 0, run.stderr);
  const page = (n: string) => readFileSync(join(dir.path, `_site/blog/p${n}/index.html`), "utf8");
  // The newest post has only an older neighbour, the oldest only a newer one.
  assert.match(page("4999"), /href="\/blog\/p4998\/"/);
  assert.match(page("0000"), /href="\/blog\/p0001\/"/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

Deno.test("scale: a big site whose parse fails ends with the error (its render workers, started during the parse, do not keep it)", async () => {
  using dir = tempDir();
  const files: Record<string, string> = { ...HOME };
  for (let i = 0; i < 4500; i++) files[`content/p${i}.md`] = `---\ntitle: P${i}\n---\nP${i}.\n`;
  files["content/p4321.md"] = "---\ntitle: [unclosed\n---\nBad.\n";
  writeSite(dir.path, files);
  const run = await runCli(["build", dir.path, "-q"]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /content\/p4321\.md:3:1: error\[front-matter\]/);
  assert.match(run.stderr, /the output folder was not changed/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

Deno.test("scale: a 50 MB page builds", async () => {
  using dir = tempDir();
  const paragraph = "Words of a long page, with *emphasis*, a [link](/) and `code`.\n\n";
  const part = `## Part\n\n${paragraph.repeat(50)}`;
  const body = part.repeat(Math.ceil((50 * 2 ** 20) / part.length));
  writeSite(dir.path, { ...HOME, "content/big.md": `---\ntitle: Big\n---\n${body}` });
  const run = await runCli(["build", dir.path, "-q"]);
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(join(dir.path, "_site/big/index.html"), "utf8");
  assert.ok(html.length > 50 * 2 ** 20, "the whole page is there");
  // Headings of equal text got distinct ids all the way down.
  assert.match(html, /id="part-1000"/);
});
