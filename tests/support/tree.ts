/**
 * Test helpers: output trees as data, byte-for-byte comparison, golden files.
 *
 * @module
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { OUTPUT_MARKER } from "../../src/output/ownership.ts";

/**
 * Every file under `dir`, by relative path, with its bytes; not the marker floe
 * leaves in its output folders (the same in every one; tests/reliability/output_folder_test.ts
 * checks it).
 */
export function readTree(dir: string): Map<string, Uint8Array> {
  const tree = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    const path = relative(dir, abs).replaceAll("\\", "/");
    if (path !== OUTPUT_MARKER) tree.set(path, readFileSync(abs));
  }
  return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Asserts two folders hold the same files with the same bytes. */
export function assertSameTree(actualDir: string, expectedDir: string): void {
  const actual = readTree(actualDir);
  const expected = readTree(expectedDir);
  assert.deepEqual(
    [...actual.keys()],
    [...expected.keys()],
    `file lists differ: ${actualDir} vs ${expectedDir}`,
  );
  const decoder = new TextDecoder();
  for (const [path, bytes] of expected) {
    const got = actual.get(path)!;
    if (Buffer.compare(got, bytes) !== 0) {
      // Compare as text for a readable diff.
      assert.equal(decoder.decode(got), decoder.decode(bytes), `${path} differs`);
      assert.fail(`${path} differs in bytes`);
    }
  }
}

/**
 * Compares `actualDir` with the golden tree `expectedDir`. With
 * `UPDATE_GOLDEN=1` in the environment it replaces the golden tree instead
 * (for intended changes: review the diff before committing).
 */
export function assertGolden(actualDir: string, expectedDir: string): void {
  if (Deno.env.get("UPDATE_GOLDEN") === "1") {
    rmSync(expectedDir, { recursive: true, force: true });
    mkdirSync(expectedDir, { recursive: true });
    cpSync(actualDir, expectedDir, { recursive: true });
    rmSync(join(expectedDir, OUTPUT_MARKER), { force: true });
    return;
  }
  assertSameTree(actualDir, expectedDir);
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = "floe-test-"): { path: string; [Symbol.dispose](): void } {
  const path = Deno.makeTempDirSync({ prefix });
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes a site from a map of relative paths to contents. */
export function writeSite(
  root: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(join(abs, ".."), { recursive: true });
    Deno.writeFileSync(
      abs,
      typeof content === "string" ? new TextEncoder().encode(content) : content,
    );
  }
}
