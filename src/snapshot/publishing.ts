/**
 * Which pages a build publishes: drafts, future and expired pages are left out
 * unless the build asks for them.
 *
 * @module
 */

/**
 * The build's choices and its clock.
 *
 * @example
 * ```ts
 * import type { PublishingRules } from "./publishing.ts";
 * const rules: PublishingRules = { drafts: false, future: false, expired: false, now: Date.now() };
 * ```
 */
export interface PublishingRules {
  readonly drafts: boolean;
  readonly future: boolean;
  readonly expired: boolean;
  /** The build's "now", in ms since the epoch (one value for the whole build). */
  readonly now: number;
}

/**
 * Whether a page with this front matter is built: not a draft (unless `drafts`),
 * its `publishDate` (or else `date`) not in the future (unless `future`), its
 * `expiryDate` not passed (unless `expired`).
 *
 * @example
 * ```ts
 * import { isPublished } from "./publishing.ts";
 * isPublished({ date: "2999-01-01" }, { drafts: false, future: false, expired: false, now: Date.now() }); // false
 * ```
 */
export function isPublished(
  frontMatter: Readonly<Record<string, unknown>>,
  rules: PublishingRules,
): boolean {
  if (frontMatter.draft === true && !rules.drafts) return false;
  const publish = time(frontMatter.publishDate) ?? time(frontMatter.date);
  if (publish !== undefined && publish > rules.now && !rules.future) return false;
  const expiry = time(frontMatter.expiryDate);
  if (expiry !== undefined && expiry <= rules.now && !rules.expired) return false;
  return true;
}

function time(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * When {@link isPublished} next changes its answer for this front matter as the
 * clock moves on: the future publish or expiry instant that matters, or
 * `Infinity`. A remembered snapshot is valid until the earliest of these.
 *
 * @example
 * ```ts
 * import { publishingChangesAt } from "./publishing.ts";
 * publishingChangesAt({ date: "2999-01-01" }, { drafts: false, future: false, expired: false, now: 0 });
 * // Date.parse("2999-01-01T00:00:00Z")
 * ```
 */
export function publishingChangesAt(
  frontMatter: Readonly<Record<string, unknown>>,
  rules: PublishingRules,
): number {
  let at = Infinity;
  const publish = time(frontMatter.publishDate) ?? time(frontMatter.date);
  if (publish !== undefined && publish > rules.now && !rules.future) at = publish;
  const expiry = time(frontMatter.expiryDate);
  if (expiry !== undefined && expiry > rules.now && !rules.expired) at = Math.min(at, expiry);
  return at;
}
