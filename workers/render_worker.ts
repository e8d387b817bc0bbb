/**
 * Render worker: Vento layouts over the snapshot, output files written here.
 *
 * @module
 */
import { serveWorker } from "../src/pool/serve_worker.ts";
import { packedBuffers, packOutcomes } from "../src/render/pack_outcomes.ts";
import {
  createRenderer,
  type Renderer,
  type RenderInit,
  type RenderItem,
  type RenderOutcome,
} from "../src/render/render_page.ts";

// A batch's typed arrays go in one buffer, which moves to the main thread without a copy.
serveWorker<RenderInit, RenderItem, RenderOutcome, Renderer>(
  createRenderer,
  packedBuffers,
  (batch, render) => {
    render.bodies.close(); // the batch's body files (see `Renderer.bodies`)
    return packOutcomes(batch);
  },
);
