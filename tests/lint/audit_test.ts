import assert from "node:assert/strict";
import { join } from "node:path";
import { pluginSpecifier, runAudit } from "../../src/audit/audit.ts";

const FILES: Record<string, string> = {
  "src/state.ts": `let count = 0;
export function bump() {
  count++;
  return count;
}
// deno-lint-ignore floe/no-module-mutable-state
let ignored = 0;
export const peek = () => ignored;
`,
  "src/db.ts": `declare function open(): Promise<object>;
let db: object | undefined;
export async function getDb() {
  if (!db) db = await open();
  return db;
}
`,
  "src/memo.mjs": `const cache = new Map();
export function get(k) {
  if (!cache.has(k)) cache.set(k, k | 0);
  return cache.get(k);
}
`,
  "src/clean.ts": `export const LIMIT = 10;
export function twice(n: number) { return n * 2; }
`,
  "src/broken.ts": `export const x = ;\n`,
  "src/notes.txt": `let x = 1;\n`,
  "node_modules/dep/index.js": `let leaked = 0;\nexport const f = () => leaked++;\n`,
  ".hidden/secret.ts": `let hidden = 0;\nexport const f = () => hidden++;\n`,
};

async function fixture(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "floe-audit-test-" });
  for (const [path, text] of Object.entries(FILES)) {
    const full = join(dir, path);
    await Deno.mkdir(join(full, ".."), { recursive: true });
    await Deno.writeTextFile(full, text);
  }
  return dir;
}

Deno.test("runAudit: json report, severities, ignore comments, skipped paths", async () => {
  const dir = await fixture();
  try {
    const result = await runAudit([], { format: "json", cwd: dir });
    assert.equal(
      result.files,
      5,
      "ts/js/mjs files outside node_modules and hidden dirs",
    );
    assert.deepEqual(
      result.findings.map((
        f,
      ) => [f.file, f.line, f.rule, f.severity, f.binding]),
      [
        // The rules are independent: the singleton and the memo cache are module state too.
        ["src/db.ts", 2, "floe/no-module-mutable-state", "warning", "db"],
        ["src/db.ts", 4, "floe/no-unguarded-singleton", "error", "db"],
        ["src/memo.mjs", 1, "floe/no-module-mutable-state", "warning", "cache"],
        ["src/memo.mjs", 1, "floe/no-unsafe-memo", "warning", "cache"],
        ["src/state.ts", 1, "floe/no-module-mutable-state", "warning", "count"],
      ],
    );
    assert.equal(result.errors, 1);
    assert.equal(result.warnings, 4);
    assert.deepEqual(result.unparsed.map((u) => u.file), ["src/broken.ts"]);
    assert.match(result.unparsed[0].message, /Expression expected/);

    const json = JSON.parse(result.report);
    assert.equal(json.version, 1);
    assert.deepEqual(json.totals, {
      findings: 5,
      errors: 1,
      warnings: 4,
      unparsed: 1,
    });
    assert.deepEqual(
      json.byRule.map((
        r: { rule: string; errors: number; warnings: number },
      ) => [r.rule, r.errors, r.warnings]),
      [
        ["floe/no-module-mutable-state", 0, 3],
        ["floe/no-unguarded-singleton", 1, 0],
        ["floe/no-unsafe-memo", 0, 1],
      ],
    );
    assert.deepEqual(json.modules.map((m: { file: string }) => m.file), [
      "src/db.ts",
      "src/memo.mjs",
      "src/state.ts",
    ]);
    const db = json.modules[0].findings[1];
    assert.equal(
      db.pattern,
      "is checked and then assigned after an `await` in `getDb()` (`if (!db) db = …`)",
    );
    assert.match(db.hint, /Store the promise synchronously/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runAudit: markdown report has totals and one table per module", async () => {
  const dir = await fixture();
  try {
    const { report, errors } = await runAudit(["src"], {
      format: "md",
      cwd: dir,
    });
    assert.equal(errors, 1);
    assert.match(report, /^# floe audit\n/);
    assert.match(
      report,
      /5 files audited, 5 findings \(1 error, 4 warnings\), 1 file not parsed/,
    );
    assert.match(report, /\| `floe\/no-unguarded-singleton` \| 1 \| 0 \| 1 \|/);
    assert.match(
      report,
      /\| \*\*Total\*\* \| \*\*1\*\* \| \*\*4\*\* \| \*\*5\*\* \|/,
    );
    assert.match(
      report,
      /## `src\/db\.ts`\n\n\| Line \| Severity \| Rule \| Binding \| Pattern \| Suggested fix \|/,
    );
    assert.match(
      report,
      /\| 4 \| error \| `floe\/no-unguarded-singleton` \| `db` \|/,
    );
    assert.match(
      report,
      /## Not parsed\n\n\| File \| Error \|\n\| --- \| --- \|\n\| `src\/broken\.ts` \|/,
    );
    // Pipes inside cells are escaped so the table stays intact.
    for (
      const line of report.split("\n").filter((l) => l.startsWith("| 1 |"))
    ) {
      assert.equal(line.split(/(?<!\\)\|/).length, 8, line);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runAudit: text report and a clean run (exit semantics)", async () => {
  const dir = await fixture();
  try {
    const text = await runAudit(["src/state.ts", "src/db.ts"], {
      format: "text",
      cwd: dir,
    });
    assert.equal(text.files, 2);
    assert.equal(text.errors, 1, "the CLI exits 1");
    assert.match(
      text.report,
      /^floe audit: 2 files audited, 3 findings \(1 error, 2 warnings\)/,
    );
    assert.match(
      text.report,
      /src\/db\.ts \(2\)\n\s+2 {2}warning\s+floe\/no-module-mutable-state {2}`db` is a module-level `let`.*\n.*\n\s+4 {2}error\s+floe\/no-unguarded-singleton {2}`db` is checked/,
    );
    assert.match(text.report, /fix: Store the promise synchronously/);

    const clean = await runAudit([join(dir, "src/clean.ts")], {
      format: "text",
      cwd: dir,
    });
    assert.equal(clean.errors, 0, "the CLI exits 0");
    assert.equal(clean.warnings, 0);
    assert.match(clean.report, /No findings\./);

    const warningsOnly = await runAudit(["src/memo.mjs"], {
      format: "text",
      cwd: dir,
    });
    assert.equal(
      warningsOnly.errors,
      0,
      "warnings alone do not fail the audit",
    );
    assert.equal(warningsOnly.warnings, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runAudit: a path inside node_modules is audited when given explicitly", async () => {
  const dir = await fixture();
  try {
    const result = await runAudit(["node_modules/dep"], {
      format: "json",
      cwd: dir,
    });
    assert.deepEqual(result.findings.map((f) => [f.file, f.binding]), [[
      "node_modules/dep/index.js",
      "leaked",
    ]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runAudit: a missing path is an error, not an empty report", async () => {
  await assert.rejects(
    () => runAudit(["/nonexistent/floe"], { format: "text" }),
    /cannot read/,
  );
});

Deno.test("runAudit: works under deno run (not only deno test)", async () => {
  const dir = await fixture();
  try {
    const script = join(dir, "run.ts");
    const audit = new URL("../../src/audit/audit.ts", import.meta.url).href;
    await Deno.writeTextFile(
      script,
      `import { runAudit } from ${JSON.stringify(audit)};
const r = await runAudit(["src/db.ts"], { format: "json", cwd: ${JSON.stringify(dir)} });
console.log(JSON.stringify({ errors: r.errors, warnings: r.warnings }));`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", script],
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), {
      errors: 1,
      warnings: 1,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pluginSpecifier points at the local plugin", () => {
  assert.equal(
    pluginSpecifier(),
    new URL("../../lint-rules/mod.ts", import.meta.url).href,
  );
});
