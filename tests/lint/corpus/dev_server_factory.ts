// A small static dev server; all its state belongs to the returned handle.
import { contentType } from "./mime_table.ts";

export interface DevHandle {
  readonly port: number;
  reload(): void;
  close(): Promise<void>;
}

export function startDevServer(root: string, port = 8000): DevHandle {
  const clients = new Set<WebSocket>();
  let requests = 0;

  const server = Deno.serve({ port, onListen: () => {} }, async (request) => {
    requests++;
    const url = new URL(request.url);
    if (url.pathname === "/_reload") {
      const { socket, response } = Deno.upgradeWebSocket(request);
      socket.onopen = () => clients.add(socket);
      socket.onclose = () => clients.delete(socket);
      return response;
    }
    const path = url.pathname.endsWith("/") ? `${url.pathname}index.html` : url.pathname;
    try {
      const body = await Deno.readFile(`${root}${path}`);
      return new Response(body, { headers: { "content-type": contentType(path) } });
    } catch {
      return new Response(`not found (${requests} requests served)`, { status: 404 });
    }
  });

  return {
    port,
    reload() {
      for (const ws of clients) ws.send(JSON.stringify({ type: "reload" }));
    },
    async close() {
      for (const ws of clients) ws.close();
      clients.clear();
      await server.shutdown();
    },
  };
}
