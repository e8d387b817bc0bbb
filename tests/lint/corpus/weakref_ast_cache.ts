// Parsed Markdown ASTs held weakly, keyed by a content hash; values are frozen.
import { createHash } from "node:crypto";

export interface Node {
  readonly type: string;
  readonly children?: readonly Node[];
  readonly value?: string;
}

declare function parseMarkdown(source: string): Node;

const astCache = new Map<string, WeakRef<Node>>(); // expect: floe/no-module-mutable-state

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function parse(source: string): Node {
  const key = createHash("sha1").update(source).digest("hex");
  const ref = astCache.get(key);
  const alive = ref?.deref();
  if (alive) return alive;
  if (ref) astCache.delete(key);
  const ast = deepFreeze(parseMarkdown(source));
  astCache.set(key, new WeakRef(ast));
  return ast;
}
