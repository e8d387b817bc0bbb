/**
 * `deno task bench:serve`: the dev server as a person uses it. For each corpus
 * size, in one run, `floe serve` and `hugo server` on copies of the same
 * generated corpus, each with the edited page open in headless Chromium:
 *
 * - a body edit (a sentence appended to one page's Markdown) and a title edit
 *   (the title of the newest page of `docs/`, shown in the 20-page nav of every
 *   page of its section and in the section's listing), alternated, `--edits`
 *   of each, `--gap` ms plus a random part below `--jitter` ms apart;
 * - save → the new text in the open page's DOM: a MutationObserver installed in
 *   every document the tab loads records `performance.timeOrigin + now()` when
 *   the text appears (floe morphs the page in place, Hugo's livereload reloads
 *   it: both are caught), compared with the wall-clock time just before the
 *   write (the two clocks are matched by a round trip after each edit);
 * - floe: save → the Server-Sent Event (`<base>__floe/events`, read by this
 *   process) whose `changed` lists the page;
 * - both: save → the server's own "done" log line, and the build time it
 *   reports there (floe `… in N ms`, Hugo `Total in N ms`);
 * - the first edit after start, and spawn → serving (the first build);
 * - memory of the server process (`/proc/<pid>/status`: VmHWM peak, VmRSS now)
 *   after the first build, after the measured edits and, for floe, after
 *   `--leak-edits` more body edits.
 *
 * floe runs as a user runs it, in its own process, with the V8 flags of src/cli/v8_flags.ts:
 * `deno run -A --v8-flags=… main.ts serve <site> --port P --config bench/anchor/floe.config.ts`
 * (bench/anchor: the page set of the Hugo anchor in ../shared/bench/anchors/hugo).
 * Hugo runs `hugo server` with its defaults (render to memory, fast render on,
 * livereload on) on a copy of that anchor site. The tools alternate
 * (floe, hugo per size; with `--rounds R`, the order flips every round).
 *
 *   deno task bench:serve [--sizes 1000,10000] [--edits 10] [--leak-edits 100]
 *                         [--rounds 1] [--gap 300] [--jitter 500] [--tools floe,hugo]
 *                         [--out /dev/shm/floe-serve-bench]
 *
 * Every work copy lives under `--out` and is deleted when its server stops;
 * `--out` itself is deleted at the end when this run created it. The generated
 * corpora are kept in /tmp/floe-bench/corpus-N (shared with bench/incremental.ts).
 *
 * @module
 */
import type { Browser, Page } from "puppeteer-core";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ReloadEvent } from "../src/serve/dev_server.ts";
import { launchBrowser } from "../tests/support/browser.ts";
import { corpus, pageOf } from "./corpus.ts";
import { V8_FLAGS } from "../src/cli/v8_flags.ts";

const HERE = new URL(".", import.meta.url).pathname;
const REPO = resolve(HERE, "..");
const MAIN = join(REPO, "main.ts");
const FLOE_CONFIG = join(HERE, "anchor/floe.config.ts");
const HUGO_SITE = resolve(REPO, "../shared/bench/anchors/hugo");
const HUGO_BIN = "/usr/bin/hugo";

/** How long the first build may take before the bench gives up. */
const READY_TIMEOUT_MS = 15 * 60_000;
/** How long one edit may take to show up (event, log line, DOM). */
const EDIT_TIMEOUT_MS = 60_000;

type Tool = "floe" | "hugo";
type Kind = "body" | "title";

/** What one server did on one edit (ms from just before the write). */
interface EditSample {
  /** Save → the new text in the open page's DOM. */
  dom: number;
  /** Save → the SSE event listing the page (floe only). */
  event?: number;
  /** Save → the server's "build done" log line. */
  log: number;
  /** The build time the server itself logged. */
  own: number;
  /** Whether the tab loaded a new document to show the edit. */
  reloaded: boolean;
  /** The browser's clock minus this process's, as measured after the edit. */
  offset: number;
}

/** A server process's memory, MiB. */
interface Memory {
  hwm: number;
  rss: number;
}

/** One server run: one tool, one size, one round. */
interface ToolRun {
  tool: Tool;
  size: number;
  startupMs: number;
  firstBuildMs: number;
  first: EditSample;
  edits: Record<Kind, EditSample[]>;
  memFirst: Memory;
  memEdits: Memory;
  /** After `--leak-edits` more body edits (floe only). */
  memLeak?: Memory;
  leakEdits: number;
}

interface Options {
  sizes: number[];
  edits: number;
  leakEdits: number;
  rounds: number;
  gapMs: number;
  jitterMs: number;
  tools: Tool[];
  out: string;
}

/** The bench clock as wall-clock ms (the browser's is matched to it). */
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const median = (xs: readonly number[]) => quantile(xs, 0.5);
const p90 = (xs: readonly number[]) => quantile(xs, 0.9);

function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}
const mib = (m: number) => `${m.toFixed(0)} MiB`;

/** Rejects with `message` after `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A port nobody listens on right now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Wakes every waiter on each `notify()`; waiters re-check their condition. */
class Signal {
  #waiters: (() => void)[] = [];
  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
  next(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  /** Resolves with `check()`'s first non-undefined result, re-checked on every notify. */
  async until<T>(check: () => T | undefined, ms: number, message: () => string): Promise<T> {
    const deadline = performance.now() + ms;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(message());
      await withTimeout(this.next(), left, message);
    }
  }
}

/** A line a server printed, with when this process read it. */
interface Line {
  text: string;
  at: number;
}

/** A server subprocess: its output lines, its memory, its end. */
class ServerProcess {
  readonly lines: Line[] = [];
  readonly #child: Deno.ChildProcess;
  readonly #signal = new Signal();
  readonly #pumps: Promise<void>[];
  #exit: Deno.CommandStatus | undefined;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { cwd?: string; env?: Record<string, string> } = {},
  ) {
    this.#child = new Deno.Command(command, {
      args,
      cwd: options.cwd,
      env: options.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#pumps = [this.#pump(this.#child.stdout), this.#pump(this.#child.stderr)];
    this.#child.status.then((status) => {
      this.#exit = status;
      this.#signal.notify();
    });
  }

  get pid(): number {
    return this.#child.pid;
  }

  async #pump(stream: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<void> {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const at = performance.now();
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const text of parts) this.lines.push({ text, at });
      this.#signal.notify();
    }
    if (rest) this.lines.push({ text: rest, at: performance.now() });
    this.#signal.notify();
  }

  /** The last lines printed, for error messages. */
  tail(n = 25): string {
    const lines = this.lines.slice(-n).map((l) => `  | ${l.text}`).join("\n");
    return `last lines of ${this.name} (pid ${this.pid}):\n${lines || "  | (nothing)"}`;
  }

  /** The first line from index `from` on that matches `re`. */
  waitLine(
    re: RegExp,
    from: number,
    ms: number,
    what: string,
  ): Promise<{ line: Line; match: RegExpExecArray; index: number }> {
    return this.#signal.until(
      () => {
        for (let i = from; i < this.lines.length; i++) {
          const match = re.exec(this.lines[i].text);
          if (match) return { line: this.lines[i], match, index: i };
        }
        if (this.#exit) {
          throw new Error(
            `${this.name} exited (code ${this.#exit.code}) while waiting for ${what}\n${this.tail()}`,
          );
        }
        return undefined;
      },
      ms,
      () => `timed out after ${ms / 1000} s waiting for ${what}\n${this.tail()}`,
    );
  }

  /** Throws when the process has ended. */
  assertRunning(): void {
    if (this.#exit) {
      throw new Error(`${this.name} exited (code ${this.#exit.code})\n${this.tail()}`);
    }
  }

  memory(): Memory {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return { hwm: kib("VmHWM") / 1024, rss: kib("VmRSS") / 1024 };
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#exit) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // already gone
      }
      const ended = await Promise.race([
        this.#child.status.then(() => true),
        sleep(graceMs).then(() => false),
      ]);
      if (!ended) {
        console.error(`${this.name} did not stop within ${graceMs / 1000} s of SIGTERM: killed`);
        try {
          this.#child.kill("SIGKILL");
        } catch {
          // already gone
        }
        await this.#child.status;
      }
    }
    await Promise.all(this.#pumps);
  }

  /** For a signal handler: no waiting. */
  killNow(): void {
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** floe's Server-Sent Events, read by this process. */
class EventStream {
  /** The `build` events, with when this process read them. */
  readonly events: { at: number; data: ReloadEvent }[] = [];
  /** Messages of any type (the stream opens with a `state` one). */
  messages = 0;
  readonly #signal = new Signal();
  readonly #abort = new AbortController();
  readonly #done: Promise<void>;
  #error: Error | undefined;

  constructor(readonly url: string) {
    this.#done = this.#read().catch((e) => {
      if (!this.#abort.signal.aborted) this.#error = e as Error;
      this.#signal.notify();
    });
  }

  async #read(): Promise<void> {
    const response = await fetch(this.url, { signal: this.#abort.signal });
    if (!response.ok || !response.body) throw new Error(`${this.url}: HTTP ${response.status}`);
    let buffer = "";
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      const at = performance.now();
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split("\n").filter((l) => l.startsWith("data:"))
          .map((l) => l.slice(5).trimStart()).join("\n");
        this.messages++;
        if (/^event: build$/m.test(message) && data) {
          this.events.push({ at, data: JSON.parse(data) });
        }
      }
      this.#signal.notify();
    }
    throw new Error(`${this.url}: the event stream ended`);
  }

  /** The first event from index `from` on for which `test` holds. */
  waitFor(
    test: (e: ReloadEvent) => boolean,
    from: number,
    ms: number,
    what: () => string,
  ): Promise<{ at: number; data: ReloadEvent }> {
    return this.#signal.until(
      () => {
        if (this.#error) throw new Error(`${what()}: ${this.#error.message}`);
        return this.events.slice(from).find((e) => test(e.data));
      },
      ms,
      () => `timed out after ${ms / 1000} s waiting for ${what()}`,
    );
  }

  /** Resolves once the first message (of any type) has arrived. */
  connected(ms: number): Promise<true> {
    return this.#signal.until(
      () => {
        if (this.#error) throw new Error(`${this.url}: ${this.#error.message}`);
        return this.messages > 0 || undefined;
      },
      ms,
      () => `timed out after ${ms / 1000} s waiting for the first message of ${this.url}`,
    );
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }
}

/**
 * Runs first in every document the tab loads (the page may be reloaded): a
 * MutationObserver that, once armed with a needle, records the wall-clock time
 * the needle is first in `document.body`'s text, in sessionStorage (it
 * survives a reload) and through the exposed `__benchReport`.
 */
const PAGE_PROBE = `(() => {
  const NEEDLE = "__benchNeedle", HIT = "__benchHit", LOADS = "__benchLoads";
  const loads = Number(sessionStorage.getItem(LOADS) || 0) + 1;
  sessionStorage.setItem(LOADS, String(loads));
  let needle = sessionStorage.getItem(NEEDLE);
  const check = () => {
    if (!needle || !document.body || !document.body.textContent.includes(needle)) return;
    const at = performance.timeOrigin + performance.now();
    const hit = JSON.stringify({ needle, at, loads });
    needle = null;
    sessionStorage.removeItem(NEEDLE);
    sessionStorage.setItem(HIT, hit);
    if (typeof window.__benchReport === "function") window.__benchReport(hit);
  };
  window.__benchArm = (n) => {
    needle = n;
    sessionStorage.setItem(NEEDLE, n);
    sessionStorage.removeItem(HIT);
    check();
    return sessionStorage.getItem(LOADS);
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener("DOMContentLoaded", check);
  document.addEventListener("floe:updated", check);
  addEventListener("load", check);
})();`;

interface Hit {
  needle: string;
  /** The browser's wall clock (timeOrigin + now) when the needle appeared. */
  at: number;
  /** Documents the tab had loaded by then. */
  loads: number;
}

/** A browser tab on the edited page, with the probe in every document it loads. */
class Tab {
  readonly #hits: Hit[] = [];
  readonly #signal = new Signal();

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<Tab> {
    const page = await browser.newPage();
    const tab = new Tab(page);
    try {
      await page.exposeFunction("__benchReport", (json: string) => {
        tab.#hits.push(JSON.parse(json));
        tab.#signal.notify();
      });
      await page.evaluateOnNewDocument(PAGE_PROBE);
      // As with DevTools' "Disable cache": hugo server 0.111 sends a Last-Modified
      // of one-second resolution and no Cache-Control, so Chromium's reload after
      // a second build within the same second revalidates to a 304 and shows the
      // stale page. floe's client fetches with `cache: "no-store"` either way.
      await page.setCacheEnabled(false);
      const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
      if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()} in the browser`);
    } catch (e) {
      await page.close().catch(() => {});
      throw e;
    }
    return tab;
  }

  /** Evaluates `expression` in whatever document the tab shows, retrying across a navigation. */
  async #evaluate<T>(expression: string): Promise<T> {
    for (let attempt = 0;; attempt++) {
      try {
        return await this.page.evaluate(expression) as T;
      } catch (e) {
        if (attempt >= 50) throw e;
        await sleep(20);
      }
    }
  }

  /** Watches for `needle` from now on; returns the number of documents loaded so far. */
  async arm(needle: string): Promise<number> {
    const loads = await this.#evaluate<string>(`window.__benchArm(${JSON.stringify(needle)})`);
    return Number(loads);
  }

  /** When `needle` appeared (the browser's clock), from the exposed callback or sessionStorage. */
  async waitHit(needle: string, ms: number, what: () => string): Promise<Hit> {
    const deadline = performance.now() + ms;
    for (;;) {
      const hit = this.#hits.find((h) => h.needle === needle);
      if (hit) return hit;
      // A fallback should the exposed function be missing in a reloaded document.
      const stored = await this.page.evaluate(`sessionStorage.getItem("__benchHit")`)
        .catch(() => null) as string | null;
      if (stored) {
        const parsed = JSON.parse(stored) as Hit;
        if (parsed.needle === needle) return parsed;
      }
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new Error(
          `timed out after ${ms / 1000} s waiting for ${what()}\n${await this.#state(needle)}`,
        );
      }
      await Promise.race([this.#signal.next(), sleep(Math.min(100, left))]);
    }
  }

  /** What the tab shows, for a timeout's message: its URL, documents loaded, the needle or not. */
  async #state(needle: string): Promise<string> {
    const url = this.page.url();
    try {
      const seen = await this.#evaluate<string>(`JSON.stringify({
        loads: sessionStorage.getItem("__benchLoads"),
        armed: sessionStorage.getItem("__benchNeedle"),
        inBody: document.body.textContent.includes(${JSON.stringify(needle)}),
      })`);
      const served = await (await fetch(url, { cache: "no-store" })).text();
      return `the tab at ${url}: ${seen}; the page fetched now ${
        served.includes(needle) ? "has" : "does not have"
      } the new text`;
    } catch (e) {
      return `the tab at ${url}: ${(e as Error).message}`;
    }
  }

  /**
   * The browser's wall clock minus this process's, from the round trip with the
   * least delay (performance.timeOrigin of two processes can differ by a few ms).
   */
  async clockOffset(): Promise<number> {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 5; i++) {
      const sent = wallNow();
      const theirs = await this.#evaluate<number>("performance.timeOrigin + performance.now()");
      const back = wallNow();
      if (back - sent < best.rtt) best = { rtt: back - sent, offset: theirs - (sent + back) / 2 };
    }
    return best.offset;
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => {});
  }
}

/** `content/docs/page-00069.md` → `/docs/page-00069/` (both tools' pretty URL). */
function urlPathOf(site: string, file: string): string {
  return `/${relative(join(site, "content"), file).replace(/\.md$/, "")}/`;
}

function setTitle(file: string, title: string): void {
  const text = readFileSync(file, "utf8");
  const next = text.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`);
  if (next === text) throw new Error(`no title line in ${file}`);
  writeFileSync(file, next);
}

/** What the bench needs of a running server to measure one edit. */
interface Harness {
  tool: Tool;
  proc: ServerProcess;
  tab: Tab;
  file: string;
  urlPath: string;
  /** The build-done log line (group 1: the build's ms), and whether a line is a failed build. */
  doneLine: RegExp;
  failedLine: RegExp;
  events?: EventStream;
  token: string;
}

/** One edit: arm the probe, write, wait for the DOM, the event and the log line. */
async function measureEdit(h: Harness, kind: Kind, label: string): Promise<EditSample> {
  const needle = `bnch${h.token}${label.replace(/\W/g, "")}`;
  const loadsBefore = await h.tab.arm(needle);
  const lineFrom = h.proc.lines.length;
  const eventFrom = h.events?.events.length ?? 0;
  const t0 = performance.now();
  const t0Wall = performance.timeOrigin + t0;
  if (kind === "body") appendFileSync(h.file, `\nBench sentence ${needle} was appended.\n`);
  else setTitle(h.file, `Bench title ${needle}`);
  const what = (thing: string) => () =>
    `${h.tool}: ${thing} after the ${kind} edit ${label} of ${h.urlPath}\n${h.proc.tail()}`;

  const hit = await h.tab.waitHit(needle, EDIT_TIMEOUT_MS, what("the new text in the page"));
  const offset = await h.tab.clockOffset();
  const sample: EditSample = {
    dom: hit.at - offset - t0Wall,
    log: NaN,
    own: NaN,
    reloaded: hit.loads > loadsBefore,
    offset,
  };
  if (h.events) {
    const event = await h.events.waitFor(
      (e) => e.changed.includes(h.urlPath),
      eventFrom,
      EDIT_TIMEOUT_MS,
      what("the SSE event"),
    );
    sample.event = event.at - t0;
  }
  const done = await h.proc.waitLine(
    new RegExp(`${h.doneLine.source}|${h.failedLine.source}`),
    lineFrom,
    EDIT_TIMEOUT_MS,
    `${h.tool}'s build-done log line after the ${kind} edit ${label}`,
  );
  if (h.failedLine.test(done.line.text)) {
    throw new Error(`${h.tool}: the build failed after the ${kind} edit\n${h.proc.tail()}`);
  }
  sample.log = done.line.at - t0;
  sample.own = Number(h.doneLine.exec(done.line.text)?.[1]);
  return sample;
}

/**
 * The pause before an edit: `gapMs` plus a random part below `jitterMs`. Hugo's
 * watcher hands changes over on a 500 ms tick: edits at a fixed period would
 * lock onto one phase of it and always wait the same share of the tick.
 */
function pause(options: Options): Promise<void> {
  return sleep(options.gapMs + Math.random() * options.jitterMs);
}

/** The first edit, then `edits` body and title edits, alternated, with a pause before each. */
async function editLoop(h: Harness, options: Options): Promise<Pick<ToolRun, "first" | "edits">> {
  await pause(options);
  const first = await measureEdit(h, "body", "first");
  const edits: Record<Kind, EditSample[]> = { body: [], title: [] };
  for (let i = 0; i < options.edits; i++) {
    for (const kind of ["body", "title"] as const) {
      await pause(options);
      edits[kind].push(await measureEdit(h, kind, `${kind[0]}${i}`));
    }
  }
  return { first, edits };
}

/** Registered cleanups, run by the signal handler when the run is interrupted. */
type Cleanups = Set<() => void>;

async function runFloe(
  n: number,
  source: string,
  browser: Browser,
  options: Options,
  work: string,
  cleanups: Cleanups,
): Promise<ToolRun> {
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true });
  const file = pageOf(work);
  const urlPath = urlPathOf(work, file);
  const port = freePort();
  const started = performance.now();
  const proc = new ServerProcess("floe serve", Deno.execPath(), [
    "run",
    "-A",
    `--v8-flags=${V8_FLAGS}`,
    MAIN,
    "serve",
    work,
    "--port",
    String(port),
    "--config",
    FLOE_CONFIG,
  ], { cwd: REPO, env: { NO_COLOR: "1" } });
  const cleanup = () => {
    proc.killNow();
    rmSync(work, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  let events: EventStream | undefined;
  let tab: Tab | undefined;
  try {
    const ready = await proc.waitLine(
      /^floe: serving (\S+)/,
      0,
      READY_TIMEOUT_MS,
      "floe serve to build the site and listen",
    );
    const startupMs = ready.line.at - started;
    const memFirst = proc.memory();
    const firstLine = proc.lines.find((l) => /first build → .* in (\d+) ms/.test(l.text));
    if (!firstLine) throw new Error(`floe serve: the first build failed\n${proc.tail()}`);
    const firstBuildMs = Number(/ in (\d+) ms/.exec(firstLine.text)![1]);
    const base = ready.match[1];
    events = new EventStream(new URL("__floe/events", base).href);
    await events.connected(10_000);
    tab = await Tab.open(browser, new URL(urlPath.slice(1), base).href);
    const h: Harness = {
      tool: "floe",
      proc,
      tab,
      file,
      urlPath,
      doneLine: / → rendered \d+, written \d+, removed \d+ in (\d+) ms/,
      failedLine: / → failed with \d+ errors?/,
      events,
      token: crypto.randomUUID().slice(0, 6),
    };
    const loop = await editLoop(h, options);
    await sleep(500);
    const memEdits = proc.memory();

    // Memory: more body edits, each waited for (its event), then the last one in the DOM.
    let memLeak: Memory | undefined;
    if (options.leakEdits > 0) {
      for (let i = 0; i < options.leakEdits; i++) {
        const last = i === options.leakEdits - 1;
        if (last) {
          await pause(options);
          await measureEdit(h, "body", `leak${i}`);
        } else {
          const from = events.events.length;
          appendFileSync(file, `\nLeak edit ${i} of the memory check.\n`);
          await events.waitFor(
            (e) => e.changed.includes(urlPath),
            from,
            EDIT_TIMEOUT_MS,
            () => `floe: the SSE event of leak edit ${i}\n${proc.tail()}`,
          );
          await sleep(30);
        }
      }
      await sleep(1000);
      memLeak = proc.memory();
    }
    proc.assertRunning();
    return {
      tool: "floe",
      size: n,
      startupMs,
      firstBuildMs,
      ...loop,
      memFirst,
      memEdits,
      memLeak,
      leakEdits: options.leakEdits,
    };
  } finally {
    await events?.close();
    await tab?.close();
    await proc.stop();
    rmSync(work, { recursive: true, force: true });
    cleanups.delete(cleanup);
  }
}

async function runHugo(
  n: number,
  source: string,
  browser: Browser,
  options: Options,
  work: string,
  cleanups: Cleanups,
): Promise<ToolRun> {
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true });
  // The anchor site is copied: Hugo writes its lock file into the site folder.
  const hugoSite = join(work, "hugo-site");
  cpSync(HUGO_SITE, hugoSite, { recursive: true });
  const file = pageOf(work);
  const urlPath = urlPathOf(work, file);
  const port = freePort();
  const started = performance.now();
  const proc = new ServerProcess("hugo server", HUGO_BIN, [
    "server",
    "--source",
    hugoSite,
    "--contentDir",
    join(work, "content"),
    "--cacheDir",
    join(work, "hugo-cache"),
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
  ], { cwd: work, env: { HUGO_STATICDIR: join(work, "static") } });
  const cleanup = () => {
    proc.killNow();
    rmSync(work, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  let tab: Tab | undefined;
  try {
    const ready = await proc.waitLine(
      /Web Server is available at (\S+)/,
      0,
      READY_TIMEOUT_MS,
      "hugo server to build the site and listen",
    );
    const startupMs = ready.line.at - started;
    const memFirst = proc.memory();
    const built = proc.lines.find((l) => /Built in (\d+) ms/.test(l.text));
    const firstBuildMs = built ? Number(/Built in (\d+) ms/.exec(built.text)![1]) : NaN;
    const base = `http://127.0.0.1:${port}/`;
    tab = await Tab.open(browser, new URL(urlPath.slice(1), base).href);
    const h: Harness = {
      tool: "hugo",
      proc,
      tab,
      file,
      urlPath,
      doneLine: /Total in (\d+) ms/,
      failedLine: /^(ERROR|Error:)/,
      token: crypto.randomUUID().slice(0, 6),
    };
    const loop = await editLoop(h, options);
    await sleep(500);
    const memEdits = proc.memory();
    proc.assertRunning();
    return {
      tool: "hugo",
      size: n,
      startupMs,
      firstBuildMs,
      ...loop,
      memFirst,
      memEdits,
      leakEdits: 0,
    };
  } finally {
    await tab?.close();
    await proc.stop();
    rmSync(work, { recursive: true, force: true });
    cleanups.delete(cleanup);
  }
}

/** The samples of one metric over every run of one tool. */
function collect(runs: readonly ToolRun[], pick: (r: ToolRun) => number[]): number[] {
  return runs.flatMap(pick).filter((x) => Number.isFinite(x));
}

function table(size: number, floe: ToolRun[], hugo: ToolRun[], edits: number): string {
  const rows: [string, (r: ToolRun) => number[]][] = [
    ["body edit: save → text in the page's DOM", (r) => r.edits.body.map((s) => s.dom)],
    ["title edit: save → text in the page's DOM", (r) => r.edits.title.map((s) => s.dom)],
    [
      "body edit: save → SSE event (floe only)",
      (r) => r.edits.body.map((s) => s.event ?? NaN),
    ],
    [
      "title edit: save → SSE event (floe only)",
      (r) => r.edits.title.map((s) => s.event ?? NaN),
    ],
    ["body edit: save → build-done log line", (r) => r.edits.body.map((s) => s.log)],
    ["title edit: save → build-done log line", (r) => r.edits.title.map((s) => s.log)],
    ["body edit: build time the server logs", (r) => r.edits.body.map((s) => s.own)],
    ["title edit: build time the server logs", (r) => r.edits.title.map((s) => s.own)],
    ["first edit after start (body): save → DOM", (r) => [r.first.dom]],
    ["start: spawn → serving", (r) => [r.startupMs]],
    ["start: first build the server logs", (r) => [r.firstBuildMs]],
  ];
  const out = [
    `### ${size} pages (${edits} edits of each kind per run; ${floe.length} floe run(s), ${hugo.length} hugo run(s))`,
    "",
    "| measure | floe median | floe p90 | hugo median | hugo p90 | hugo/floe (medians) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [name, pick] of rows) {
    const f = collect(floe, pick);
    const g = collect(hugo, pick);
    const one = f.length <= 1 && g.length <= 1;
    const ratio = f.length && g.length ? `${(median(g) / median(f)).toFixed(2)}×` : "–";
    out.push(
      `| ${name} | ${fmt(median(f))} | ${one ? "" : fmt(p90(f))} | ${fmt(median(g))} | ${
        one ? "" : fmt(p90(g))
      } | ${ratio} |`,
    );
  }
  const reloads = (runs: ToolRun[]) => {
    const all = runs.flatMap((r) => [...r.edits.body, ...r.edits.title]);
    return all.length ? `${all.filter((s) => s.reloaded).length}/${all.length}` : "–";
  };
  out.push(
    "",
    `Edits shown by loading a new document: floe ${reloads(floe)}, hugo ${reloads(hugo)}.`,
  );
  return out.join("\n");
}

function memoryTable(runs: readonly ToolRun[]): string {
  const out = [
    "| size | tool | after first build: VmHWM / VmRSS | after the measured edits: VmHWM / VmRSS | after leak edits: VmHWM / VmRSS | VmHWM ratio (leak / first) | VmRSS ratio (leak / first) |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of runs) {
    const pair = (m: Memory | undefined) => m ? `${mib(m.hwm)} / ${mib(m.rss)}` : "–";
    const leak = r.memLeak;
    out.push(
      `| ${r.size} | ${r.tool} | ${pair(r.memFirst)} | ${pair(r.memEdits)} | ${
        leak ? `${pair(leak)} (+${r.leakEdits} body edits)` : "–"
      } | ${leak ? (leak.hwm / r.memFirst.hwm).toFixed(2) : "–"} | ${
        leak ? (leak.rss / r.memFirst.rss).toFixed(2) : "–"
      } |`,
    );
  }
  return out.join("\n");
}

function summaryTable(sizes: number[], runs: readonly ToolRun[]): string {
  const out = [
    "| size | save → DOM | floe median (p90) | hugo median (p90) | hugo/floe |",
    "| ---: | --- | ---: | ---: | ---: |",
  ];
  for (const size of sizes) {
    for (const kind of ["body", "title"] as const) {
      const f = collect(
        runs.filter((r) => r.size === size && r.tool === "floe"),
        (r) => r.edits[kind].map((s) => s.dom),
      );
      const g = collect(
        runs.filter((r) => r.size === size && r.tool === "hugo"),
        (r) => r.edits[kind].map((s) => s.dom),
      );
      out.push(
        `| ${size} | ${kind} edit | ${fmt(median(f))} (${fmt(p90(f))}) | ${fmt(median(g))} (${
          fmt(p90(g))
        }) | ${f.length && g.length ? `${(median(g) / median(f)).toFixed(2)}×` : "–"} |`,
      );
    }
  }
  return out.join("\n");
}

function describeRun(r: ToolRun): string {
  const list = (xs: EditSample[], key: keyof EditSample) =>
    xs.map((s) => Number(s[key]).toFixed(0)).join(" ");
  const lines = [
    `${r.tool} ${r.size}: serving after ${fmt(r.startupMs)}; first edit → DOM ${fmt(r.first.dom)}`,
    `  body  → DOM ms: ${list(r.edits.body, "dom")}`,
    `  title → DOM ms: ${list(r.edits.title, "dom")}`,
  ];
  if (r.tool === "floe") {
    lines.push(`  body  → SSE ms: ${list(r.edits.body, "event")}`);
    lines.push(`  title → SSE ms: ${list(r.edits.title, "event")}`);
  }
  lines.push(`  body  → log ms: ${list(r.edits.body, "log")}`);
  lines.push(`  title → log ms: ${list(r.edits.title, "log")}`);
  lines.push(`  body  own ms:   ${list(r.edits.body, "own")}`);
  lines.push(`  title own ms:   ${list(r.edits.title, "own")}`);
  const offsets = [r.first, ...r.edits.body, ...r.edits.title].map((s) => s.offset);
  lines.push(
    `  browser clock − bench clock: ${Math.min(...offsets).toFixed(2)} … ${
      Math.max(...offsets).toFixed(2)
    } ms`,
  );
  return lines.join("\n");
}

function parseOptions(): Options {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      sizes: { type: "string", default: "1000,10000" },
      edits: { type: "string", default: "10" },
      "leak-edits": { type: "string", default: "100" },
      rounds: { type: "string", default: "1" },
      gap: { type: "string", default: "300" },
      jitter: { type: "string", default: "500" },
      tools: { type: "string", default: "floe,hugo" },
      out: {
        type: "string",
        default: existsSync("/dev/shm") ? "/dev/shm/floe-serve-bench" : "/tmp/floe-serve-bench",
      },
    },
  });
  const whole = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(`--${name} must be a whole number ≥ ${min}, not "${text}"`);
    }
    return n;
  };
  const tools = values.tools.split(",").map((t) => t.trim());
  for (const t of tools) {
    if (t !== "floe" && t !== "hugo") throw new Error(`--tools: unknown tool "${t}"`);
  }
  if (tools.includes("hugo") && !existsSync(HUGO_BIN)) {
    throw new Error(
      `${HUGO_BIN} not found: install hugo (apt-get install hugo) or pass --tools floe`,
    );
  }
  return {
    sizes: values.sizes.split(",").map((s) => whole("sizes", s.trim(), 1)),
    edits: whole("edits", values.edits, 1),
    leakEdits: whole("leak-edits", values["leak-edits"], 0),
    rounds: whole("rounds", values.rounds, 1),
    gapMs: whole("gap", values.gap, 0),
    jitterMs: whole("jitter", values.jitter, 0),
    tools: tools as Tool[],
    out: resolve(values.out),
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const createdOut = !existsSync(options.out);
  mkdirSync(options.out, { recursive: true });
  const cleanups: Cleanups = new Set();
  const onSignal = () => {
    console.error("\ninterrupted: stopping the servers and removing the work copies");
    for (const cleanup of cleanups) cleanup();
    if (createdOut) rmSync(options.out, { recursive: true, force: true });
    Deno.exit(130);
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  let browser: Browser | undefined;
  const runs: ToolRun[] = [];
  try {
    browser = await launchBrowser();
    const b = browser;
    const chromium = b.process();
    cleanups.add(() => chromium?.kill("SIGKILL"));
    for (const n of options.sizes) {
      const source = await corpus(n);
      for (let round = 0; round < options.rounds; round++) {
        const order = round % 2 === 0 ? options.tools : [...options.tools].reverse();
        for (const tool of order) {
          const work = join(options.out, `${tool}-${n}-r${round}`);
          console.log(`\n${tool} at ${n} pages, round ${round + 1}/${options.rounds}…`);
          const run = tool === "floe"
            ? await runFloe(n, source, b, options, work, cleanups)
            : await runHugo(n, source, b, options, work, cleanups);
          runs.push(run);
          console.log(describeRun(run));
        }
      }
    }
  } finally {
    await browser?.close().catch((e) => console.error(`closing chromium: ${e}`));
    if (createdOut) rmSync(options.out, { recursive: true, force: true });
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }

  const cores = navigator.hardwareConcurrency;
  console.log(
    `\n## floe serve vs hugo server (${cores} cores; hugo ${
      options.tools.includes("hugo") ? "server defaults: in memory, fast render" : "not run"
    }; edits ${options.gapMs}–${options.gapMs + options.jitterMs} ms apart)\n`,
  );
  for (const n of options.sizes) {
    const of = (tool: Tool) => runs.filter((r) => r.size === n && r.tool === tool);
    console.log(table(n, of("floe"), of("hugo"), options.edits) + "\n");
  }
  console.log("### save → new text in the open page's DOM, all sizes\n");
  console.log(summaryTable(options.sizes, runs) + "\n");
  console.log("### memory of the server process (/proc/<pid>/status)\n");
  console.log(memoryTable(runs));
}

try {
  await main();
} catch (e) {
  console.error(`\nbench/serve.ts failed: ${(e as Error).message}`);
  Deno.exit(1);
}
