/**
 * Components in Markdown, parse side: `{{< name key="value" >}}` … `{{< /name >}}`
 * (and self-closing `{{< name />}}`) become placeholder elements in the page's
 * HTML, `<floe-component name="…" props="{…}" line="12">inner html</floe-component>`,
 * which the render stage replaces with the layout `components/<name>.vto`
 * (`../render/components.ts`). Parse workers never load Vento (see DESIGN.md),
 * hence the two halves.
 *
 * The syntax is off unless a page asks for it (`env.components`), and then it is
 * markdown-it block and inline rules: code spans, fences and indented code never
 * reach them, so examples of the syntax stay literal. Malformed tags are reported
 * with their line and column instead of being printed as text.
 *
 * @module
 */
import type MarkdownIt from "npm:markdown-it@14.3.3";

/**
 * A markdown-it token, as `md.parse` gives them.
 *
 * @example
 * ```ts
 * import type { MarkdownToken } from "./components.ts";
 * declare const token: MarkdownToken;
 * console.log(token.type);
 * ```
 */
export type MarkdownToken = ReturnType<MarkdownIt["parse"]>[number];
type Token = MarkdownToken;
type BlockRule = Parameters<MarkdownIt["block"]["ruler"]["push"]>[1];
type InlineRule = Parameters<MarkdownIt["inline"]["ruler"]["push"]>[1];
type CoreRule = Parameters<MarkdownIt["core"]["ruler"]["push"]>[1];

/**
 * A prop's value: a quoted string, a number, `true`/`false`, or `true` for a bare key.
 *
 * @example
 * ```ts
 * import type { PropValue } from "./components.ts";
 * const v: PropValue = "warning";
 * ```
 */
export type PropValue = string | number | boolean;

/**
 * Malformed component syntax on a page: where it is (file line and column, 1-based),
 * what was expected there, and what to write instead.
 *
 * @example
 * ```ts
 * import type { ComponentProblem } from "./components.ts";
 * const p: ComponentProblem = {
 *   line: 12, column: 1, message: "{{< alert >}} is never closed", hint: "add {{< /alert >}}",
 * };
 * ```
 */
export interface ComponentProblem {
  /** 1-based line in the page's file (front matter lines counted). */
  readonly line: number;
  /** 1-based column in that line. */
  readonly column: number;
  /** What is wrong and what was expected there. */
  readonly message: string;
  /** What to write instead. */
  readonly hint: string;
}

/**
 * What the rules read from and write to markdown-it's `env`.
 *
 * @example
 * ```ts
 * import type { ComponentEnv } from "./components.ts";
 * const env: ComponentEnv = { components: true, firstLine: 4 };
 * ```
 */
export interface ComponentEnv {
  /** Components are on for this render; anything else leaves the syntax as text. */
  components?: boolean;
  /** The file line (1-based) of the body's first line, for `line` and problems. Default 1. */
  firstLine?: number;
  /** Set while rendering an excerpt: placeholders are left out (listings do not render them). */
  excerpt?: boolean;
  /** Out: malformed component syntax found. */
  componentErrors?: ComponentProblem[];
}

/** What a component token carries in `meta`. */
interface ComponentMeta {
  readonly name: string;
  readonly props: Readonly<Record<string, PropValue>>;
  /** File line; for inline tokens filled in by the core rule. */
  line: number;
  /** File column of the tag, for problems. */
  column: number;
  /** Inline tokens: the tag's offsets in the inline token's content. */
  readonly start?: number;
  readonly end?: number;
}

/** An inline problem, located by the core rule once the paragraph's line is known. */
interface ErrorMeta {
  readonly start: number;
  readonly message: string;
  readonly hint: string;
}

/** Names that every component receives from floe, so no prop may take them. */
const RESERVED = new Set(["content", "page", "site", "data"]);

/** Key on the markdown-it instance holding the site's setting (no module state). */
const SITE_SETTING = Symbol("floe.components");

/**
 * Installs the component rules on `md`. `site` is the site's `markdown.components`:
 * a page without its own `components:` follows it ({@link componentsDefault}). The
 * rules do nothing unless `env.components` is `true`: the `markdown` filter and
 * pages left off render exactly as without the plugin.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { addComponents } from "./components.ts";
 * const md = new MarkdownIt();
 * addComponents(md, false);
 * md.render('{{< alert type="tip" >}}\n*Hi*\n{{< /alert >}}\n', { components: true });
 * // '<floe-component name="alert" props="{&quot;type&quot;:&quot;tip&quot;}" line="1">\n<p><em>Hi</em></p>\n</floe-component>\n'
 * ```
 */
export function addComponents(md: MarkdownIt, site: boolean): void {
  Object.defineProperty(md, SITE_SETTING, { value: site });
  // First, so no other block rule claims the line; it is only tried on lines that
  // start a block, and it may end a paragraph (a closing tag right after text).
  md.block.ruler.before("table", "floe_component", componentBlock, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.inline.ruler.after("text", "floe_component", componentInline);
  // Before text_join, which merges the text tokens problems are kept in.
  md.core.ruler.after("inline", "floe_components", checkComponents);
  const escape = md.utils.escapeHtml;
  const open = (meta: ComponentMeta) =>
    `<floe-component name="${escape(meta.name)}" props="${
      escape(JSON.stringify(meta.props))
    }" line="${meta.line}">`;
  const rules = md.renderer.rules;
  rules.component_open = (tokens, idx, _o, env: ComponentEnv) =>
    env?.excerpt ? "" : `${open(tokens[idx].meta)}\n`;
  rules.component_close = (_t, _i, _o, env: ComponentEnv) =>
    env?.excerpt ? "" : "</floe-component>\n";
  rules.component = (tokens, idx, _o, env: ComponentEnv) =>
    env?.excerpt
      ? ""
      : `${open(tokens[idx].meta)}</floe-component>${tokens[idx].block ? "\n" : ""}`;
  rules.component_error = (tokens, idx) => escape(tokens[idx].content);
}

/**
 * The site's setting `md` was made with: components on for pages whose front
 * matter does not say.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { addComponents, componentsDefault } from "./components.ts";
 * const md = new MarkdownIt();
 * addComponents(md, true);
 * componentsDefault(md); // true
 * ```
 */
export function componentsDefault(md: MarkdownIt): boolean {
  return (md as unknown as Record<symbol, boolean | undefined>)[SITE_SETTING] === true;
}

/**
 * `tokens` as foreign syntax detection should see them: the components of inline
 * tokens blanked out (line breaks kept), so a page using components is not told
 * that floe prints Hugo shortcodes as text. Tokens without components are kept.
 *
 * @example
 * ```ts
 * import MarkdownIt from "npm:markdown-it@14.3.3";
 * import { addComponents, withoutComponents } from "./components.ts";
 * const md = new MarkdownIt();
 * addComponents(md, true);
 * const tokens = md.parse('A {{< icon name="x" />}} b\n', { components: true });
 * withoutComponents(tokens)[1].content; // "A                        b"
 * ```
 */
export function withoutComponents(tokens: readonly MarkdownToken[]): MarkdownToken[] {
  return tokens.map((token) => {
    const tags = token.children?.filter((c) => c.type === "component") ?? [];
    if (!tags.length) return token;
    let content = token.content;
    for (const { meta } of tags) {
      const { start, end } = meta as ComponentMeta;
      if (start === undefined || end === undefined) continue;
      content = content.slice(0, start) + content.slice(start, end).replace(/[^\n]/g, " ") +
        content.slice(end);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(token)), token, { content });
  });
}

/** A tag parsed from the source: which kind, its name and props, where it ends. */
type Tag =
  | {
    readonly kind: "open" | "close" | "self";
    readonly name: string;
    readonly props: Readonly<Record<string, PropValue>>;
    readonly end: number;
  }
  | {
    readonly kind: "error";
    readonly at: number;
    readonly message: string;
    readonly hint: string;
  };

const startsTag = (src: string, pos: number): boolean =>
  src.charCodeAt(pos) === 0x7b && src.charCodeAt(pos + 1) === 0x7b &&
  src.charCodeAt(pos + 2) === 0x3c;

const active = (env: ComponentEnv | undefined): boolean => env?.components === true;

/**
 * A tag on a line of its own: a block. A paired tag may end a paragraph, so a
 * closing tag needs no blank line before it; a self-closing one inside a
 * paragraph stays inline.
 */
const componentBlock: BlockRule = (state, startLine, _endLine, silent) => {
  if (!active(state.env)) return false;
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (!startsTag(state.src, pos)) return false;
  const tag = parseTag(state.src, pos, max);
  // Malformed, or text after it: a paragraph, where the inline rule reports or takes it.
  if (tag.kind === "error" || state.src.slice(tag.end, max).trim() !== "") return false;
  if (silent) return tag.kind !== "self";
  const type = tag.kind === "open"
    ? "component_open"
    : tag.kind === "close"
    ? "component_close"
    : "component";
  const token = state.push(
    type,
    "floe-component",
    tag.kind === "open" ? 1 : tag.kind === "close" ? -1 : 0,
  );
  token.map = [startLine, startLine + 1];
  token.info = tag.name;
  const meta: ComponentMeta = {
    name: tag.name,
    props: tag.props,
    line: (state.env.firstLine ?? 1) + startLine,
    column: pos - (state.src.lastIndexOf("\n", pos - 1) + 1) + 1,
  };
  token.meta = meta;
  state.line = startLine + 1;
  return true;
};

/**
 * A self-closing tag within text. Paired tags here, and malformed ones, are
 * problems: a token keeps the message until the core rule knows the line.
 */
const componentInline: InlineRule = (state, silent) => {
  if (!active(state.env) || !startsTag(state.src, state.pos)) return false;
  const start = state.pos;
  const tag = parseTag(state.src, start, state.posMax);
  if (tag.kind === "self") {
    if (!silent) {
      const token = state.push("component", "floe-component", 0);
      token.info = tag.name;
      const meta: ComponentMeta = {
        name: tag.name,
        props: tag.props,
        line: 0,
        column: 0,
        start,
        end: tag.end,
      };
      token.meta = meta;
    }
    state.pos = tag.end;
    return true;
  }
  // Reported once, when the text is tokenized for real (not while a link label is skipped).
  if (silent) return false;
  const token = state.push("component_error", "", 0);
  if (tag.kind === "error") {
    token.content = "{{<";
    token.meta = { start: tag.at, message: tag.message, hint: tag.hint } satisfies ErrorMeta;
    state.pos = start + 3;
  } else {
    const written = state.src.slice(start, tag.end);
    token.content = written;
    token.meta = {
      start,
      message: `${written} is ${
        tag.kind === "open" ? "an opening" : "a closing"
      } tag inside a line of text`,
      hint: `put {{< ${tag.name} >}} and {{< /${tag.name} >}} on lines of their own, ` +
        `around the Markdown they wrap, or write {{< ${tag.name} />}} for a component without content`,
    } satisfies ErrorMeta;
    state.pos = tag.end;
  }
  return true;
};

/**
 * After inline parsing: gives inline components their file lines, collects
 * the problems, then checks that block tags pair up — each opening tag closed
 * by its own name, inside the same list item or blockquote.
 */
const checkComponents: CoreRule = (state) => {
  const env = state.env as ComponentEnv | undefined;
  if (!active(env)) return;
  const firstLine = env!.firstLine ?? 1;
  const problems: ComponentProblem[] = env!.componentErrors ??= [];
  let lines: string[] | undefined;
  // Table cells' inline tokens have no line map: the nearest block that has one.
  let blockLine = 0;
  for (const token of state.tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.type !== "inline" || !token.children) continue;
    for (const child of token.children) {
      if (child.type !== "component" && child.type !== "component_error") continue;
      lines ??= state.src.split("\n");
      const at = (child.meta as ComponentMeta | ErrorMeta).start ?? 0;
      const where = locate(token.content, at, blockLine, lines);
      if (child.type === "component") {
        (child.meta as ComponentMeta).line = firstLine + where.line;
      } else {
        const { message, hint } = child.meta as ErrorMeta;
        problems.push({ line: firstLine + where.line, column: where.column, message, hint });
      }
    }
  }
  // A tag that did not parse may be an opening one: pairing would only add noise.
  if (problems.length) return;
  const problem = pairingProblem(state.tokens);
  if (problem) problems.push(problem);
};

/** The first block tag that does not pair up, as a problem. */
function pairingProblem(tokens: readonly Token[]): ComponentProblem | undefined {
  const open: Token[] = [];
  const at = (token: Token) => token.meta as ComponentMeta;
  const unclosed = (token: Token, where: string): ComponentProblem => ({
    line: at(token).line,
    column: at(token).column,
    message: `{{< ${token.info} >}} is not closed${where}: expected {{< /${token.info} >}}`,
    hint: `close it with {{< /${token.info} >}} on a line of its own${
      where ? " before the end of the same list item or blockquote" : ""
    }, or write {{< ${token.info} />}} for a component without content`,
  });
  for (const token of tokens) {
    if (token.nesting === 1) open.push(token);
    if (token.nesting !== -1) continue;
    const top = open.pop();
    if (token.type === "component_close") {
      const opener = open.concat(top ? [top] : []).findLast((t) => t.type === "component_open");
      if (!opener) {
        return {
          line: at(token).line,
          column: at(token).column,
          message:
            `{{< /${token.info} >}} closes nothing: expected an opening {{< ${token.info} >}} before it`,
          hint: `write {{< ${token.info} >}} on a line of its own where the component starts, ` +
            "or remove this closing tag",
        };
      }
      if (top !== opener) {
        return {
          line: at(token).line,
          column: at(token).column,
          message:
            `{{< /${token.info} >}} is outside the list item or blockquote that {{< ${opener.info} >}} (line ${
              at(opener).line
            }) opens in`,
          hint:
            "open and close a component at the same indentation, inside the same list item or blockquote",
        };
      }
      if (opener.info !== token.info) {
        return {
          line: at(token).line,
          column: at(token).column,
          message: `expected {{< /${opener.info} >}} (closing {{< ${opener.info} >}} from line ${
            at(opener).line
          }), found {{< /${token.info} >}}`,
          hint:
            `components nest: close {{< ${opener.info} >}} before {{< ${token.info} >}}'s outer one closes`,
        };
      }
    } else if (top?.type === "component_open") {
      const where = token.type === "blockquote_close"
        ? " inside its blockquote"
        : token.type === "list_item_close"
        ? " inside its list item"
        : ` inside its <${token.tag}>`;
      return unclosed(top, where);
    }
  }
  const last = open.findLast((t) => t.type === "component_open");
  return last ? unclosed(last, "") : undefined;
}

/**
 * The line (0-based, in the body) and column (1-based, in the file) of offset `at`
 * of an inline token's content. Content lines are source lines with their
 * indentation and container markers (`> `, `- `) taken off the front.
 */
function locate(
  content: string,
  at: number,
  blockLine: number,
  lines: readonly string[],
): { line: number; column: number } {
  let line = 0;
  for (let i = content.indexOf("\n"); i !== -1 && i < at; i = content.indexOf("\n", i + 1)) line++;
  const start = content.lastIndexOf("\n", at - 1) + 1;
  const end = content.indexOf("\n", at);
  const written = content.slice(start, end === -1 ? content.length : end).trimEnd();
  const source = (lines[blockLine + line] ?? "").trimEnd();
  const shift = source.endsWith(written) ? source.length - written.length : 0;
  return { line: blockLine + line, column: shift + at - start + 1 };
}

const NAME = /^[A-Za-z][\w-]*(?:\/[A-Za-z][\w-]*)*/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[^\s"'=/>]+/;

const PROP_HINT = 'write props as key="text", key=3, key=true or key alone (true)';

/**
 * Parses the tag starting at `pos` (at `{{<`), up to `max`: what it is, or what
 * was expected where it went wrong.
 */
function parseTag(src: string, pos: number, max: number): Tag {
  let i = pos + 3;
  const error = (at: number, message: string, hint: string): Tag => ({
    kind: "error",
    at,
    message,
    hint,
  });
  const spaces = () => {
    const from = i;
    while (i < max && /\s/.test(src[i])) i++;
    return i > from;
  };
  const next = (re: RegExp) => re.exec(src.slice(i, max))?.[0];
  const ahead = (text: string) => src.startsWith(text, i) && i + text.length <= max;
  spaces();
  const closing = src[i] === "/";
  if (closing) {
    i++;
    spaces();
  }
  const name = next(NAME);
  if (!name) {
    return error(
      i,
      `expected a component name after "{{<${closing ? " /" : ""}"`,
      "names start with a letter: {{< alert >}}, {{< ui/card >}}; to show the text itself, write \\{{<",
    );
  }
  i += name.length;
  if (closing) {
    spaces();
    if (ahead(">}}")) return { kind: "close", name, props: {}, end: i + 3 };
    return error(
      i,
      `expected ">}}" to end {{< /${name}`,
      "a closing tag takes no props: {{< /" + name + " >}}",
    );
  }
  const props: [string, PropValue][] = [];
  for (;;) {
    const spaced = spaces();
    if (ahead("/>}}")) return { kind: "self", name, props: Object.fromEntries(props), end: i + 4 };
    if (ahead(">}}")) return { kind: "open", name, props: Object.fromEntries(props), end: i + 3 };
    if (i >= max) {
      return error(
        pos,
        `{{< ${name} is not finished: expected ">}}" or "/>}}"`,
        `end the tag with ">}}" ({{< ${name} … >}} … {{< /${name} >}}), or with "/>}}" for a component without content`,
      );
    }
    const key = spaced ? next(KEY) : undefined;
    if (!key) {
      return error(i, `expected a prop, ">}}" or "/>}}" in {{< ${name}`, PROP_HINT);
    }
    if (RESERVED.has(key)) {
      return error(
        i,
        `the prop name "${key}" is taken`,
        "every component gets content, page, site and data from floe; rename the prop",
      );
    }
    if (props.some(([k]) => k === key)) {
      return error(i, `the prop "${key}" is given twice in {{< ${name}`, "keep one of them");
    }
    i += key.length;
    const afterKey = i;
    spaces();
    if (src[i] !== "=") {
      i = afterKey;
      props.push([key, true]);
      continue;
    }
    i++;
    spaces();
    const value = readValue(src, i, max, key);
    if ("message" in value) return error(value.at, value.message, value.hint);
    props.push([key, value.value]);
    i = value.end;
  }
}

/** The value of prop `key` at `i`: quoted text, a number, true or false. */
function readValue(
  src: string,
  i: number,
  max: number,
  key: string,
): { value: PropValue; end: number } | { at: number; message: string; hint: string } {
  const quote = src[i];
  if (quote === '"' || quote === "'") {
    let text = "";
    for (let j = i + 1; j < max; j++) {
      const c = src[j];
      if (c === quote) return { value: text, end: j + 1 };
      // A backslash takes the next character as it is: \" inside "…".
      if (c === "\\" && j + 1 < max) text += src[++j];
      else text += c;
    }
    return {
      at: i,
      message: `the text of ${key} is not closed: expected a closing ${quote}`,
      hint: `end it with ${quote} before the tag's >}}; write \\${quote} for a ${quote} inside`,
    };
  }
  const rest = src.slice(i, max);
  const number = NUMBER.exec(rest)?.[0];
  const word = WORD.exec(rest)?.[0];
  if (number && number === word && Number.isFinite(Number(number))) {
    return { value: Number(number), end: i + number.length };
  }
  if (word === "true" || word === "false") return { value: word === "true", end: i + word.length };
  return {
    at: i,
    message: word
      ? `expected a value for ${key}: "text", a number, true or false, not ${word}`
      : `expected a value after ${key}=`,
    hint: word ? `quote text: ${key}="${word.replaceAll('"', '\\"')}"` : PROP_HINT,
  };
}
