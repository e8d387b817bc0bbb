/**
 * `floe serve`: one {@link SiteSession} kept open, a watcher feeding it change
 * sets, and an HTTP server over its output folder that tells browsers what each
 * build changed.
 *
 * The loop: the first build; then every change set the watcher hands over
 * cancels the build under way (if any) and starts the next one with every path
 * seen since the last build that finished, so an edit made during a build is
 * never lost. A build that commits bumps the revision and sends one event to
 * every browser; a failed build sends its errors (with code frames) and leaves
 * the last good output served. Commits run under the server's {@link Gate}: a
 * request sees one build's files, never half of one.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import type { UserConfig } from "../config/config.ts";
import type { Diagnostic } from "../errors/diagnostic.ts";
import { CONFIG_FILES } from "../config/load_config.ts";
import { localModules } from "../config/modules.ts";
import { type BuildReport, SiteSession } from "../build/session.ts";
import { ignoredInput } from "../discover/discover.ts";
import { CLIENT_PATH, CLIENT_SCRIPT, clientTag, EVENTS_PATH, injectClient } from "./client.ts";
import { basePath, contentType, resolveRequest } from "./files.ts";
import { Gate } from "./gate.ts";
import { SiteWatcher } from "./watch.ts";

/**
 * How a dev server is started.
 *
 * @example
 * ```ts
 * import type { DevServerOptions } from "./dev_server.ts";
 * const options: DevServerOptions = { root: "site", port: 3000, overrides: { drafts: true } };
 * ```
 */
export interface DevServerOptions {
  /** The site folder. Default: the current folder. */
  readonly root?: string;
  /** A config file other than `<root>/floe.config.ts`. */
  readonly configFile?: string;
  /** Settings that win over the config file (what CLI flags set). */
  readonly overrides?: UserConfig;
  /** Interface to listen on. Default `127.0.0.1`: only this machine can connect. */
  readonly host?: string;
  /** First port to try; the next free one is taken when it is in use. Default 3000; 0: any free port. */
  readonly port?: number;
  /** Milliseconds of file-system quiet that end a burst of events. Default 10. */
  readonly debounceMs?: number;
  /** Where builds are remembered: default `<root>/.floe-cache`; `false`: only in memory. */
  readonly cacheDir?: string | false;
  /** Ignore what the disk cache remembers: the first build is a full one. */
  readonly clean?: boolean;
  /** Let builds replace a non-empty output folder floe did not make (refused otherwise). */
  readonly replaceOutput?: boolean;
  /** Called after every build that finished (not cancelled). */
  readonly onBuild?: (build: ServedBuild) => void;
}

/**
 * One build as the server saw it: what set it off, its report, and the event
 * browsers were sent (none when nothing they show changed).
 *
 * @example
 * ```ts
 * import type { ServedBuild } from "./dev_server.ts";
 * declare const b: ServedBuild;
 * console.log(b.changes, b.report.rendered.length, b.event?.revision);
 * ```
 */
export interface ServedBuild {
  /** The changed paths, relative to the site folder; empty for the first build. */
  readonly changes: readonly string[];
  /** Milliseconds from the first file-system event of the change set to the end of the build. */
  readonly latencyMs: number;
  /** What the session's build did. */
  readonly report: BuildReport;
  /** What browsers were told, or `null` when there was nothing to tell. */
  readonly event: ReloadEvent | null;
}

/**
 * What browsers are told after a build. URLs are paths under the site's base
 * path, pages as their directory URL (`/docs/a/`).
 *
 * @example
 * ```ts
 * import type { ReloadEvent } from "./dev_server.ts";
 * const e: ReloadEvent = {
 *   server: "3f2a", revision: 2, changed: ["/docs/a/"], removed: [], cssOnly: false, errors: [],
 * };
 * ```
 */
export interface ReloadEvent {
  /** Changes whenever the server restarts: a client that sees another one reloads. */
  readonly server: string;
  /** One more per event. */
  readonly revision: number;
  /** Files written by the build, as URLs. */
  readonly changed: readonly string[];
  /** Files deleted by the build, as URLs. */
  readonly removed: readonly string[];
  /** Only stylesheets changed: swap them, reload nothing. */
  readonly cssOnly: boolean;
  /** The errors of a failed build (empty when it succeeded). */
  readonly errors: readonly OverlayError[];
}

/**
 * A build error as the overlay shows it: the diagnostic and lines of its source.
 *
 * @example
 * ```ts
 * import type { OverlayError } from "./dev_server.ts";
 * const e: OverlayError = {
 *   severity: "error", code: "front-matter", message: "bad YAML", file: "content/a.md", line: 2,
 *   frame: [{ number: 1, text: "---" }, { number: 2, text: "title: [" }],
 * };
 * ```
 */
export interface OverlayError extends Diagnostic {
  /** The lines around `line`, numbered from 1. */
  readonly frame: readonly { readonly number: number; readonly text: string }[];
}

/**
 * A running dev server.
 *
 * @example
 * ```ts
 * import { startDevServer } from "./dev_server.ts";
 * const server = await startDevServer({ root: "site", port: 0 });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export interface DevServer {
  /** Where the site is served, base path included (`http://127.0.0.1:3000/docs/`). */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** The first build's report. */
  readonly first: ServedBuild;
  /** The current revision. */
  readonly revision: number;
  /** Resolves once no build is running or waiting (after the change sets seen so far). */
  idle(): Promise<void>;
  /** Stops watching, cancels a running build, ends the workers and the server. */
  close(): Promise<void>;
}

/** Ports tried after the requested one when it is in use. */
const PORT_TRIES = 20;

/**
 * Builds the site, then serves it and rebuilds on every change until closed.
 * The first build may fail: the server starts anyway and shows its errors.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const server = new Server(options);
  await server.start();
  return server;
}

class Server implements DevServer {
  readonly #options: DevServerOptions;
  readonly #root: string;
  readonly #gate = new Gate();
  readonly #session: SiteSession;
  readonly #watcher: SiteWatcher;
  readonly #id = crypto.randomUUID().slice(0, 8);
  readonly #clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  readonly #encoder = new TextEncoder();
  #http: Deno.HttpServer<Deno.NetAddr> | undefined;
  #revision = 0;
  #base = "/";
  #outDir = "";
  #errors: readonly OverlayError[] = [];
  /**
   * Paths seen and not yet built by a build that finished, each with the number of
   * the last change set that named it (see `#runBuilds`).
   */
  readonly #pending = new Map<string, number>();
  /** Change sets seen so far. */
  #changeSets = 0;
  /** When the oldest pending path was seen. */
  #pendingSince = 0;
  #loop: Promise<void> | undefined;
  #controller: AbortController | undefined;
  #first: ServedBuild | undefined;
  #closed = false;

  constructor(options: DevServerOptions) {
    this.#options = options;
    this.#root = resolve(options.root ?? ".");
    this.#session = new SiteSession({
      root: this.#root,
      configFile: options.configFile,
      overrides: options.overrides,
      cacheDir: options.cacheDir,
      clean: options.clean,
      replaceOutput: options.replaceOutput,
      exclusive: (commit) => this.#gate.write(commit),
    });
    this.#watcher = new SiteWatcher((paths, firstAt) => this.#changed(paths, firstAt), {
      quietMs: options.debounceMs,
    });
  }

  get url(): string {
    const host = this.#http!.addr.hostname;
    // Listening on every interface: this machine reaches it as localhost.
    const shown = host === "0.0.0.0" || host === "::"
      ? "localhost"
      : host.includes(":")
      ? `[${host}]`
      : host;
    return `http://${shown}:${this.#http!.addr.port}${this.#base}`;
  }

  get port(): number {
    return this.#http!.addr.port;
  }

  get first(): ServedBuild {
    return this.#first!;
  }

  get revision(): number {
    return this.#revision;
  }

  async start(): Promise<void> {
    // Watching starts before the first build (with the usual folders, refined
    // once the config is read), so an edit made during it is built after it.
    const root = this.#root;
    this.#watcher.watch({
      folders: ["content", "layouts", "data", "static"].map((dir) => join(root, dir)),
      files: this.#configFiles(),
    });
    this.#pendingSince = performance.now();
    this.#loop = this.#runBuilds(true);
    await this.#loop;
    this.#http = this.#listen();
  }

  /** The config file given, or the ones floe would find (one may be created while serving). */
  #configFiles(): string[] {
    const given = this.#options.configFile;
    return given ? [resolve(given)] : CONFIG_FILES.map((name) => join(this.#root, name));
  }

  #listen(): Deno.HttpServer<Deno.NetAddr> {
    const hostname = this.#options.host ?? "127.0.0.1";
    const first = this.#options.port ?? 3000;
    for (let port = first; port <= first + PORT_TRIES; port++) {
      try {
        return Deno.serve(
          { hostname, port, onListen() {} },
          (request) => this.#handle(request),
        );
      } catch (e) {
        if (!(e instanceof Deno.errors.AddrInUse) || first === 0) throw e;
      }
    }
    throw new Error(`ports ${first}–${first + PORT_TRIES} are all in use; pick one with --port`);
  }

  #changed(paths: readonly string[], firstAt: number): void {
    if (this.#closed) return;
    if (this.#pending.size === 0) this.#pendingSince = firstAt;
    this.#changeSets++;
    for (const path of paths) this.#pending.set(path, this.#changeSets);
    this.#controller?.abort();
    this.#loop ??= this.#runBuilds(false);
  }

  /** Builds until no change is pending; a new change set cancels the build under way. */
  async #runBuilds(first: boolean): Promise<void> {
    // Settles after the caller has stored the promise, so `finally` clears the right one.
    await Promise.resolve();
    try {
      while (first || this.#pending.size > 0) {
        const paths = [...this.#pending.keys()];
        const seen = this.#changeSets;
        const since = this.#pendingSince;
        const controller = this.#controller = new AbortController();
        const report = await this.#session.build({
          signal: controller.signal,
          changed: first ? undefined : paths,
        });
        this.#controller = undefined;
        if (report.cancelled) {
          if (this.#closed) return;
          continue; // the paths stay pending, with the new ones
        }
        // A path changed again while the build ran stays pending: the build may have
        // read it before that change, and a change that comes after the build's last
        // check for cancellation does not stop it (ten rapid edits could end in the
        // output of the ninth).
        for (const path of paths) {
          if (this.#pending.get(path)! <= seen) this.#pending.delete(path);
        }
        if (this.#pending.size > 0) this.#pendingSince = performance.now();
        first = false;
        this.#finished(report, paths, since);
      }
    } finally {
      this.#loop = undefined;
    }
  }

  #finished(report: BuildReport, paths: readonly string[], since: number): void {
    if (report.config) {
      this.#base = basePath(report.config.baseURL);
      this.#outDir = report.outDir;
      const { dirs, configFile } = report.config;
      this.#watcher.watch({
        folders: [dirs.content, dirs.layouts, dirs.data, dirs.static],
        files: configFile ? localModules(configFile) : this.#configFiles(),
        ignored: ignoredInput(report.config),
      });
    }
    const event = this.#event(report);
    if (event) this.#broadcast(event);
    const build: ServedBuild = {
      changes: paths.map((p) => relative(this.#root, p) || p).sort(),
      latencyMs: performance.now() - since,
      report,
      event,
    };
    this.#first ??= build;
    this.#options.onBuild?.(build);
  }

  /** The event for a build, or `null` when browsers have nothing to do. */
  #event(report: BuildReport): ReloadEvent | null {
    const errors = report.ok ? [] : withFrames(
      overlayErrors(report.diagnostics.filter((d) => d.severity === "error")),
      this.#root,
    );
    if (
      report.ok && this.#errors.length === 0 && !report.written.length && !report.removed.length
    ) {
      return null;
    }
    this.#errors = errors;
    const changed = report.written.map((p) => this.#urlOf(p));
    return {
      server: this.#id,
      revision: ++this.#revision,
      changed,
      removed: report.removed.map((p) => this.#urlOf(p)),
      cssOnly: changed.length > 0 && report.removed.length === 0 &&
        changed.every((url) => url.endsWith(".css")),
      errors,
    };
  }

  /** An output path's URL: `docs/a/index.html` → `/docs/a/`. */
  #urlOf(path: string): string {
    const url = `${this.#base}${path}`;
    return url.endsWith("/index.html") ? url.slice(0, -"index.html".length) : url;
  }

  #broadcast(event: ReloadEvent): void {
    const bytes = this.#encoder.encode(sseMessage(event));
    for (const client of this.#clients) {
      try {
        client.enqueue(bytes);
      } catch {
        this.#clients.delete(client);
      }
    }
  }

  async #handle(request: Request): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed\n", { status: 405, headers: { allow: "GET, HEAD" } });
    }
    const { pathname } = new URL(request.url);
    if (pathname === `${this.#base}${EVENTS_PATH}`) return this.#events();
    if (pathname === `${this.#base}${CLIENT_PATH}`) {
      return respond(request, CLIENT_SCRIPT, 200, "text/javascript; charset=utf-8");
    }
    if (pathname === "/" && this.#base !== "/") {
      return new Response(null, { status: 302, headers: { location: this.#base } });
    }
    // Resolved and read under the gate: the bytes belong to one build.
    const found = await this.#gate.read(async () => {
      const target = await resolveRequest(this.#outDir, this.#base, pathname);
      if (target.kind !== "file") return target;
      return { ...target, bytes: await Deno.readFile(target.path).catch(() => null) };
    });
    switch (found.kind) {
      case "redirect":
        return new Response(null, { status: 301, headers: { location: found.location } });
      case "refused":
        return respond(request, "forbidden\n", 403, "text/plain; charset=utf-8");
      case "file":
        if (found.bytes) return this.#file(request, found.path, found.bytes, 200);
    }
    return await this.#notFound(request);
  }

  #file(request: Request, path: string, bytes: Uint8Array, status: number): Response {
    const type = contentType(path);
    if (!type.startsWith("text/html")) return respond(request, bytes, status, type);
    const html = new TextDecoder().decode(bytes);
    return respond(request, injectClient(html, this.#tag()), status, type);
  }

  #tag(): string {
    return clientTag(this.#base, this.#revision, this.#id);
  }

  async #notFound(request: Request): Promise<Response> {
    const page = join(this.#outDir, "404.html");
    const bytes = await this.#gate.read(() => Deno.readFile(page)).catch(() => null);
    if (bytes) return this.#file(request, page, bytes, 404);
    // No 404 page (or no build yet): a bare one that still shows errors and reloads.
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Not found</title>` +
      `</head><body><h1>Not found</h1><p>Nothing is built at this address.</p></body></html>`;
    return respond(request, injectClient(html, this.#tag()), 404, "text/html; charset=utf-8");
  }

  /**
   * The event stream: a `state` message at once (the current revision and
   * errors, so a page that missed a build while it connected reloads), then one
   * `build` event per build.
   */
  #events(): Response {
    if (this.#closed) return new Response("the server is stopping\n", { status: 503 });
    let self: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.#clients.add(controller);
        const state = { server: this.#id, revision: this.#revision, errors: this.#errors };
        controller.enqueue(this.#encoder.encode(
          `retry: 500\n\nevent: state\ndata: ${JSON.stringify(state)}\n\n`,
        ));
      },
      cancel: () => {
        this.#clients.delete(self);
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
      },
    });
  }

  async idle(): Promise<void> {
    while (this.#loop) await this.#loop;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#watcher.close();
    this.#controller?.abort();
    await this.#loop;
    await this.#session.close();
    for (const client of this.#clients) {
      try {
        client.close();
      } catch {
        // already closed by the browser
      }
    }
    this.#clients.clear();
    await this.#http?.shutdown();
  }
}

/** One Server-Sent Events message of type `build`, its id the revision. */
export function sseMessage(event: ReloadEvent): string {
  return `event: build\nid: ${event.revision}\ndata: ${JSON.stringify(event)}\n\n`;
}

function respond(
  request: Request,
  body: string | Uint8Array,
  status: number,
  type: string,
): Response {
  return new Response(request.method === "HEAD" ? null : body as BodyInit, {
    status,
    headers: { "content-type": type, "cache-control": "no-store" },
  });
}

/** Errors the overlay lists; the terminal has them all. */
const OVERLAY_ERRORS = 20;

/**
 * The first errors of a build, and one line for the rest: a strict build of a big
 * site can fail with thousands of broken links, and each would read its file.
 */
function overlayErrors(errors: readonly Diagnostic[]): readonly Diagnostic[] {
  if (errors.length <= OVERLAY_ERRORS) return errors;
  const rest = errors.length - OVERLAY_ERRORS;
  return [
    ...errors.slice(0, OVERLAY_ERRORS),
    {
      severity: "error",
      code: errors[OVERLAY_ERRORS].code,
      message: `and ${rest} more error${rest === 1 ? "" : "s"}`,
      hint: "the terminal running floe serve lists every one",
    },
  ];
}

/** Errors with a few lines of their source file around the line they point at. */
function withFrames(errors: readonly Diagnostic[], root: string): OverlayError[] {
  const sources = new Map<string, string[] | null>();
  return errors.map((d) => {
    if (!d.file || !d.line || d.file.startsWith("(")) return { ...d, frame: [] };
    if (!sources.has(d.file)) {
      let lines: string[] | null = null;
      try {
        lines = Deno.readTextFileSync(join(root, d.file)).split(/\r?\n/);
      } catch {
        // gone since the build
      }
      sources.set(d.file, lines);
    }
    const lines = sources.get(d.file);
    if (!lines) return { ...d, frame: [] };
    const from = Math.max(1, d.line - 3);
    const to = Math.min(lines.length, d.line + 2);
    const frame = [];
    for (let n = from; n <= to; n++) frame.push({ number: n, text: lines[n - 1] });
    return { ...d, frame };
  });
}
