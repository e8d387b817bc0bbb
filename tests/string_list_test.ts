/**
 * Packed string lists (`base/string_list.ts`): what a link scan is carried and
 * stored as.
 */
import assert from "node:assert/strict";
import { serialize } from "node:v8";
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

Deno.test("string list: ASCII hrefs sliced from a page with wider characters are kept one byte a character", () => {
  // A slice of 13 characters or more shares its page's two-byte storage, and so
  // does a string joined from such slices. V8 serializes a one-byte string with a
  // different tag: the serialized size shows which the packed text is.
  const page =
    "<p>Intro — more</p><a href='/docs/section/page-00001/'>a</a><a href='#intro-to-things'>b</a>";
  const at = (href: string) => page.slice(page.indexOf(href), page.indexOf(href) + href.length);
  const hrefs = [at("/docs/section/page-00001/"), at("#intro-to-things")];
  const text = "/docs/section/page-00001/#intro-to-things";
  assert.ok(
    serialize(hrefs.join("")).length > serialize(text).length,
    "the joined slices are two-byte",
  );
  const packed = packStrings(hrefs);
  assert.equal(packed.text, text);
  assert.equal(serialize(packed.text).length, serialize(text).length);
  assert.deepEqual(unpackStrings(packed), hrefs);
  const wide = packStrings(["/é/", "/—/"]);
  assert.deepEqual(unpackStrings(wide), ["/é/", "/—/"]);
});
