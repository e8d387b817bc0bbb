/**
 * The snapshot packed for other threads: read back whole it is the snapshot
 * again, record for record and in the same order; opened in place, each page
 * record is decoded when asked for, however many there are, and a patch applied
 * in place reads like the same patch on a `Map`.
 */
import assert from "node:assert/strict";
import {
  applyPatch,
  openSnapshot,
  packSnapshot,
  shareSnapshot,
  type SnapshotPatch,
  unpackSnapshot,
} from "../src/snapshot/transfer.ts";
import type { PageRecord, SiteSnapshot } from "../src/snapshot/types.ts";

function record(url: string, params: Record<string, unknown> = {}): PageRecord {
  return {
    kind: "page",
    file: `content${url}index.md`,
    url,
    outputPath: `${url.slice(1)}index.html`,
    title: `Title of ${url} — «été»`,
    description: "",
    date: "2024-01-02",
    lastmod: null,
    publishDate: null,
    expiryDate: null,
    weight: 0,
    draft: false,
    params,
    excerpt: "<p>a \u2028 line\\</p>",
    wordCount: 3,
    section: "",
    layouts: ["_default/page.vto", "_default/base.vto"],
    terms: { tags: ["tags/x"] },
    prev: null,
    next: null,
    breadcrumbs: ["/"],
    paginator: null,
    term: null,
    taxonomy: null,
    aliases: [],
    listed: true,
    rendered: true,
  };
}

function snapshotOf(records: readonly PageRecord[]): SiteSnapshot {
  return {
    site: {
      title: "Site",
      description: "",
      baseURL: "https://example.org/",
      language: "en",
      params: { built: new Date(0) },
      home: "/",
      pages: records.map((r) => r.url),
      sections: [""],
      taxonomies: [],
      menus: {},
      searchIndex: null,
      feeds: false,
    },
    pages: new Map(records.map((r) => [r.url, r])),
    sections: new Map(),
    terms: new Map(),
    taxonomies: new Map(),
    data: { authors: [{ name: "Ann" }] },
    layouts: {},
  };
}

/** Values JSON would not give back: each makes its record go through V8's serializer. */
const UNPLAIN: Record<string, unknown> = {
  date: new Date(Date.UTC(2024, 0, 2)),
  nan: NaN,
  inf: -Infinity,
  zero: -0,
  missing: undefined,
  // deno-lint-ignore no-sparse-arrays
  holes: [1, , 3],
  map: new Map([["a", 1]]),
};

Deno.test("a packed snapshot reads back whole as the same tables, in the same order", () => {
  const records = [record("/"), record("/b/", { nested: { list: [1, "x", null, true] } })];
  for (const [name, value] of Object.entries(UNPLAIN)) {
    records.push(record(`/${name}/`, { [name]: value }));
  }
  const snapshot = snapshotOf(records);
  const copy = unpackSnapshot(packSnapshot(snapshot));
  assert.deepEqual(copy, snapshot);
  assert.deepEqual([...copy.pages.keys()], [...snapshot.pages.keys()]);
  const params = (url: string) => copy.pages.get(url)!.params as Record<string, unknown>;
  assert.ok(params("/date/").date instanceof Date);
  assert.ok(Object.is(params("/zero/").zero, -0));
  assert.ok("missing" in params("/missing/"));
  assert.ok(!(1 in (params("/holes/").holes as unknown[])));
});

Deno.test("plain records are packed as JSON, the others with V8's serializer", () => {
  const bytes = packSnapshot(snapshotOf([record("/a/")]));
  assert.equal(String.fromCharCode(bytes[0]), "{");
  const odd = packSnapshot(snapshotOf([record("/a/", { when: new Date(0) })]));
  assert.equal(odd[0], 0xff);
});

Deno.test("an opened snapshot decodes any of many records, asked for in any order", () => {
  const records = Array.from({ length: 5000 }, (_, i) => record(`/p${i}/`, { i }));
  records.push(record("/odd/", { when: new Date(0) }));
  const snapshot = snapshotOf(records);
  const opened = openSnapshot(shareSnapshot(snapshot));
  assert.equal(opened.pages.size, records.length);
  assert.deepEqual({ ...opened, pages: null }, { ...snapshot, pages: null });
  // Forwards, backwards and strided: more records than its two generations keep.
  const order = [...records.keys(), ...[...records.keys()].reverse()];
  for (let i = 0; i < records.length; i++) order.push((i * 7919) % records.length);
  for (const i of order) assert.deepEqual(opened.pages.get(records[i].url), records[i]);
  assert.equal(opened.pages.get("/nowhere/"), undefined);
  assert.ok(opened.pages.has("/p0/") && !opened.pages.has("/nowhere/"));
  assert.deepEqual([...opened.pages], [...snapshot.pages]);
});

Deno.test("a patch applied in place to an opened snapshot reads like one applied to a Map", () => {
  const records = Array.from({ length: 10 }, (_, i) => record(`/p${i}/`));
  const patches: SnapshotPatch[] = [
    {
      pages: [
        ["/p3/", { ...record("/p3/"), title: "New title" }],
        ["/p5/", null],
        ["/new/", record("/new/")],
      ],
      sections: [],
      terms: [],
      taxonomies: [],
    },
    {
      pages: [["/new/", null], ["/p5/", record("/p5/")], ["/later/", record("/later/")]],
      sections: [],
      terms: [],
      taxonomies: [],
    },
  ];
  let opened = openSnapshot(shareSnapshot(snapshotOf(records)));
  let plain = snapshotOf(records);
  for (const patch of patches) {
    opened = applyPatch(opened, patch, true);
    plain = applyPatch(plain, patch);
    assert.deepEqual([...opened.pages], [...plain.pages]);
    assert.equal(opened.pages.size, plain.pages.size);
    for (const key of ["/p3/", "/p5/", "/new/", "/later/"]) {
      assert.equal(opened.pages.has(key), plain.pages.has(key), key);
      assert.deepEqual(opened.pages.get(key), plain.pages.get(key), key);
    }
  }
  assert.equal(opened.pages.get("/p3/")?.title, "New title");
});

Deno.test("a long list many records hold is packed once, and read back as one array", () => {
  // As paginate() makes them: every page of a listing holds the links to all of its pages.
  const numbers = Array.from({ length: 400 }, (_, i) => ({ number: i + 1, url: `/p/${i + 1}/` }));
  const authors = Array.from({ length: 20 }, (_, i) => ({ name: `A${i}`, since: new Date(i) }));
  const records: PageRecord[] = numbers.map(({ url }, i) => ({
    ...record(url, i < 2 ? { authors } : {}),
    paginator: {
      items: [],
      number: i + 1,
      total: numbers.length,
      size: 10,
      totalItems: 4000,
      first: numbers[0],
      last: numbers[numbers.length - 1],
      prev: null,
      next: null,
      numbers,
    },
  }));
  // A long list only one record holds stays in that record.
  records.push(record("/own/", { list: Array.from({ length: 50 }, (_, i) => i) }));
  const snapshot = snapshotOf(records);
  const packed = packSnapshot(snapshot);
  const once = JSON.stringify(numbers).length;
  assert.ok(packed.length < 2 * once + records.length * 1500, `${packed.length} bytes`);
  for (const copy of [unpackSnapshot(packed), openSnapshot(shareSnapshot(snapshot))]) {
    assert.deepEqual([...copy.pages], [...snapshot.pages]);
    const [a, b] = [copy.pages.get("/p/1/")!, copy.pages.get("/p/400/")!];
    assert.equal(a.paginator!.numbers, b.paginator!.numbers);
    assert.equal(a.params.authors, copy.pages.get("/p/2/")!.params.authors);
    assert.ok((a.params.authors as { since: unknown }[])[3].since instanceof Date);
  }
});

Deno.test("a record that holds itself is packed whole, and read back", () => {
  const loop: Record<string, unknown> = { name: "loop" };
  loop.self = loop;
  // And long lists that hold themselves: one that two records hold, one that one does.
  const shared: unknown[] = Array.from({ length: 20 }, (_, i) => i);
  shared.push({ back: shared });
  const own: unknown[] = Array.from({ length: 20 }, (_, i) => i);
  own.push(own);
  const snapshot = snapshotOf([
    record("/a/", { loop }),
    record("/b/"),
    record("/c/", { shared, own }),
    record("/d/", { shared }),
  ]);
  assert.deepEqual(unpackSnapshot(packSnapshot(snapshot)), snapshot);
  const opened = openSnapshot(shareSnapshot(snapshot));
  const back = opened.pages.get("/a/")!.params.loop as Record<string, unknown>;
  assert.equal(back.self, back);
});
