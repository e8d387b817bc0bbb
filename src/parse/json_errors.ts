/**
 * Where a JSON text goes wrong, for diagnostics: V8's `JSON.parse` names no
 * position for some mistakes (a trailing comma), and nesting too deep is found
 * before a recursive walk can overflow. These scans locate; `JSON.parse` parses.
 *
 * @module
 */

/** The offset of the `[` or `{` that opens level `max + 1` of a JSON text, or -1. */
export function jsonNestingAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) i++;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Finds the first JSON syntax error in `text`, for the messages of V8's that name
 * no position: its offset and what is wrong there. One pass, no recursion.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  // Sticky patterns hold a position: made per call, never shared.
  const scalars = [/-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y, /true|false|null/y];
  // The open containers: true for an object, false for an array.
  const open: boolean[] = [];
  let i = 0;
  // What may come next: a value, a key, or "," or a closing bracket.
  let expect: "value" | "key" | "next" = "value";
  // Just after `[` or `{` (a closing bracket may follow), or just after `,` (it may not).
  let opened = false;
  let comma = false;
  const found = (offset: number, message: string) => ({ offset, message });
  const shown = (at: number) =>
    at >= text.length ? "the end of the text" : JSON.stringify(text[at]);
  const skipSpace = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  for (;;) {
    skipSpace();
    const c = text[i];
    if (expect === "next") {
      if (open.length === 0) {
        return i < text.length ? found(i, `unexpected ${shown(i)} after the value`) : undefined;
      }
      const object = open[open.length - 1];
      if (c === ",") {
        i++;
        expect = object ? "key" : "value";
        comma = true;
      } else if (c === (object ? "}" : "]")) {
        i++;
        open.pop();
      } else {
        return found(i, `expected "," or "${object ? "}" : "]"}", found ${shown(i)}`);
      }
      continue;
    }
    const wasOpened = opened;
    const wasComma = comma;
    opened = comma = false;
    if (open.length > 0 && c === (open[open.length - 1] ? "}" : "]") && (wasOpened || wasComma)) {
      if (wasComma) return found(i, `trailing comma before "${c}"`);
      i++;
      open.pop();
      expect = "next";
      continue;
    }
    if (expect === "key") {
      if (c !== '"') return found(i, `expected a double-quoted key, found ${shown(i)}`);
      const end = jsonString(text, i);
      if (typeof end !== "number") return end;
      i = end;
      skipSpace();
      if (text[i] !== ":") return found(i, `expected ":" after the key, found ${shown(i)}`);
      i++;
      expect = "value";
      continue;
    }
    if (c === "{" || c === "[") {
      open.push(c === "{");
      i++;
      expect = c === "{" ? "key" : "value";
      opened = true;
      continue;
    }
    let end = -1;
    if (c === '"') {
      const after = jsonString(text, i);
      if (typeof after !== "number") return after;
      end = after;
    } else {
      for (const pattern of scalars) {
        pattern.lastIndex = i;
        if (pattern.test(text)) {
          end = pattern.lastIndex;
          break;
        }
      }
    }
    if (end < 0) return found(i, `unexpected ${shown(i)}`);
    i = end;
    expect = "next";
  }
}

/** The offset after the JSON string starting at `start`, or what is wrong in it. */
function jsonString(text: string, start: number): number | { offset: number; message: string } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < 0x20) {
      return { offset: i, message: "control character in a string (write \\n for a line break)" };
    }
    if (c === BACKSLASH) {
      const next = text[i + 1];
      if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return { offset: i, message: "bad escape in a string" };
    }
  }
  return { offset: start, message: "string is never closed" };
}
