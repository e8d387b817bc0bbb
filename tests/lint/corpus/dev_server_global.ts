// Preview server for drafts, started on demand from a plugin hook.
declare global {
  var __draftServer: Deno.HttpServer | undefined;
}

export interface PreviewOptions {
  readonly port: number;
  readonly root: string;
}

async function serveFile(root: string, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const path = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
  try {
    return new Response(await Deno.readFile(`${root}${path}`));
  } catch {
    return new Response("not found", { status: 404 });
  }
}

export function ensurePreviewServer(options: PreviewOptions): Deno.HttpServer {
  if (!globalThis.__draftServer) globalThis.__draftServer = Deno.serve({ port: options.port }, (req) => serveFile(options.root, req)); // expect: floe/no-module-mutable-state, floe/no-unguarded-singleton
  return globalThis.__draftServer;
}

export function previewUrl(options: PreviewOptions, url: string): string {
  return `http://localhost:${options.port}${url}`;
}
