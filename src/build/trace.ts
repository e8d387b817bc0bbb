/**
 * Build traces in Chrome's trace-event format: one track for the main thread and
 * one per worker. Open the file in Perfetto or chrome://tracing.
 *
 * @module
 */
import type { PoolSpan } from "../pool/worker_pool.ts";

/**
 * A span of main-thread work.
 *
 * @example
 * ```ts
 * import type { PhaseSpan } from "./trace.ts";
 * const s: PhaseSpan = { name: "discover", start: 0, end: 12 };
 * ```
 */
export interface PhaseSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Builds the trace JSON: main-thread phases on thread 0, each pool's workers on
 * their own numbered threads, with thread names.
 *
 * @example
 * ```ts
 * import { traceEvents } from "./trace.ts";
 * const json = traceEvents([{ name: "parse", start: 0, end: 5 }], []);
 * ```
 */
export function traceEvents(
  phases: readonly PhaseSpan[],
  spans: readonly PoolSpan[],
): { traceEvents: Record<string, unknown>[] } {
  const origin = Math.min(
    ...phases.map((p) => p.start),
    ...spans.map((s) => s.start),
  );
  const us = (ms: number) => Math.round((ms - origin) * 1000);
  const threads = new Map<string, number>([["main", 0]]);
  const tid = (pool: string, worker: number) => {
    const key = `${pool}-${worker}`;
    if (!threads.has(key)) threads.set(key, threads.size);
    return threads.get(key)!;
  };
  const events: Record<string, unknown>[] = phases.map((p) => ({
    name: p.name,
    cat: "phase",
    ph: "X",
    pid: 1,
    tid: 0,
    ts: us(p.start),
    dur: us(p.end) - us(p.start),
  }));
  for (
    const s of [...spans].sort((a, b) => a.pool.localeCompare(b.pool) || a.worker - b.worker)
  ) {
    events.push({
      name: `${s.pool} ${s.name}`,
      cat: s.pool,
      ph: "X",
      pid: 1,
      tid: tid(s.pool, s.worker),
      ts: us(s.start),
      dur: us(s.end) - us(s.start),
      args: { items: s.items },
    });
  }
  for (const [name, id] of threads) {
    events.push({
      name: "thread_name",
      ph: "M",
      pid: 1,
      tid: id,
      args: { name },
    });
  }
  return { traceEvents: events };
}
