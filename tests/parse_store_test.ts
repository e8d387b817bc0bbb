/**
 * The parse cache on disk: a page read back is the page that was parsed, also
 * after its shard was written again from pages read (their encoded form is
 * dropped once read or written, and made again from the page).
 *
 * @module
 */
import assert from "node:assert/strict";
import { encodePage } from "../src/parse/page_codec.ts";
import type { ParsedPage } from "../src/parse/parse_page.ts";
import { ParseStore } from "../src/remember/store.ts";
import { tempDir } from "./support/tree.ts";

function page(file: string, n: number): ParsedPage {
  return {
    file,
    hash: `h${n}`,
    bodyHash: `b${n}`,
    frontMatter: {
      title: `Page ${n}`,
      weight: n,
      big: Infinity,
      tags: ["a", "é"],
      nested: { x: null },
    },
    keyLocations: { title: { line: 2, column: 8 } },
    html: new TextEncoder().encode(`<p>Body ${n} — ü</p>\n`),
    toc: [{ level: 2, id: "s", text: "S" }] as unknown as ParsedPage["toc"],
    excerpt: `<p>Body ${n}</p>`,
    links: [{ href: "/x/", line: 3 }],
    wordCount: 2,
    text: `Body ${n} ü`,
    foreign: [],
  };
}

const STAT = { size: 10, mtimeMs: 1, options: "o" };
const FILES = Array.from({ length: 200 }, (_, i) => `content/p${i}.md`);

Deno.test("parse store: pages read back equal the pages set, after each shard was written twice", async () => {
  using dir = tempDir();
  const cache = `${dir.path}/.floe-cache`;
  const first = new ParseStore(cache);
  FILES.forEach((f, i) => first.set(f, STAT, page(f, i), encodePage(page(f, i))));
  await first.save();

  // A later process reads every page, then a deletion and an edit make their
  // shards dirty: the other pages in them are written from what was read.
  const second = new ParseStore(cache);
  for (const f of FILES) assert.ok(second.page(f));
  second.retain(new Set(FILES.slice(1)));
  const edited = { ...page(FILES[1], 1000), file: FILES[1] };
  second.set(FILES[1], STAT, edited, encodePage(edited));
  await second.save();

  const third = new ParseStore(cache);
  assert.equal(third.stat(FILES[0]), undefined, "a forgotten file is gone");
  assert.deepEqual(third.page(FILES[1]), edited);
  FILES.slice(2).forEach((f, i) => assert.deepEqual(third.page(f), page(f, i + 2), f));
  assert.equal(third.stat(FILES[7])?.bodyHash, "b7");
});
