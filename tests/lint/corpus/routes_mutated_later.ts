// Dev-server routes: built-ins are added at load time, plugins add more later.
type Handler = (request: Request) => Response | Promise<Response>;

const routes = new Map<string, Handler>(); // expect: floe/no-module-mutable-state

routes.set("/_health", () => new Response("ok"));
routes.set("/_version", () => Response.json({ version: "1.0.0" }));

export function addRoute(path: string, handler: Handler): void {
  if (routes.has(path)) throw new Error(`route ${path} exists`);
  routes.set(path, handler);
}

export async function handle(request: Request): Promise<Response | null> {
  const { pathname } = new URL(request.url);
  const handler = routes.get(pathname);
  return handler ? await handler(request) : null;
}

export function routeList(): string[] {
  return [...routes.keys()].sort();
}

export function hasRoute(path: string): boolean {
  return routes.has(path);
}
