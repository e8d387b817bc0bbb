/// <reference lib="deno.worker" />
// A custom render worker: receives pages, answers with HTML.
import { renderMarkdown } from "./markdown_renderer_const.ts";

interface RenderRequest {
  readonly id: number;
  readonly source: string;
  readonly url: string;
}

interface RenderResponse {
  readonly id: number;
  readonly html?: string;
  readonly error?: string;
}

function respond(message: RenderResponse): void {
  globalThis.postMessage(message);
}

globalThis.onmessage = (event: MessageEvent<RenderRequest>) => {
  const { id, source, url } = event.data;
  try {
    const html = renderMarkdown(source, { baseUrl: url });
    respond({ id, html });
  } catch (error) {
    respond({ id, error: error instanceof Error ? error.message : String(error) });
  }
};

globalThis.onmessageerror = () => {
  respond({ id: -1, error: "could not deserialize message" });
};
