/**
 * The streaming emitter writes exactly what highlight.js's own token tree and
 * renderer write: every grammar highlight.js ships, on samples that open scopes,
 * embed languages, have tiered scope names, text to escape, illegal syntax and
 * unterminated strings and comments.
 */
import assert from "node:assert/strict";
import hljs from "npm:highlight.js@11.12.0";
import type { HLJSApi, LanguageFn } from "npm:highlight.js@11.12.0";
import { HtmlEmitter } from "../src/parse/hljs_emitter.ts";
import { createHighlighter } from "../src/parse/highlight.ts";

/** Two instances with every grammar: highlight.js's emitter, and ours. */
function pair(): { theirs: HLJSApi; ours: HLJSApi } {
  const theirs = hljs.newInstance();
  const ours = hljs.newInstance();
  ours.configure({ __emitter: HtmlEmitter } as Parameters<HLJSApi["configure"]>[0]);
  for (const name of hljs.listLanguages()) {
    const grammar = (hljs.getLanguage(name) as unknown as { rawDefinition: LanguageFn })
      .rawDefinition;
    theirs.registerLanguage(name, grammar);
    ours.registerLanguage(name, grammar);
  }
  return { theirs, ours };
}

const SAMPLES = [
  `function add(a, b) { return a < b && b > 0 ? "x" : 'y'; } // & done`,
  `<!doctype html>\n<html lang="en"><head><style>p > a { color: #f00 }</style>\n<script>const x = 1 < 2;</script></head>\n<body onload="go()"><p class='a'>T &amp; U</p></body></html>`,
  `def f(x: int) -> str:\n    """doc"""\n    return f"{x!r}" if x else 'none'\n\nclass A(B):\n    @property\n    def y(self): pass`,
  `#!/bin/bash\nfor f in *.md; do echo "$f" | sed 's/a/b/' > "\${f%.md}.txt"; done\n[[ -z $X ]] && exit 1`,
  `{{ if .Title }}<h1>{{ .Title | upper }}</h1>{{ end }}\n{{- range $i, $p := .Pages -}}{{ $p.Link }}{{ end }}`,
  `SELECT a.id, COUNT(*) FROM t AS a WHERE a.x <> 'q''s' GROUP BY 1; -- note\n/* unterminated`,
  `"unterminated string\n\`also /* open comment\n  {{ [ ( <`,
  `key: value\nlist:\n  - 1\n  - "two"\nnested: { a: [1, 2], b: null } # comment\n---\n<% weird %> @@@ ~~~`,
  `fn main() { let v: Vec<&str> = vec!["a"]; println!("{:?}", v); } impl<T> X for Y<T> where T: 'static {}`,
];

Deno.test("hljs emitter: the same HTML as highlight.js's, for every grammar and sample", () => {
  const { theirs, ours } = pair();
  let compared = 0;
  for (const language of hljs.listLanguages()) {
    for (const code of SAMPLES) {
      for (const ignoreIllegals of [true, false]) {
        const run = (api: HLJSApi) => {
          try {
            return api.highlight(code, { language, ignoreIllegals }).value;
          } catch (e) {
            return `threw: ${(e as Error).message}`;
          }
        };
        assert.equal(run(ours), run(theirs), `${language}, ignoreIllegals ${ignoreIllegals}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 3000, `${compared} highlights compared`);
});

Deno.test("hljs emitter: the same HTML when highlight.js detects the language", () => {
  const { theirs, ours } = pair();
  for (const code of SAMPLES) {
    assert.equal(ours.highlightAuto(code).value, theirs.highlightAuto(code).value);
  }
});

Deno.test("hljs emitter: embedded languages are wrapped in a language span, scopes closed", () => {
  const out = new HtmlEmitter({ classPrefix: "x-" });
  out.openNode("title.function.call");
  out.addText("f");
  const inner = new HtmlEmitter({ classPrefix: "x-" });
  inner.startScope("string");
  inner.addText(`"<&'>"`);
  // Left open: highlight.js's renderer closes every node, and so does toHTML.
  out.__addSublanguage(inner, "css");
  for (const unnamed of [undefined, ""]) {
    out.openNode(unnamed);
    out.addText("");
    out.closeNode();
  }
  out.finalize();
  out.closeNode(); // nothing open: writes nothing
  assert.equal(
    out.toHTML(),
    `<span class="x-title function_ call__">f<span class="language-css">` +
      `<span class="x-string">&quot;&lt;&amp;&#x27;&gt;&quot;</span></span></span>`,
  );
});

Deno.test("hljs emitter: floe's highlighter writes what highlight.js writes", async () => {
  const highlight = createHighlighter();
  await highlight.load(["html", "ts"]);
  const { theirs } = pair();
  for (const [code, language] of [[SAMPLES[1], "html"], [SAMPLES[0], "ts"]]) {
    assert.equal(
      highlight(code, language),
      theirs.highlight(code, { language: language === "ts" ? "typescript" : language }).value,
    );
  }
});
