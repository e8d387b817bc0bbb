/**
 * Test helpers for the floe lint rules: run the plugin (or one rule) over a
 * source string and get diagnostics with 1-based lines, the binding and the
 * severity decoded from the message.
 *
 * @module
 */

import assert from "node:assert/strict";
import plugin from "../../lint-rules/mod.ts";
import { parseMessage, type Severity } from "../../lint-rules/messages.ts";

/** A diagnostic as the tests see it. */
export interface Reported {
  /** Full rule id (`floe/…`). */
  rule: string;
  /** 1-based line where the reported range starts. */
  line: number;
  /** 1-based line where the reported range ends. */
  endLine: number;
  /** The reported source text. */
  text: string;
  /** Binding named by the message. */
  binding: string;
  /** Severity decoded from the message. */
  severity: Severity;
  /** The message. */
  message: string;
  /** The hint. */
  hint: string;
  /** Autofixes. */
  fix: Deno.lint.Fix[];
}

function lineOf(source: string, offset: number): number {
  // Ranges are byte offsets; the test sources are ASCII.
  return source.slice(0, offset).split("\n").length;
}

/**
 * Lints `source` with the whole floe plugin (or only `rule` when given).
 *
 * @example
 * ```ts
 * import { lint } from "./helpers.ts";
 * const found = lint("let n = 0;", "no-module-mutable-state");
 * ```
 */
export function lint(
  source: string,
  rule?: string,
  filename = "mod.ts",
): Reported[] {
  const selected: Deno.lint.Plugin = rule
    ? { name: plugin.name, rules: { [rule]: plugin.rules[rule] } }
    : plugin;
  assert.ok(!rule || plugin.rules[rule], `unknown rule ${rule}`);
  return Deno.lint.runPlugin(selected, filename, source).map((d) => {
    const parsed = parseMessage(d.message);
    return {
      rule: d.id,
      line: lineOf(source, d.range[0]),
      endLine: lineOf(source, d.range[1]),
      text: source.slice(d.range[0], d.range[1]),
      binding: parsed.binding,
      severity: parsed.severity,
      message: d.message,
      hint: d.hint ?? "",
      fix: d.fix ?? [],
    };
  }).sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

/**
 * Applies the autofixes of `reported` to `source` (non-overlapping, from the end).
 *
 * @example
 * ```ts
 * import { applyFixes, lint } from "./helpers.ts";
 * const src = "let n = 0;\nexport const f = () => n;";
 * applyFixes(src, lint(src)); // "const n = 0;\n…"
 * ```
 */
export function applyFixes(source: string, reported: Reported[]): string {
  const fixes = reported.flatMap((r) => r.fix).sort((a, b) => b.range[0] - a.range[0]);
  let out = source;
  for (const fix of fixes) {
    out = out.slice(0, fix.range[0]) + (fix.text ?? "") +
      out.slice(fix.range[1]);
  }
  return out;
}

/** What a test case expects of one diagnostic. */
export interface Expected {
  /** 1-based line. */
  line: number;
  /** Binding named in the message. */
  binding: string;
  /** Substrings the message must contain. */
  message?: string[];
  /** Substring the hint must contain. */
  hint?: string;
  /** Expected severity (default: warning). */
  severity?: Severity;
  /** Source after applying this diagnostic's fix; `null` means no fix. */
  fixed?: string | null;
  /** Expected reported text (start of it). */
  text?: string;
}

/** A table-driven test case for one rule. */
export interface Case {
  /** Test name. */
  name: string;
  /** Source to lint. */
  code: string;
  /** Expected diagnostics of the rule, in line order (empty: clean). */
  expect: Expected[];
  /** File name (default `mod.ts`). */
  filename?: string;
  /** Also require that the whole plugin reports exactly this many diagnostics. */
  pluginTotal?: number;
  /**
   * Also require exactly these findings of the other two rules, as
   * `"<line> <rule>"` (e.g. `"1 no-module-mutable-state"`), in line order.
   */
  others?: string[];
}

/**
 * Registers one `Deno.test` per case, asserting rule id, line, binding,
 * severity, message, hint and fix of every diagnostic.
 *
 * @example
 * ```ts
 * import { runCases } from "./helpers.ts";
 * runCases("no-module-mutable-state", [{ name: "clean", code: "const a = 1;", expect: [] }]);
 * ```
 */
export function runCases(rule: string, cases: Case[]): void {
  for (const c of cases) {
    Deno.test(`${rule}: ${c.name}`, () => {
      const found = lint(c.code, rule, c.filename);
      const summary = found.map((f) => `${f.line}:${f.binding} ${f.message}`)
        .join("\n");
      assert.equal(found.length, c.expect.length, `diagnostics:\n${summary}`);
      c.expect.forEach((expected, i) => {
        const actual = found[i];
        assert.equal(actual.rule, `floe/${rule}`);
        assert.equal(
          actual.line,
          expected.line,
          `line of ${actual.binding}: ${actual.message}`,
        );
        assert.equal(actual.binding, expected.binding, actual.message);
        assert.equal(
          actual.severity,
          expected.severity ?? "warning",
          actual.message,
        );
        for (const part of expected.message ?? []) {
          assert.ok(
            actual.message.includes(part),
            `message lacks ${JSON.stringify(part)}: ${actual.message}`,
          );
        }
        if (expected.hint) {
          assert.ok(
            actual.hint.includes(expected.hint),
            `hint lacks ${JSON.stringify(expected.hint)}: ${actual.hint}`,
          );
        }
        if (expected.text !== undefined) {
          assert.ok(
            actual.text.startsWith(expected.text),
            `reported text ${JSON.stringify(actual.text)}`,
          );
        }
        if (expected.fixed === null) {
          assert.equal(
            actual.fix.length,
            0,
            `unexpected fix ${JSON.stringify(actual.fix)}`,
          );
        } else if (expected.fixed !== undefined) {
          assert.ok(actual.fix.length > 0, "expected a fix");
          assert.equal(applyFixes(c.code, [actual]), expected.fixed);
        }
      });
      // Independence: the rule reports the same inside the whole plugin as alone.
      const withOthers = lint(c.code, undefined, c.filename).filter((f) =>
        f.rule === `floe/${rule}`
      );
      assert.deepEqual(
        withOthers.map((f) => `${f.line}:${f.message}`),
        found.map((f) => `${f.line}:${f.message}`),
        "the rule must not depend on the other rules",
      );
      if (c.others !== undefined) {
        const all = lint(c.code, undefined, c.filename).filter((f) => f.rule !== `floe/${rule}`);
        assert.deepEqual(
          all.map((f) => `${f.line} ${f.rule.slice(5)}`),
          c.others,
          `other rules:\n${all.map((f) => `${f.line} ${f.rule} ${f.message}`).join("\n")}`,
        );
      }
      if (c.pluginTotal !== undefined) {
        const all = lint(c.code, undefined, c.filename);
        assert.equal(
          all.length,
          c.pluginTotal,
          `whole plugin:\n${all.map((f) => `${f.line} ${f.rule} ${f.message}`).join("\n")}`,
        );
      }
    });
  }
}
