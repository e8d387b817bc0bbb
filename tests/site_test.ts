import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "../mod.ts";
import { tempDir } from "./support/tree.ts";

const SITE = new URL("../site/", import.meta.url).pathname;

Deno.test("site/: the documentation builds with zero errors and zero warnings, links checked strictly", async () => {
  using out = tempDir();
  const result = await build({
    root: SITE,
    overrides: { outputDir: join(out.path, "_site"), strict: true },
  });
  assert.deepEqual(result.warnings, []);
  assert.ok(result.pages >= 8, `only ${result.pages} pages`);
  for (
    const page of ["index.html", "docs/getting-started/index.html", "docs/configuration/index.html"]
  ) {
    assert.ok(existsSync(join(out.path, "_site", page)), page);
  }
});
