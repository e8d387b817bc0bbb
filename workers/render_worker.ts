/**
 * Render worker: Vento layouts over the snapshot, output files written here.
 *
 * @module
 */
import { serveWorker } from "../src/pool/serve_worker.ts";
import {
  createRenderer,
  type Renderer,
  type RenderInit,
  type RenderItem,
  type RenderOutcome,
} from "../src/render/render_page.ts";

serveWorker<RenderInit, RenderItem, RenderOutcome, Renderer>(createRenderer);
