// Preview server kept on globalThis so that a re-imported module finds it again.
declare global {
  var __floePreview: Deno.HttpServer | undefined;
}

export interface PreviewOptions {
  readonly port: number;
  readonly root: string;
}

function handler(root: string): Deno.ServeHandler {
  return async (request) => {
    const { pathname } = new URL(request.url);
    const path = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
    try {
      return new Response(await Deno.readFile(`${root}${path}`));
    } catch {
      return new Response("not found", { status: 404 });
    }
  };
}

export function startPreview(options: PreviewOptions): Deno.HttpServer {
  if (globalThis.__floePreview) return globalThis.__floePreview;
  globalThis.__floePreview = Deno.serve({ port: options.port }, handler(options.root)); // expect: floe/no-module-mutable-state, floe/no-unguarded-singleton
  return globalThis.__floePreview;
}

export async function stopPreview(): Promise<void> {
  const server = globalThis.__floePreview;
  if (!server) return;
  globalThis.__floePreview = undefined;
  await server.shutdown();
}

export function isPreviewRunning(): boolean {
  return globalThis.__floePreview !== undefined;
}
