/**
 * floe's version and the versions of the libraries that shape its output. A
 * cache written by another combination is ignored (tests/quality_test.ts checks
 * these against deno.json).
 *
 * @module
 */

/**
 * floe's version, as in deno.json.
 *
 * @example
 * ```ts
 * import { FLOE_VERSION } from "./version.ts";
 * console.log(FLOE_VERSION);
 * ```
 */
export const FLOE_VERSION = "0.1.0";

/**
 * The npm packages whose behaviour reaches the output, with their pinned versions.
 *
 * @example
 * ```ts
 * import { OUTPUT_DEPENDENCIES } from "./version.ts";
 * console.log(OUTPUT_DEPENDENCIES["markdown-it"]);
 * ```
 */
export const OUTPUT_DEPENDENCIES: Readonly<Record<string, string>> = Object.freeze({
  "github-slugger": "2.0.0",
  "highlight.js": "11.12.0",
  "js-yaml": "4.3.2",
  "markdown-it": "14.3.3",
  "markdown-it-attrs": "5.0.1",
  "markdown-it-container": "4.0.0",
  "markdown-it-deflist": "4.0.0",
  "markdown-it-footnote": "4.0.0",
  "markdown-it-github-alerts": "1.0.1",
  "markdown-it-task-lists": "2.1.1",
  "smol-toml": "1.9.1",
  "ventojs": "2.4.0",
});
