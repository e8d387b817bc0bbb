/**
 * Callouts — notes, tips, warnings — in the two spellings docs are written in:
 * containers (`::: warning Mind the gap` … `:::`, VitePress, Docusaurus, mdBook
 * plugins) and GitHub alerts (`> [!NOTE]`). Both render as one element the
 * default theme styles, `<div class="callout callout-note">` with a
 * `callout-title`; `::: details` is a `<details>` the reader opens.
 *
 * @module
 */
import type MarkdownIt from "npm:markdown-it@14.3.3";
import type { PluginWithOptions } from "npm:markdown-it@14.3.3";
import container from "npm:markdown-it-container@4.0.0";
import alerts from "npm:markdown-it-github-alerts@1.0.1";

/** The kinds a container may name (GitHub's five, and the names other tools use). */
export const CALLOUT_KINDS: readonly string[] = Object.freeze([
  "note",
  "tip",
  "info",
  "important",
  "warning",
  "caution",
  "danger",
]);

/**
 * Adds containers and GitHub alerts to `md`.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { addCallouts } from "./callouts.ts";
 * const md = new MarkdownIt();
 * addCallouts(md);
 * md.render("::: tip Use a slug\nShort is better.\n:::\n");
 * // '<div class="callout callout-tip"><p class="callout-title">Use a slug</p>\n<p>Short…'
 * ```
 */
export function addCallouts(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml;
  const titleOf = (kind: string, info: string) => {
    const title = info.trim().slice(kind.length).trim();
    return title ? md.renderInline(title) : escape(kind[0].toUpperCase() + kind.slice(1));
  };
  for (const kind of CALLOUT_KINDS) {
    md.use(container, kind, {
      render: (tokens: { info: string; nesting: number }[], idx: number) =>
        tokens[idx].nesting === 1
          ? `<div class="callout callout-${kind}"><p class="callout-title">${
            titleOf(kind, tokens[idx].info)
          }</p>\n`
          : "</div>\n",
    });
  }
  md.use(container, "details", {
    render: (tokens: { info: string; nesting: number }[], idx: number) =>
      tokens[idx].nesting === 1
        ? `<details class="callout callout-details"><summary class="callout-title">${
          titleOf("details", tokens[idx].info)
        }</summary>\n`
        : "</details>\n",
  });
  const markers = ["note", "tip", "important", "warning", "caution"];
  (md.use as (plugin: PluginWithOptions<unknown>, options: unknown) => MarkdownIt)(
    alerts as PluginWithOptions<unknown>,
    {
      classPrefix: "callout",
      // The theme draws no icons: a title says which kind it is.
      icons: Object.fromEntries(markers.map((m) => [m, ""])),
    },
  );
}
