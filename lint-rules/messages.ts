/**
 * Message format and severity of floe lint findings.
 *
 * Deno lint plugins cannot set a severity: every plugin diagnostic is printed
 * the same way. floe therefore encodes it in the message: a finding whose
 * message starts with `Race: ` is an **error** (an `await` between the check
 * and the assignment, a real race); every other finding is a **warning**.
 * `floe audit` reads the severity back with {@link severityOf}.
 *
 * Every message has the shape ``[Race: ]`binding` pattern: why``, so the audit
 * report can show the binding and the pattern in their own columns
 * ({@link parseMessage}).
 *
 * @module
 */

/** Severity of a finding in the `floe audit` report. */
export type Severity = "error" | "warning";

/** Prefix that marks an error-severity finding. */
export const RACE_PREFIX = "Race: ";

/**
 * Builds a finding message in the floe format.
 *
 * @example
 * ```ts
 * import { formatMessage } from "./messages.ts";
 * formatMessage("db", "is assigned after an `await`", "two callers race", true);
 * // "Race: `db` is assigned after an `await`: two callers race"
 * ```
 */
export function formatMessage(
  binding: string,
  pattern: string,
  why: string,
  race = false,
): string {
  return `${race ? RACE_PREFIX : ""}\`${binding}\` ${pattern}: ${why}`;
}

/** The parts of a floe finding message. */
export interface ParsedMessage {
  /** The binding the finding is about (`cache`, `Foo.count`, `globalThis.x`). */
  binding: string;
  /** The short pattern description (`is mutated in \`f()\``). */
  pattern: string;
  /** The explanation after the pattern. */
  why: string;
  /** `error` for races, else `warning`. */
  severity: Severity;
}

/**
 * Splits a message built by {@link formatMessage} back into its parts. Messages
 * in another shape come back with an empty binding and the whole text as the
 * pattern.
 *
 * @example
 * ```ts
 * import { parseMessage } from "./messages.ts";
 * parseMessage("`n` is reassigned in `bump()`: state is per worker").binding; // "n"
 * ```
 */
export function parseMessage(message: string): ParsedMessage {
  const race = message.startsWith(RACE_PREFIX);
  const body = race ? message.slice(RACE_PREFIX.length) : message;
  const severity: Severity = race ? "error" : "warning";
  const match = /^`([^`]+)` (.*?): (.*)$/s.exec(body);
  if (!match) return { binding: "", pattern: body, why: "", severity };
  return { binding: match[1], pattern: match[2], why: match[3], severity };
}

/**
 * The severity floe assigns to a diagnostic: `error` for `Race: ` messages of
 * any floe rule, `warning` otherwise.
 *
 * @example
 * ```ts
 * import { severityOf } from "./messages.ts";
 * severityOf("floe/no-unguarded-singleton", "Race: `db` …"); // "error"
 * severityOf("floe/no-module-mutable-state", "`n` …"); // "warning"
 * ```
 */
export function severityOf(ruleId: string, message: string): Severity {
  return ruleId.startsWith("floe/") && message.startsWith(RACE_PREFIX) ? "error" : "warning";
}
