/**
 * Output is byte-identical whatever the number of workers, and a builder reused
 * across builds (as the dev server will) gives the same bytes as a fresh one.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { build, SiteSession } from "../mod.ts";
import { assertSameTree, readTree, tempDir, writeSite } from "./support/tree.ts";

const GENERATOR = new URL("../bench/gen_corpus.mjs", import.meta.url).pathname;

async function corpus(dir: string, pages: number): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", GENERATOR, dir, String(pages)],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
}

Deno.test("a 300-page corpus builds byte-identically with 1, 2 and 4 workers", async () => {
  using site = tempDir();
  await corpus(site.path, 300);
  {
    const outputs: string[] = [];
    for (const workers of [1, 2, 4]) {
      const out = join(site.path, `out-${workers}`);
      const result = await build({
        root: site.path,
        overrides: { outputDir: out, workers },
      });
      assert.equal(result.workers, workers);
      // 300 pages, 21 list pages, /tags/ and its 50 terms, 404, 99 further pages
      // of paginated listings; plus the css, theme assets, feeds, sitemap …
      assert.equal(result.pages, 472);
      assert.equal(result.files, 520);
      outputs.push(out);
    }
    assertSameTree(outputs[1], outputs[0]);
    assertSameTree(outputs[2], outputs[0]);
    // Template syntax inside Markdown stays literal.
    const tree = readTree(outputs[0]);
    const withBraces =
      [...tree.values()].filter((b) => new TextDecoder().decode(b).includes("{{")).length;
    assert.ok(withBraces > 0, "the corpus has literal {{ }} in code blocks and it must survive");
  }
});

Deno.test("a reused session gives the same output and reports the same hashes", async () => {
  using site = tempDir();
  await corpus(site.path, 40);
  const fresh = new SiteSession({
    root: site.path,
    cacheDir: false,
    overrides: { outputDir: join(site.path, "a"), workers: 2 },
  });
  const reused = new SiteSession({
    root: site.path,
    cacheDir: false,
    overrides: { outputDir: join(site.path, "b"), workers: 2 },
  });
  try {
    const a = await fresh.build();
    await reused.build();
    const b = await reused.build({ changed: [] });
    assert.equal(b.rendered.length, 0, "nothing changed: nothing rendered");
    assertSameTree(join(site.path, "b"), join(site.path, "a"));
    assert.deepEqual(b.outputs, a.outputs);
    // Each reported hash is the sha256 of the file written (copies: a source fingerprint).
    const tree = readTree(join(site.path, "a"));
    for (const record of a.outputs.filter((o) => !o.hash.startsWith("stat:"))) {
      assert.equal(
        record.hash,
        createHash("sha256").update(tree.get(record.path)!).digest("hex"),
        record.path,
      );
      assert.equal(record.bytes, tree.get(record.path)!.length);
    }
  } finally {
    await fresh.close();
    await reused.close();
  }
});

Deno.test("a page far bigger than the others, in three-byte UTF-8, is written whole in a worker", async () => {
  using site = tempDir();
  // Each worker encodes pages into one buffer it grows: a 300,000-character page
  // after small ones must not be cut to the small pages' size.
  const big = "€é✓ ".repeat(75_000);
  const files: Record<string, string> = { "content/_index.md": "Home" };
  for (let i = 0; i < 30; i++) files[`content/p${i}.md`] = `---\ntitle: P${i}\n---\nsmall ${i}`;
  files["content/zz-big.md"] = `---\ntitle: Big\n---\n${big}`;
  writeSite(site.path, files);
  const out = join(site.path, "out");
  await build({ root: site.path, overrides: { outputDir: out, workers: 2 } });
  const html = Deno.readTextFileSync(join(out, "zz-big", "index.html"));
  assert.ok(html.includes(`<p>${big.trim()}</p>`), "the big page's body is all there");
  assert.ok(html.trimEnd().endsWith("</html>"));
});
