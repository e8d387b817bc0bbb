// Starts the preview server once and remembers which ports were tried.
const usedPorts = new Set<number>(); // expect: floe/no-module-mutable-state
let server: Deno.HttpServer | undefined; // expect: floe/no-module-mutable-state

function freePort(start: number): number {
  let port = start;
  while (usedPorts.has(port)) port++;
  usedPorts.add(port);
  return port;
}

export function preview(handler: Deno.ServeHandler, start = 4000): Deno.HttpServer {
  if (server) return server;
  server = Deno.serve({ port: freePort(start) }, handler); // expect: floe/no-unguarded-singleton
  return server;
}

export async function stopPreview(): Promise<void> {
  await server?.shutdown();
  server = undefined;
}
