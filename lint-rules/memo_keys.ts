/**
 * What the key of a memo cache is made of, for `floe/no-unsafe-memo`: an
 * object compared by identity, `JSON.stringify(...)` of the input, or a path
 * that does not change when the file it names does.
 *
 * @module
 */

import {
  calleeName,
  isStaticCall,
  memberName,
  type Node,
  nodeKey,
  outer,
  parentOf,
  same,
  unwrap,
  walk,
  walkOwn,
} from "./ast.ts";
import type { ModuleModel } from "./model.ts";
import type { FunctionInfo, LocalBinding } from "./module_scope.ts";
import { isObjectType } from "./patterns.ts";
import type { MemoAccess } from "./no_unsafe_memo.ts";

/** What a key expression is, as far as the function shows. */
interface KeyOrigin {
  /** The key and, for a local, its initialiser. */
  readonly nodes: Node[];
  /** The local the key is read from, if any. */
  readonly local: LocalBinding | null;
}

function originOf(model: ModuleModel, key: Node): KeyOrigin {
  const node = unwrap(key);
  const local = node.type === "Identifier" ? model.scope.locals.get(nodeKey(node)) ?? null : null;
  const nodes = [node];
  if (local?.init) nodes.push(unwrap(local.init));
  return { nodes, local };
}

function contains(node: Node, predicate: (node: Node) => boolean): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (predicate(n)) found = true;
  });
  return found;
}

/**
 * True when the key is, or is built from, `JSON.stringify(...)`.
 *
 * @example
 * ```ts
 * import { isJsonKey } from "./memo_keys.ts";
 * import type { ModuleModel } from "./model.ts";
 * declare const model: ModuleModel, key: Deno.lint.Node;
 * isJsonKey(model, key);
 * ```
 */
export function isJsonKey(model: ModuleModel, key: Node): boolean {
  return originOf(model, key).nodes.some((node) => contains(node, isOpaqueStringify));
}

/**
 * `JSON.stringify(x)` of a value built elsewhere (its property order is not
 * under the caller's control); an array or object literal built in place
 * (`JSON.stringify([path, flag])`) has a fixed order.
 */
function isOpaqueStringify(node: Node): boolean {
  if (!isStaticCall(node, "JSON", "stringify")) return false;
  const argument = (node as Deno.lint.CallExpression).arguments[0] as Node | undefined;
  const value = argument ? unwrap(argument) : null;
  return !!value && value.type !== "ArrayExpression" && value.type !== "ObjectExpression" &&
    value.type !== "Literal" &&
    value.type !== "TemplateLiteral";
}

// -- identity -----------------------------------------------------------------

/** Property names of strings and numbers: using one does not show the key is an object. */
const PRIMITIVE_MEMBERS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(String.prototype),
  ...Object.getOwnPropertyNames(Number.prototype),
]);

/** Is the local used as an object in the function (`page.url`, `node.type`)? */
function usedAsObject(model: ModuleModel, fn: FunctionInfo, local: LocalBinding): boolean {
  let found = false;
  walkOwn(fn.node, (node) => {
    if (found || node.type !== "Identifier" || model.scope.locals.get(nodeKey(node)) !== local) {
      return;
    }
    const self = outer(node);
    const member = parentOf(self);
    if (
      member?.type !== "MemberExpression" || member.computed || !same(member.object as Node, self)
    ) return;
    const name = memberName(member);
    if (name !== null && !PRIMITIVE_MEMBERS.has(name)) found = true;
  }, true);
  return found;
}

function isObjectNode(node: Node): boolean {
  if (
    node.type === "ThisExpression" || node.type === "ObjectExpression" ||
    node.type === "ArrayExpression"
  ) return true;
  if (node.type !== "NewExpression") return false;
  const callee = unwrap(node.callee as Node);
  return !(callee.type === "Identifier" && ["String", "Number", "Boolean"].includes(callee.name));
}

/**
 * True when the cache is keyed by an object, compared by identity: `this`, an
 * object or array literal, a value typed as an object (`page: Page`,
 * `Map<Page, …>`), or an untyped parameter the function uses as an object.
 *
 * @example
 * ```ts
 * import { isIdentityKey } from "./memo_keys.ts";
 * import type { ModuleModel } from "./model.ts";
 * import type { MemoAccess } from "./no_unsafe_memo.ts";
 * declare const model: ModuleModel, use: MemoAccess;
 * isIdentityKey(model, use, "Page");
 * ```
 */
export function isIdentityKey(model: ModuleModel, use: MemoAccess, keyType: string): boolean {
  const objectType = (type: string) =>
    isObjectType(type, model.objectTypes, model.primitiveAliases);
  if (keyType) return objectType(keyType);
  if (!use.key) return false;
  const { nodes, local } = originOf(model, use.key);
  if (nodes.some(isObjectNode)) return true;
  if (!local) return false;
  if (local.typeText) return objectType(local.typeText);
  return local.kind === "param" && !!use.access.fn && usedAsObject(model, use.access.fn, local);
}

// -- paths --------------------------------------------------------------------

const PATH_WORDS: ReadonlySet<string> = new Set([
  "path",
  "paths",
  "file",
  "filename",
  "filepath",
  "url",
  "uri",
  "href",
  "specifier",
  "dir",
  "directory",
]);

const PATH_CALLS: ReadonlySet<string> = new Set([
  "join",
  "resolve",
  "relative",
  "normalize",
  "toFileUrl",
  "fromFileUrl",
  "pathToFileURL",
  "fileURLToPath",
  "realPath",
  "realPathSync",
  "realpath",
  "realpathSync",
]);

const CONTENT_WORDS =
  /hash|digest|mtime|etag|version|content|checksum|revision|modified|integrity|text|source|body/i;

/** The last word of a camelCase or snake_case name, lower-cased. */
function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[\s_$]+/).filter(Boolean);
  return (words[words.length - 1] ?? "").toLowerCase();
}

function nameOf(node: Node): string | null {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression") return memberName(node);
  return null;
}

function isPathLike(node: Node): boolean {
  return contains(node, (n) => {
    const name = nameOf(n);
    if (name !== null && PATH_WORDS.has(lastWord(name))) return true;
    return n.type === "CallExpression" && PATH_CALLS.has(calleeName(n) ?? "");
  });
}

function mentionsContent(node: Node): boolean {
  return contains(node, (n) => {
    const name = nameOf(n);
    return name !== null && CONTENT_WORDS.test(name);
  });
}

/** Calls that read what a path names: files, URLs, modules. */
const IO_CALL = /^(?:read|load|fetch|stat|lstat|open|require|import)/i;

function doesIo(fn: FunctionInfo): boolean {
  let found = false;
  walkOwn(fn.node, (node) => {
    if (node.type === "ImportExpression") found = true;
    if (node.type === "CallExpression" && IO_CALL.test(calleeName(node) ?? "")) found = true;
  }, true);
  return found;
}

/**
 * True when the cache is keyed by a path (or URL) without anything that
 * changes with the content (a hash, an mtime, a version), and the function
 * reads what the path names — so an edit leaves a stale entry.
 *
 * @example
 * ```ts
 * import { isPathKey } from "./memo_keys.ts";
 * import type { ModuleModel } from "./model.ts";
 * import type { MemoAccess } from "./no_unsafe_memo.ts";
 * import type { FunctionInfo } from "./module_scope.ts";
 * declare const model: ModuleModel, use: MemoAccess, fn: FunctionInfo;
 * isPathKey(model, use, fn);
 * ```
 */
export function isPathKey(model: ModuleModel, use: MemoAccess, fn: FunctionInfo): boolean {
  if (!use.key) return false;
  const { nodes } = originOf(model, use.key);
  if (!nodes.some(isPathLike) || nodes.some(mentionsContent)) return false;
  return doesIo(fn);
}
