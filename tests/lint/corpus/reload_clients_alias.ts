// Live-reload sockets kept on a typed alias of globalThis so they survive module reloads.
const g = globalThis as typeof globalThis & { __reloadClients?: Set<WebSocket> };

g.__reloadClients ??= new Set<WebSocket>(); // expect: floe/no-module-mutable-state

export function addReloadClient(socket: WebSocket): void {
  g.__reloadClients!.add(socket);
  socket.onclose = () => g.__reloadClients!.delete(socket);
}

export function notifyReload(changed: readonly string[]): number {
  let sent = 0;
  for (const socket of g.__reloadClients ?? []) {
    socket.send(JSON.stringify({ type: "reload", changed }));
    sent++;
  }
  return sent;
}

export function reloadClientCount(): number {
  return g.__reloadClients?.size ?? 0;
}
