/**
 * File-system failures are said in words, from the errors Deno and Node really
 * throw: a full disk (/dev/full refuses every write with ENOSPC), a name too
 * long, a missing folder, a folder written as a file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeIoError, ioErrorCode, ioErrorHint } from "../../src/errors/io_error.ts";
import { tempDir } from "../support/tree.ts";

function thrown(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new assert.AssertionError({ message: "expected an error" });
}

Deno.test("io errors: a full disk, from Deno's and Node's writes", {
  ignore: Deno.build.os !== "linux",
}, () => {
  for (
    const e of [
      thrown(() => Deno.writeFileSync("/dev/full", new Uint8Array(1))),
      thrown(() => writeFileSync("/dev/full", "x")),
    ]
  ) {
    assert.equal(ioErrorCode(e), "ENOSPC");
    assert.equal(describeIoError(e), "the disk is full (ENOSPC)");
    assert.match(ioErrorHint(e) ?? "", /free some space/);
  }
});

Deno.test("io errors: a name too long, a missing folder, a folder as a file", () => {
  using dir = tempDir();
  const long = thrown(() => Deno.writeFileSync(join(dir.path, "a".repeat(300)), new Uint8Array(1)));
  assert.equal(
    describeIoError(long),
    "a file name is longer than the file system allows (ENAMETOOLONG)",
  );
  assert.match(ioErrorHint(long) ?? "", /shorten/);
  const missing = thrown(() => writeFileSync(join(dir.path, "no/such/file"), "x"));
  assert.equal(describeIoError(missing), "no such file or folder (ENOENT)");
  const folder = thrown(() => Deno.writeFileSync(dir.path, new Uint8Array(1)));
  assert.equal(ioErrorCode(folder), "EISDIR");
});

Deno.test("io errors: anything else keeps its own message, without Deno's os error number", () => {
  assert.equal(describeIoError(new Error("something odd (os error 99)")), "something odd");
  assert.equal(ioErrorCode(new Error("plain")), undefined);
});
