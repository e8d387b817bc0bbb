import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Builder } from "../mod.ts";
import { assertGolden, assertSameTree, tempDir } from "./support/tree.ts";

const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;

for (const name of readdirSync(FIXTURES).sort()) {
  const site = join(FIXTURES, name, "site");
  if (!existsSync(site)) continue;
  Deno.test(`fixture ${name}: output matches the golden tree, for 1 and 3 workers`, async () => {
    using one = tempDir();
    using three = tempDir();
    const builder = new Builder();
    try {
      const r1 = await builder.build({
        root: site,
        overrides: { outputDir: one.path, workers: 1 },
      });
      await builder.build({ root: site, overrides: { outputDir: three.path, workers: 3 } });
      if (r1.warnings.length) {
        throw new Error(`unexpected warnings: ${JSON.stringify(r1.warnings)}`);
      }
      assertGolden(one.path, join(FIXTURES, name, "expected"));
      assertSameTree(three.path, one.path);
    } finally {
      builder.close();
    }
  });
}
