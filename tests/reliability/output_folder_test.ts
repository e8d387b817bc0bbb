/**
 * floe replaces only output folders it made: a file, a folder of someone's
 * files or a symlink given as the output is refused, untouched, with a hint;
 * `--replace-output` allows a foreign folder; every folder floe writes is marked.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { OUTPUT_MARKER } from "../../src/output/ownership.ts";
import { listOutputFiles } from "../../src/output/writer.ts";
import { runCli } from "../support/run_cli.ts";
import { tempDir, writeSite } from "../support/tree.ts";

const SITE = {
  "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
  "content/a.md": "---\ntitle: A\n---\nA page.\n",
};

/** Every entry under `dir` with its bytes (files) or "dir"/"link -> target". */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = join(entry.parentPath, entry.name);
    const stat = lstatSync(abs);
    out[abs] = stat.isSymbolicLink()
      ? `link -> ${Deno.readLinkSync(abs)}`
      : stat.isDirectory()
      ? "dir"
      : readFileSync(abs, "utf8");
  }
  return out;
}

function noStaging(dir: string): void {
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes("floe-staging")), []);
}

Deno.test("output folder: an existing file is refused and kept", async () => {
  using dir = tempDir();
  writeSite(join(dir.path, "site"), SITE);
  const notes = join(dir.path, "notes.txt");
  writeFileSync(notes, "my notes\n");
  const before = snapshot(dir.path);
  const run = await runCli(["build", join(dir.path, "site"), "--out", notes]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /error\[output-folder\]: the output path .*notes\.txt is a file/);
  assert.match(run.stderr, /hint: choose another --out/);
  assert.deepEqual(snapshot(dir.path), before);
});

Deno.test("output folder: a folder floe did not make is refused, every error reported, nothing touched", async () => {
  using dir = tempDir();
  writeSite(join(dir.path, "site"), { ...SITE, "content/bad.md": "---\ntitle: [\n---\n" });
  writeSite(join(dir.path, "Documents"), { "thesis.txt": "precious\n", "photos/a.jpg": "jpg" });
  const before = snapshot(dir.path);
  const run = await runCli(["build", join(dir.path, "site"), "--out", join(dir.path, "Documents")]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stderr,
    /the output folder .*Documents holds files floe did not write \("photos", "thesis\.txt"\)/,
  );
  assert.match(run.stderr, /--replace-output/);
  // The content error is reported in the same run.
  assert.match(run.stderr, /content\/bad\.md:\d+:\d+: error\[front-matter\]/);
  assert.match(run.stderr, /build failed with 2 errors/);
  assert.deepEqual(snapshot(dir.path), before);
});

Deno.test("output folder: --replace-output replaces a foreign folder once; then it is floe's", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  const out = join(dir.path, "public");
  writeSite(site, SITE);
  writeSite(out, { "old.html": "from another tool\n" });
  const first = await runCli(["build", site, "--out", out, "--replace-output", "-q"]);
  assert.equal(first.code, 0, first.stderr);
  assert.ok(!existsSync(join(out, "old.html")), "the foreign file is replaced");
  assert.ok(existsSync(join(out, "a/index.html")));
  assert.match(readFileSync(join(out, OUTPUT_MARKER), "utf8"), /output of floe/);
  const again = await runCli(["build", site, "--out", out, "--clean", "-q"]);
  assert.equal(again.code, 0, again.stderr);
  noStaging(dir.path);
});

Deno.test("output folder: a symlink is refused; the link and its target are kept", async () => {
  using dir = tempDir();
  writeSite(join(dir.path, "site"), SITE);
  writeSite(join(dir.path, "target"), { "keep.txt": "kept\n" });
  symlinkSync(join(dir.path, "target"), join(dir.path, "link"));
  const before = snapshot(dir.path);
  const run = await runCli(["build", join(dir.path, "site"), "--out", join(dir.path, "link")]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /the output folder .*link is a symbolic link/);
  assert.deepEqual(snapshot(dir.path), before);
});

Deno.test("output folder: a new or empty folder is written and marked; a remembered unmarked one is accepted", async () => {
  using dir = tempDir();
  const site = join(dir.path, "site");
  writeSite(site, SITE);
  Deno.mkdirSync(join(dir.path, "empty"));
  for (const name of ["new", "empty"]) {
    const run = await runCli(["build", site, "--out", join(dir.path, name), "-q"]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(dir.path, name, OUTPUT_MARKER)), `${name} is marked`);
  }
  // An output folder made before floe marked its folders: the cache remembers it.
  const out = join(site, "_site");
  assert.equal((await runCli(["build", site, "-q"])).code, 0);
  Deno.removeSync(join(out, OUTPUT_MARKER));
  const run = await runCli(["build", site, "-q"]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(existsSync(join(out, OUTPUT_MARKER)), "marked again");
  noStaging(site);
});

Deno.test("output folder: a build with no provenance lists every file and link there, enters no link, skips the marker", () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const out = join(dir, "_site");
  assert.deepEqual(listOutputFiles(out), [], "no folder yet");
  writeSite(out, {
    [OUTPUT_MARKER]: "",
    "index.html": "home",
    "a/index.html": "a",
    "a/b/c/index.html": "c",
    "nested/.floe-output": "not the folder's marker: a file like any other",
  });
  Deno.mkdirSync(join(out, "empty"));
  const elsewhere = join(dir, "elsewhere");
  writeSite(elsewhere, { "secret.html": "not an output" });
  symlinkSync(elsewhere, join(out, "linked"));
  symlinkSync(join(elsewhere, "secret.html"), join(out, "a/file-link.html"));
  assert.deepEqual(listOutputFiles(out).sort(), [
    "a/b/c/index.html",
    "a/file-link.html",
    "a/index.html",
    "index.html",
    "linked",
    "nested/.floe-output",
  ]);
});
