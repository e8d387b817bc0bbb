/// <reference lib="deno.worker" />
// An image-resize worker: answers messages, keeps nothing between them.
interface ResizeRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly width: number;
}

declare function resize(bytes: Uint8Array, width: number): Uint8Array;

self.onmessage = (event: MessageEvent<ResizeRequest>) => {
  const { id, bytes, width } = event.data;
  const started = performance.now();
  try {
    const output = resize(bytes, width);
    self.postMessage({ id, output, ms: performance.now() - started }, [output.buffer]);
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};

self.onmessageerror = (event: MessageEvent) => {
  console.error("could not read message", event.data);
};
