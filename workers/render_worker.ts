/**
 * Render worker: Vento layouts over the snapshot, output files written here.
 *
 * @module
 */
import { serveWorker } from "../src/pool/serve_worker.ts";
import {
  createRenderer,
  type RenderInit,
  type RenderItem,
  type RenderOutcome,
  type Renderer,
} from "../src/render/render_page.ts";

serveWorker<RenderInit, RenderItem, RenderOutcome, Renderer>(createRenderer);
