import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "../mod.ts";
import { assertGolden, assertSameTree, tempDir } from "./support/tree.ts";

const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;

for (const name of readdirSync(FIXTURES).sort()) {
  const site = join(FIXTURES, name, "site");
  if (!existsSync(site)) continue;
  Deno.test(`fixture ${name}: output matches the golden tree, for 1 and 3 workers`, async () => {
    using one = tempDir();
    using three = tempDir();
    // No cache: these sites live in the repository.
    const r1 = await build({
      root: site,
      cacheDir: false,
      overrides: { outputDir: one.path, workers: 1 },
    });
    await build({ root: site, cacheDir: false, overrides: { outputDir: three.path, workers: 3 } });
    if (r1.warnings.length) {
      throw new Error(`unexpected warnings: ${JSON.stringify(r1.warnings)}`);
    }
    assertGolden(one.path, join(FIXTURES, name, "expected"));
    assertSameTree(three.path, one.path);
  });
}
