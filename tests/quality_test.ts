/**
 * floe's own code passes the gates a JSR package must: formatting, lint (with
 * floe's own thread-safety plugin), type checks, doc lint and a publish dry run.
 */
import assert from "node:assert/strict";
import { OUTPUT_DEPENDENCIES } from "../src/base/version.ts";
import { V8_FLAGS } from "../src/cli/v8_flags.ts";

const ROOT = new URL("../", import.meta.url).pathname;

async function deno(...args: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `deno ${args.join(" ")} failed:\n${text}`);
}

Deno.test("quality: deno fmt --check", () => deno("fmt", "--check"));
Deno.test("quality: deno lint (with the floe plugin)", () => deno("lint"));
Deno.test("quality: deno check", () => deno("check", "main.ts", "mod.ts", "workers/", "tests/"));
Deno.test("quality: deno doc --lint mod.ts", () => deno("doc", "--lint", "mod.ts"));
Deno.test("quality: deno publish --dry-run", () => deno("publish", "--dry-run", "--allow-dirty"));

Deno.test("quality: floe's npm imports name the versions package.json installs and deno.json maps", () => {
  const pkg = JSON.parse(Deno.readTextFileSync(`${ROOT}package.json`));
  const installed: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };
  const mapped: Record<string, string> =
    JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)).imports;
  const seen = new Set<string>();
  for (const dir of ["src", "workers", "lint-rules"]) {
    for (const entry of Deno.readDirSync(`${ROOT}${dir}`)) {
      const files = entry.isDirectory
        ? [...Deno.readDirSync(`${ROOT}${dir}/${entry.name}`)].map((e) =>
          `${dir}/${entry.name}/${e.name}`
        )
        : [`${dir}/${entry.name}`];
      for (const file of files.filter((f) => f.endsWith(".ts"))) {
        const text = Deno.readTextFileSync(`${ROOT}${file}`);
        for (const [, name, version] of text.matchAll(/"npm:((?:@[^/"]+\/)?[^@/"]+)@([^/"]+)/g)) {
          seen.add(name);
          // A library that shapes output invalidates the caches when its version moves.
          assert.equal(
            OUTPUT_DEPENDENCIES[name],
            version,
            `${file}: ${name} in OUTPUT_DEPENDENCIES`,
          );
          assert.equal(version, installed[name], `${file}: npm:${name}@${version} vs package.json`);
          assert.equal(
            mapped[name],
            `npm:${name}@${version}`,
            `${file}: ${name} vs deno.json imports`,
          );
        }
        // A bare specifier would only resolve inside this repository (through deno.json).
        assert.doesNotMatch(text, /from "(?![.\/]|npm:|node:|jsr:)[^"]+"/, `${file}: bare import`);
      }
    }
  }
  assert.ok(seen.has("markdown-it") && seen.has("ventojs"), "the scan found floe's imports");
});

Deno.test("quality: the tasks that run floe run it with floe's V8 flags", () => {
  const { tasks } = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`));
  for (const name of ["build", "serve", "floe"]) {
    assert.ok(
      tasks[name].startsWith(`deno run -A --v8-flags=${V8_FLAGS} `),
      `${name}: ${tasks[name]}`,
    );
  }
});
