/**
 * A page keeps exactly one `<h1>`: the layout prints the title, a leading `# H1`
 * becomes the title, and other `#` headings become `##`. Checked on every page of
 * every fixture's golden output (which `golden_test.ts` keeps equal to a build).
 *
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;
/** Pages whose own layout prints no title at all (a fixture of custom layouts). */
const NO_TITLE_LAYOUT = new Set(["basic/blog/local-time/index.html"]);

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

Deno.test("every page of every fixture has exactly one <h1>", () => {
  let pages = 0;
  for (const fixture of readdirSync(FIXTURES)) {
    const expected = join(FIXTURES, fixture, "expected");
    if (!existsSync(expected)) continue;
    for (const file of htmlFiles(expected)) {
      const html = readFileSync(file, "utf8");
      if (html.includes('http-equiv="refresh"')) continue; // an alias's redirect page
      const name = `${fixture}/${relative(expected, file)}`;
      const count = html.match(/<h1[\s>]/g)?.length ?? 0;
      assert.equal(count, NO_TITLE_LAYOUT.has(name) ? 0 : 1, `${name} has ${count} <h1>`);
      pages++;
    }
  }
  assert.ok(pages > 50, `only ${pages} pages checked`);
});
