// A pool worker whose work takes a while and cannot be interrupted from inside (it
// busy-waits), for tests of cancelling the pool. `initMs` is spent in setup,
// `itemMs` on every item; the result of item n is n * 2.
import { serveWorker } from "../../src/pool/serve_worker.ts";

export interface SlowInit {
  readonly initMs: number;
  readonly itemMs: number;
}

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Deliberately blocks the worker's event loop.
  }
}

serveWorker<SlowInit, number, number>(({ initMs, itemMs }) => {
  spin(initMs);
  return (n) => {
    spin(itemMs);
    return n * 2;
  };
});
