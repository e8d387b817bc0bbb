/**
 * Work a build starts early, before it knows it will succeed: the parse cache is
 * written as soon as the pages are parsed, and a first build sends its snapshot to
 * the render workers as soon as it is built. A build that fails after either must
 * leave nothing wrong behind.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, BuildError, SiteSession } from "../../mod.ts";
import { ParseStore } from "../../src/remember/store.ts";
import { tempDir, writeSite } from "../support/tree.ts";

/** Enough pages that they render in workers, and a layout that fails on one of them. */
function site(dir: string): void {
  const files: Record<string, string> = {
    "content/_index.md": "---\ntitle: Home\n---\nHome",
    "layouts/_default/page.vto": "{{ page.title }}: {{ page.params.fail.x }}",
  };
  for (let i = 0; i < 30; i++) {
    files[`content/p${i}.md`] = `---\ntitle: P${i}\n${
      i === 7 ? "" : "fail: { x: ok }\n"
    }---\nPage ${i}`;
  }
  writeSite(dir, files);
}

const FIXED = "{{ page.title }}: {{ page.params.fail?.x ?? 'fixed' }}";

Deno.test("overlap: a build that fails after parsing keeps its parses, and the next build reuses them", async () => {
  using dir = tempDir();
  site(dir.path);
  await assert.rejects(
    build({ root: dir.path, overrides: { workers: 2 } }),
    (e) => e instanceof BuildError && /rendering content\/p7\.md/.test(e.message),
  );
  assert.equal(existsSync(join(dir.path, "_site")), false, "a failed build writes no output");
  assert.equal(existsSync(join(dir.path, ".floe-cache/state.bin")), false, "nor a state");
  const store = new ParseStore(join(dir.path, ".floe-cache"));
  for (let i = 0; i < 30; i++) {
    assert.equal(store.page(`content/p${i}.md`)?.frontMatter.title, `P${i}`, `p${i} was cached`);
  }

  writeFileSync(join(dir.path, "layouts/_default/page.vto"), FIXED);
  const trace = join(dir.path, "trace.json");
  const good = await build({ root: dir.path, overrides: { workers: 2 }, trace });
  assert.ok(good.ok, JSON.stringify(good.diagnostics));
  const { traceEvents } = JSON.parse(readFileSync(trace, "utf8"));
  const parsed = traceEvents.filter((e: { name: string }) => e.name === "parse batch");
  assert.equal(parsed.length, 0, "no page is parsed again");
  assert.equal(readFileSync(join(dir.path, "_site/p7/index.html"), "utf8"), "P7: fixed");
  assert.equal(readFileSync(join(dir.path, "_site/p3/index.html"), "utf8"), "P3: ok");
});

Deno.test("overlap: a session whose first build fails after sending its snapshot builds again, then incrementally", async () => {
  using dir = tempDir();
  site(dir.path);
  const session = new SiteSession({ root: dir.path, overrides: { workers: 2 } });
  try {
    const failed = await session.build();
    assert.equal(failed.ok, false);
    assert.ok(failed.phases.share > 0, "the snapshot was sent before the plan");

    writeFileSync(join(dir.path, "layouts/_default/page.vto"), FIXED);
    const good = await session.build();
    assert.ok(good.ok, JSON.stringify(good.diagnostics));
    assert.equal(readFileSync(join(dir.path, "_site/p7/index.html"), "utf8"), "P7: fixed");

    // The workers hold the good build's snapshot: an edit is a patch, one page rendered.
    writeFileSync(
      join(dir.path, "content/p3.md"),
      "---\ntitle: P3\nfail: { x: edited }\n---\nPage 3",
    );
    const edit = await session.build({ changed: [join(dir.path, "content/p3.md")] });
    assert.ok(edit.ok, JSON.stringify(edit.diagnostics));
    assert.deepEqual(edit.rendered, ["p3/index.html"]);
    assert.equal(edit.phases.share ?? 0, 0, "nothing sent whole");
    assert.equal(readFileSync(join(dir.path, "_site/p3/index.html"), "utf8"), "P3: edited");
  } finally {
    await session.close();
  }
});

Deno.test("overlap: a render worker never makes the staging folder again once it is gone", async () => {
  // What a worker stopped with its build may do: write after the folder was removed.
  // Here a filter removes it mid-render: the writes fail, and nothing is committed.
  using dir = tempDir();
  site(dir.path);
  writeFileSync(
    join(dir.path, "floe.config.ts"),
    `function gone(site) {
  site.filter("gone", (value) => {
    for (const e of Deno.readDirSync(${JSON.stringify(dir.path)})) {
      if (e.name.includes("floe-staging")) Deno.removeSync(${
      JSON.stringify(dir.path)
    } + "/" + e.name, { recursive: true });
    }
    return value;
  });
}
export default { plugins: [gone] };
`,
  );
  writeFileSync(join(dir.path, "layouts/_default/page.vto"), `{{ page.title |> gone }}`);
  await assert.rejects(
    build({ root: dir.path, overrides: { workers: 1 } }),
    (e) => e instanceof BuildError && /could not write/.test(e.message),
  );
  assert.equal(existsSync(join(dir.path, "_site")), false, "nothing half-made is committed");
  const left = [...Deno.readDirSync(dir.path)].filter((e) => e.name.includes("floe-staging"));
  assert.deepEqual(left, []);
});
