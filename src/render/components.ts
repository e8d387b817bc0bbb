/**
 * Components in Markdown, render side: the parse stage leaves
 * `<floe-component name="…" props="{…}" line="12">inner html</floe-component>`
 * in a page's body (`../parse/components.ts`); here each is replaced, innermost
 * first, by what the layout `components/<name>.vto` makes of its props and inner
 * HTML. Running the templates is the caller's (it owns the Vento environment and
 * the read log); this module finds, pairs and splices.
 *
 * @module
 */
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { closestName } from "../errors/suggest.ts";
import type { PropValue } from "../parse/components.ts";

/** What every placeholder starts with: a page without it costs one `indexOf`. */
const MARK = "<floe-component ";

/** The placeholders the parse stage writes, exactly (attributes escaped, in this order). */
const TAG =
  /<floe-component name="([^"<>]*)" props="(\{[^"<>]*\})" line="(\d+)">|<\/floe-component>/g;

/**
 * One use of a component in a page: its name, its props and the page line of
 * its tag.
 *
 * @example
 * ```ts
 * import type { ComponentCall } from "./components.ts";
 * const call: ComponentCall = { name: "alert", props: { type: "warning" }, line: 12 };
 * ```
 */
export interface ComponentCall {
  /** The name in the tag, e.g. `alert` or `ui/card`. */
  readonly name: string;
  /** The tag's props, as the template receives them. */
  readonly props: Readonly<Record<string, PropValue>>;
  /** 1-based line of the tag in the page's file. */
  readonly line: number;
}

/**
 * Why expanding stopped: a component without a template, or its template's
 * error (thrown by `run`).
 *
 * @example
 * ```ts
 * import type { ComponentFailure } from "./components.ts";
 * const f: ComponentFailure = { call: { name: "alrt", props: {}, line: 3 }, template: "components/alrt.vto" };
 * ```
 */
export interface ComponentFailure {
  /** The component that failed. */
  readonly call: ComponentCall;
  /** The layout the component is, e.g. `components/alert.vto`. */
  readonly template: string;
  /** What `run` threw; absent when the template does not exist. */
  readonly error?: unknown;
}

/**
 * Whether `html` holds component placeholders: the one test every page pays.
 *
 * @example
 * ```ts
 * import { hasComponents } from "./components.ts";
 * hasComponents("<p>Hi</p>"); // false
 * ```
 */
export function hasComponents(html: string): boolean {
  return html.indexOf(MARK) !== -1;
}

/**
 * The layout a component name stands for: `ui/card` → `components/ui/card.vto`.
 *
 * @example
 * ```ts
 * import { componentTemplate } from "./components.ts";
 * componentTemplate("alert"); // "components/alert.vto"
 * ```
 */
export function componentTemplate(name: string): string {
  return `components/${name}.vto`;
}

/** A placeholder found in the HTML, with those nested in it. */
interface Placeholder {
  readonly call: ComponentCall;
  /** Offsets: the opening tag's start, the inner HTML's start and end, the closing tag's end. */
  readonly start: number;
  readonly innerStart: number;
  innerEnd: number;
  end: number;
  readonly children: Placeholder[];
}

/**
 * Replaces every placeholder of `html` with `run(template, props, innerHtml)`,
 * innermost first (a component's content is already expanded when it runs), one
 * at a time in document order, so reads and output do not depend on timing.
 * Stops at the first component whose template is missing from `layouts` or
 * whose `run` throws. A `<floe-component>` that is not exactly as the parse
 * stage writes it (hand-written HTML) is left as it is.
 *
 * @example
 * ```ts
 * import { expandComponents } from "./components.ts";
 * const html = '<floe-component name="b" props="{}" line="1">\n<p>x</p>\n</floe-component>\n';
 * await expandComponents(html, { "components/b.vto": {} }, (_t, _p, inner) => Promise.resolve(`<b>${inner}</b>`));
 * // { html: "<b>\n<p>x</p>\n</b>\n" }
 * ```
 */
export async function expandComponents(
  html: string,
  layouts: Readonly<Record<string, unknown>>,
  run: (
    template: string,
    props: Readonly<Record<string, PropValue>>,
    content: string,
  ) => Promise<string>,
): Promise<{ readonly html: string } | { readonly failure: ComponentFailure }> {
  const top = placeholders(html);
  if (!top.length) return { html };
  const expand = async (
    from: number,
    to: number,
    children: readonly Placeholder[],
  ): Promise<string | ComponentFailure> => {
    let out = "";
    let at = from;
    for (const child of children) {
      const template = componentTemplate(child.call.name);
      if (!Object.hasOwn(layouts, template)) return { call: child.call, template };
      const inner = await expand(child.innerStart, child.innerEnd, child.children);
      if (typeof inner !== "string") return inner;
      let made: string;
      try {
        made = await run(template, child.call.props, inner);
      } catch (error) {
        return { call: child.call, template, error };
      }
      // The newline a template file ends with is not part of the component: an
      // inline one would leave a space in the sentence.
      out += html.slice(at, child.start) + (made.endsWith("\n") ? made.slice(0, -1) : made);
      at = child.end;
    }
    return out + html.slice(at, to);
  };
  const result = await expand(0, html.length, top);
  return typeof result === "string" ? { html: result } : { failure: result };
}

/** The placeholders of `html` as a tree (top level returned); unpaired tags stay text. */
function placeholders(html: string): Placeholder[] {
  const top: Placeholder[] = [];
  const open: Placeholder[] = [];
  const siblings = () => open.at(-1)?.children ?? top;
  for (const m of html.matchAll(TAG)) {
    if (m[1] === undefined) {
      const closed = open.pop();
      if (!closed) continue; // a closing tag nobody opened: text
      closed.innerEnd = m.index;
      closed.end = m.index + m[0].length;
      siblings().push(closed);
      continue;
    }
    let props: unknown;
    try {
      props = JSON.parse(unescapeAttribute(m[2]));
    } catch {
      continue;
    }
    if (typeof props !== "object" || props === null || Array.isArray(props)) continue;
    open.push({
      call: {
        name: unescapeAttribute(m[1]),
        props: props as Record<string, PropValue>,
        line: Number(m[3]),
      },
      start: m.index,
      innerStart: m.index + m[0].length,
      innerEnd: -1,
      end: -1,
      children: [],
    });
  }
  // Never closed (hand-written HTML): its tag stays text, its contents move up a level.
  while (open.length) siblings().push(...open.pop()!.children);
  return top;
}

/** Undoes markdown-it's `escapeHtml` (the only escaping the parse stage applies). */
function unescapeAttribute(text: string): string {
  return text.replace(
    /&(quot|lt|gt|amp);/g,
    (_, name: string) => name === "quot" ? '"' : name === "lt" ? "<" : name === "gt" ? ">" : "&",
  );
}

/**
 * The error for a component without a template, at the page line of its tag,
 * with the nearest existing component named and where components live.
 *
 * @example
 * ```ts
 * import { unknownComponent } from "./components.ts";
 * const d = unknownComponent({ name: "alrt", props: {}, line: 4 }, "content/a.md", {
 *   "components/alert.vto": { file: "layouts/components/alert.vto" },
 * });
 * d.hint; // 'did you mean "alert"? components are layouts/components/<name>.vto (…)'
 * ```
 */
export function unknownComponent(
  call: ComponentCall,
  pageFile: string,
  layouts: Readonly<Record<string, { readonly file: string }>>,
): Diagnostic {
  const known: string[] = [];
  let folder = "layouts/components/";
  for (const [name, layout] of Object.entries(layouts)) {
    const m = /^components\/(.+)\.vto$/.exec(name);
    if (!m) continue;
    known.push(m[1]);
    // The site's layouts folder as the user named it (`layoutsDir`).
    if (layout.file.endsWith(name)) folder = `${layout.file.slice(0, -name.length)}components/`;
  }
  known.sort();
  const near = closestName(call.name, known);
  const where = `components are ${folder}<name>.vto (create ${folder}${call.name}.vto)`;
  const list = known.length
    ? `; this site has: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}`
    : "; this site has none yet";
  return error("component-missing", `unknown component "${call.name}"`, {
    file: pageFile,
    line: call.line,
    hint: `${near ? `did you mean "${near}"? ` : ""}${where}${list}`,
  });
}
