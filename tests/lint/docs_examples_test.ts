/**
 * The wrong/right examples of the rule pages in `site/content/lint/` are
 * linted: every `ts` block under a "Wrong" heading must be reported by the
 * page's rule, and every block under a "Right" heading must not be.
 *
 * @module
 */

import assert from "node:assert/strict";
import { lint } from "./helpers.ts";

const PAGES = ["no-module-mutable-state", "no-unguarded-singleton", "no-unsafe-memo"];

/** The `ts` code blocks of a Markdown page, with the `##` heading they sit under. */
function examples(markdown: string): { heading: string; code: string }[] {
  const out: { heading: string; code: string }[] = [];
  let heading = "";
  const blocks = markdown.split(/^```/m);
  blocks.forEach((part, i) => {
    if (i % 2 === 0) {
      const headings = [...part.matchAll(/^## (.+)$/gm)];
      if (headings.length > 0) heading = headings[headings.length - 1][1];
    } else if (part.startsWith("ts\n")) {
      out.push({ heading, code: part.slice(3) });
    }
  });
  return out;
}

for (const rule of PAGES) {
  const page = new URL(`../../site/content/lint/${rule}.md`, import.meta.url);
  Deno.test(`docs: the wrong and right examples of ${rule}`, () => {
    const blocks = examples(Deno.readTextFileSync(page));
    const wrong = blocks.filter((b) => b.heading === "Wrong");
    const right = blocks.filter((b) => b.heading === "Right");
    assert.ok(wrong.length > 0 && right.length > 0, "the page has wrong and right examples");
    for (const { code } of wrong) {
      assert.ok(lint(code, rule).length > 0, `a Wrong example is not reported:\n${code}`);
    }
    for (const { code } of right) {
      const found = lint(code, rule);
      assert.deepEqual(
        found.map((f) => `${f.line}: ${f.message}`),
        [],
        `a Right example is reported:\n${code}`,
      );
    }
  });
}
