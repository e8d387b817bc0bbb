/**
 * The site, the server and the browser page the browser tests of the dev server
 * share: a three-page site with a stylesheet, served by {@link startDevServer},
 * and headless Chromium on its page `/a/`, scrolled down, with a marker on
 * `window` that a reload would wipe out.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { type DevServer, startDevServer } from "../../mod.ts";
import { launchBrowser } from "../support/browser.ts";
import { tempDir, writeSite } from "../support/tree.ts";

/** How long a wait for the page lasts before it fails. */
export const WAIT_MS = 10_000;

/** How far the page `/a/` is scrolled before each test. */
export const SCROLLED = 1000;

/** The colour of `h1.title` in the stylesheet as written. */
export const TITLE_COLOR = "rgb(0, 0, 255)";

/** Enough paragraphs to make a page several screens long. */
const filler = Array.from(
  { length: 80 },
  (_, i) => `Filler paragraph number ${i + 1}, there to make the page long enough to scroll.`,
).join("\n\n");

/** The site: `/` lists the pages, `/a/` and `/b/` are long pages, all link `/style.css`. */
export const SITE: Readonly<Record<string, string>> = Object.freeze({
  "layouts/_default/base.vto": `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.title }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
{{ content }}
</body>
</html>
`,
  "layouts/_default/page.vto": `---
layout: _default/base.vto
---
<main id="main">
<h1 class="title">{{ page.title }}</h1>
{{ content }}
</main>
`,
  "layouts/_default/section.vto": `---
layout: _default/base.vto
---
<main id="main">
<h1 class="title">{{ page.title }}</h1>
{{ content }}
<ul>{{ for p of section.pages }}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{{ /for }}</ul>
</main>
`,
  "static/style.css": `h1.title { color: ${TITLE_COLOR}; }\np { line-height: 1.5; }\n`,
  "content/_index.md": `---\ntitle: Home\n---\nThe home page.\n`,
  "content/a.md": `---\ntitle: Page A\n---\nOpening words of page A: version one.\n\n${filler}\n`,
  "content/b.md": `---\ntitle: Page B\n---\nOpening words of page B: version one.\n\n${filler}\n`,
});

/** What a test gets: the site folder, its server, and the browser on `/a/`. */
export interface BrowserSite {
  /** The site folder. */
  readonly root: string;
  /** The server, started with `port: 0` and no disk cache. */
  readonly server: DevServer;
  /** The browser tab showing `/a/`. */
  readonly page: Page;
  /** The browser. */
  readonly browser: Browser;
  /** How many times the tab's main frame navigated since `/a/` was first opened. */
  navigations(): number;
  /** Uncaught errors of the page's scripts so far. */
  readonly pageErrors: readonly string[];
  /** Closes the server (the test may start another one; it is closed as well at the end). */
  closeServer(): Promise<void>;
  /** Starts a server for the same site on the same port; closed at the end of the test. */
  restartServer(): Promise<DevServer>;
}

/** Replaces a file of the site by what `change` makes of it; fails when nothing changes. */
export function edit(root: string, path: string, change: (text: string) => string): void {
  const file = join(root, path);
  const before = readFileSync(file, "utf8");
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${path} changes nothing`);
  writeFileSync(file, after);
}

/** What a value is once it has been found truthy. */
export type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

/**
 * Polls `fn(...args)` in the page (every 50 ms, up to {@link WAIT_MS}) until it returns a
 * truthy value, and returns that value. Evaluation errors (the page is
 * navigating) are retried. Fails with `what` and the last value seen.
 */
export async function until<T, A extends unknown[]>(
  site: Pick<BrowserSite, "page" | "pageErrors">,
  what: string,
  fn: (...args: A) => T,
  ...args: A
): Promise<Truthy<T>> {
  const deadline = Date.now() + WAIT_MS;
  let last: unknown = undefined;
  let error: unknown = undefined;
  while (Date.now() < deadline) {
    try {
      const value = await site.page.evaluate(fn as (...args: unknown[]) => T, ...args);
      if (value) return value as Truthy<T>;
      last = value;
      error = undefined;
    } catch (e) {
      error = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `waited ${WAIT_MS / 1000} s for ${what}; last value: ${JSON.stringify(last)}` +
      (error ? `; last error: ${error}` : "") +
      (site.pageErrors.length ? `; page errors: ${site.pageErrors.join(" | ")}` : ""),
  );
}

/** Asserts the page `/a/` was not reloaded: the marker is there and no navigation happened. */
export async function assertNotReloaded(site: BrowserSite, when: string): Promise<void> {
  assert.equal(site.navigations(), 0, `${when}: the page navigated`);
  assert.equal(
    await site.page.evaluate(() => (globalThis as unknown as { __marker?: number }).__marker),
    1,
    `${when}: globalThis.__marker is gone, the page was reloaded`,
  );
}

/** The text of the page's body as rendered. */
export function bodyText(site: BrowserSite): Promise<string> {
  return site.page.evaluate(() => document.body.innerText);
}

/**
 * Writes {@link SITE} into a fresh folder, starts the dev server on it, opens
 * `/a/` in headless Chromium once the page's client is connected to the event
 * stream, sets `globalThis.__marker = 1` and scrolls down by {@link SCROLLED}; then
 * runs `fn`. The browser, the servers and the folder are always cleaned up.
 */
export async function withBrowserSite(fn: (site: BrowserSite) => Promise<void>): Promise<void> {
  using dir = tempDir("floe-browser-");
  const root = join(dir.path, "site");
  writeSite(root, SITE);
  const servers: DevServer[] = [];
  let browser: Browser | undefined;
  try {
    const server = await startDevServer({ root, port: 0, cacheDir: false });
    servers.push(server);
    assert.equal(server.first.report.ok, true, "the first build failed");
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 600 });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    let navigations = -1; // the first one opens the page
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    // Edits are made only once the client listens: an event sent before it
    // connects is not what these tests are about.
    const connected = page.waitForResponse(
      (r) => new URL(r.url()).pathname === "/__floe/events",
      { timeout: WAIT_MS },
    );
    const response = await page.goto(`${server.url}a/`, { waitUntil: "load" });
    assert.equal(response?.status(), 200);
    assert.equal((await connected).status(), 200);
    const scrolled = await page.evaluate((y: number) => {
      // deno-lint-ignore floe/no-module-mutable-state -- runs in the page, not in floe
      (globalThis as unknown as { __marker: number }).__marker = 1;
      globalThis.scrollTo(0, y);
      return globalThis.scrollY;
    }, SCROLLED);
    assert.equal(scrolled, SCROLLED, "the page is not long enough to scroll");
    const site: BrowserSite = {
      root,
      server,
      page,
      browser,
      navigations: () => navigations,
      pageErrors,
      closeServer: () => server.close(),
      async restartServer() {
        const next = await startDevServer({ root, port: server.port, cacheDir: false });
        servers.push(next);
        return next;
      },
    };
    await fn(site);
    assert.deepEqual(pageErrors, [], "the page threw");
  } finally {
    await browser?.close();
    for (const server of servers) await server.close();
  }
}
