/**
 * Limits on what parsed data may be: how deep it nests and how much it expands
 * to (YAML aliases repeat their anchor's value), checked with an explicit stack
 * so no input can overflow it; and values cut to a short preview for messages.
 *
 * @module
 */

/**
 * How many levels of lists and mappings a text may nest (the top-level value is
 * level 1). js-yaml's own limit is the same.
 *
 * @example
 * ```ts
 * import { MAX_DEPTH } from "./value_shape.ts";
 * console.log(MAX_DEPTH); // 100
 * ```
 */
export const MAX_DEPTH = 100;

/**
 * How many values (scalars, lists and mappings) a text may expand to, at least:
 * a bigger text may have as many values as it has characters (a text without
 * aliases never has more).
 *
 * @example
 * ```ts
 * import { MAX_VALUES } from "./value_shape.ts";
 * console.log(MAX_VALUES); // 100000
 * ```
 */
export const MAX_VALUES = 100_000;

/**
 * How many characters of strings and keys a text may expand to, at least: a
 * bigger text may have twice as many as it has characters.
 *
 * @example
 * ```ts
 * import { MAX_CHARS } from "./value_shape.ts";
 * console.log(MAX_CHARS); // 1000000
 * ```
 */
export const MAX_CHARS = 1_000_000;

/** What {@link checkShape} found wrong, and under which top-level key. */
export interface ShapeProblem {
  readonly kind: "depth" | "cycle" | "values" | "chars";
  readonly limit: number;
  /** The top-level key whose value holds the problem, if the top level is a mapping. */
  readonly key: string | undefined;
}

type Visit =
  | { readonly value: unknown; readonly depth: number; readonly key: string | undefined }
  | { readonly leave: object };

/**
 * Walks a parsed value with an explicit stack (no recursion, so any depth is
 * safe) and stops at the first problem: nesting deeper than {@link MAX_DEPTH}, a
 * value that contains itself (a YAML alias inside its own anchor), or more values
 * or characters than the budget for a text of `textLength` characters. A shared
 * value (a YAML alias) counts each time it is used: that is what every later
 * stage (freezing, copying to workers, JSON) pays for it.
 */
export function checkShape(value: unknown, textLength: number): ShapeProblem | undefined {
  const maxValues = Math.max(MAX_VALUES, textLength);
  const maxChars = Math.max(MAX_CHARS, 2 * textLength);
  const topIsMapping = typeof value === "object" && value !== null && !Array.isArray(value);
  const stack: Visit[] = [{ value, depth: 1, key: undefined }];
  // The containers on the path from the top to the value being visited.
  const open = new Set<object>();
  let values = 0;
  let chars = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if ("leave" in visit) {
      open.delete(visit.leave);
      continue;
    }
    const { value: v, depth, key } = visit;
    if (++values > maxValues) return { kind: "values", limit: maxValues, key };
    if (typeof v === "string") {
      chars += v.length;
      if (chars > maxChars) return { kind: "chars", limit: maxChars, key };
      continue;
    }
    if (typeof v !== "object" || v === null || v instanceof Date) continue;
    if (open.has(v)) return { kind: "cycle", limit: 0, key };
    if (depth > MAX_DEPTH) return { kind: "depth", limit: MAX_DEPTH, key };
    open.add(v);
    stack.push({ leave: v });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: depth + 1, key });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        chars += keys[i].length;
        const child = (v as Record<string, unknown>)[keys[i]];
        stack.push({
          value: child,
          depth: depth + 1,
          key: depth === 1 && topIsMapping ? keys[i] : key,
        });
      }
      if (chars > maxChars) return { kind: "chars", limit: maxChars, key };
    }
  }
  return undefined;
}

/**
 * A short, bounded rendering of any value for a diagnostic message: JSON for
 * plain data, cut to `max` characters with `…`. Never renders more than it shows,
 * so a huge or self-containing value costs nothing.
 *
 * @example
 * ```ts
 * import { preview } from "./value_shape.ts";
 * preview({ a: [1, 2] }); // '{"a":[1,2]}'
 * preview("x".repeat(1000)).length; // 80
 * ```
 */
export function preview(value: unknown, max = 80): string {
  let out = "";
  // Each level writes a character before going deeper, so recursion stops
  // within `max` levels.
  const write = (v: unknown): void => {
    if (out.length > max) return;
    if (typeof v === "string") out += JSON.stringify(v.length > max ? v.slice(0, max) : v);
    else if (typeof v === "number") out += Number.isFinite(v) ? JSON.stringify(v) : String(v);
    else if (v instanceof Date) out += JSON.stringify(v.toISOString());
    else if (Array.isArray(v)) {
      out += "[";
      for (let i = 0; i < v.length && out.length <= max; i++) {
        if (i > 0) out += ",";
        write(v[i]);
      }
      out += "]";
    } else if (typeof v === "object" && v !== null) {
      out += "{";
      let comma = false;
      for (const key in v) {
        if (out.length > max) break;
        if (!Object.hasOwn(v, key)) continue;
        out += `${comma ? "," : ""}${JSON.stringify(key.length > max ? key.slice(0, max) : key)}:`;
        comma = true;
        write((v as Record<string, unknown>)[key]);
      }
      out += "}";
    } else out += String(v);
  };
  write(value);
  return clip(out, max);
}

/** `text` cut to `max` characters, ending in `…` when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
