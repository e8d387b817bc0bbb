// A pool worker that fails in the ways real ones can, for tests of the pool.
import { serveWorker } from "../../src/pool/serve_worker.ts";

serveWorker<string, number, number>((mode) => {
  if (mode === "throw-at-init") throw new Error("cannot start");
  return (n) => {
    if (mode === "die" && n === 3) {
      // An uncaught error outside the message handler kills the worker.
      setTimeout(() => {
        throw new Error("worker died");
      });
      return new Promise(() => {});
    }
    if (mode === "busy" && n === 3) {
      // Code that does not yield (a filter in a long loop): only a watchdog sees it.
      const until = Date.now() + 3000;
      while (Date.now() < until) { /* busy */ }
    }
    return n * 2;
  };
});
