/**
 * Packed string lists (`base/string_list.ts`): what a link scan is carried and
 * stored as.
 */
import assert from "node:assert/strict";
import { packStrings, unpackStrings } from "../src/base/string_list.ts";

Deno.test("string list: strings read back as they were, empty ones and non-ASCII included", () => {
  const strings = ["/a/", "", "#résumé", "😀/x", "", "https://example.org/?q=1&r=2"];
  const packed = packStrings(strings);
  assert.equal(packed.text, strings.join(""));
  // Ends count UTF-16 units, as `slice` does: the emoji is two.
  assert.deepEqual([...packed.ends], [3, 3, 10, 14, 14, 42]);
  assert.deepEqual(unpackStrings(packed), strings);
});

Deno.test("string list: an empty list", () => {
  assert.deepEqual(unpackStrings(packStrings([])), []);
  assert.equal(packStrings([]).text, "");
});
