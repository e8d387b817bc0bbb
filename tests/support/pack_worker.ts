// A pool worker whose results of a batch are packed into one buffer, moved (not
// copied) with the batch, as render workers do with their outcomes' arrays.
import { serveWorker } from "../../src/pool/serve_worker.ts";

serveWorker<null, number, Uint32Array>(
  () => (n) => Uint32Array.of(n, n * 2),
  (result) => [result.buffer as ArrayBuffer],
  (results) => {
    const all = new Uint32Array(results.reduce((sum, r) => sum + r.length, 0));
    let at = 0;
    return results.map((r) => {
      const view = all.subarray(at, at += r.length);
      view.set(r);
      return view;
    });
  },
);
