// Dev-server helper: watches the content folder and notifies browsers.
const clients = new Set<WebSocket>(); // expect: floe/no-module-mutable-state
let watcher: Deno.FsWatcher | null = null; // expect: floe/no-module-mutable-state
let lastBuild = 0; // expect: floe/no-module-mutable-state

const DEBOUNCE_MS = 80;

export function addClient(socket: WebSocket): void {
  clients.add(socket);
  socket.addEventListener("close", () => clients.delete(socket));
}

function broadcast(message: unknown): void {
  const text = JSON.stringify(message);
  for (const socket of clients) {
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
  }
}

export async function startWatching(root: string, rebuild: () => Promise<void>): Promise<void> {
  if (watcher) return;
  watcher = Deno.watchFs(root, { recursive: true }); // expect: floe/no-unguarded-singleton
  let timer: number | undefined;
  for await (const _event of watcher) {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await rebuild();
      lastBuild = Date.now();
      broadcast({ type: "reload", at: lastBuild });
    }, DEBOUNCE_MS);
  }
}

export function stopWatching(): void {
  watcher?.close();
  watcher = null;
}
