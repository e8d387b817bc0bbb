/**
 * The dev server as a person sees it: headless Chromium on a served page while
 * the site's files are edited. A body edit is morphed into the open page (no
 * reload: script state and scroll position survive), a stylesheet edit is
 * swapped in, a broken file shows the error overlay until it is fixed, an edit
 * of another page leaves this one alone, and a restarted server makes the page
 * reload. Every wait polls the page (up to 10 s) rather than sleeping.
 *
 * @module
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HTTPRequest } from "puppeteer-core";
import { startDevServer } from "../../mod.ts";
import { launchBrowser } from "../support/browser.ts";
import { tempDir, writeSite } from "../support/tree.ts";
import {
  assertNotReloaded,
  bodyText,
  edit,
  SCROLLED,
  SITE,
  TITLE_COLOR,
  until,
  WAIT_MS,
  withBrowserSite,
} from "./browser_site.ts";

/** The client's state on `window`: the revision and server id the page is at. */
interface ClientState {
  revision: number;
  server: string;
}

Deno.test(
  "serve/browser: the served page runs the client; the file on disk has none",
  async () => {
    await withBrowserSite(async (site) => {
      const served = await (await fetch(`${site.server.url}a/`)).text();
      assert.match(served, /<script type="module" src="\/__floe\/client\.js" data-floe-client/);
      const onDisk = readFileSync(join(site.root, "_site", "a", "index.html"), "utf8");
      assert.match(onDisk, /Opening words of page A: version one\./);
      assert.doesNotMatch(onDisk, /__floe/);

      const state = await site.page.evaluate(() =>
        (globalThis as unknown as { __floe?: ClientState }).__floe
      );
      assert.ok(state, "the client did not run: globalThis.__floe is not set");
      assert.equal(state.revision, site.server.revision);
      assert.match(await site.page.title(), /^Page A$/);
      assert.match(await bodyText(site), /Opening words of page A: version one\./);
    });
  },
);

Deno.test(
  "serve/browser: a body edit is morphed into the open page, keeping scroll and script state",
  async () => {
    await withBrowserSite(async (site) => {
      // An expando on a node the edit does not replace: a morph keeps it.
      await site.page.evaluate(() => {
        (document.getElementById("main") as unknown as { __kept: boolean }).__kept = true;
      });
      edit(site.root, "content/a.md", (t) => t.replace("version one.", "version two!"));
      await until(
        site,
        "the edited body text in the open page",
        () => document.body.innerText.includes("Opening words of page A: version two!"),
      );
      await site.server.idle();
      await assertNotReloaded(site, "after the body edit");
      const after = await site.page.evaluate(() => ({
        scrollY: globalThis.scrollY,
        kept: (document.getElementById("main") as unknown as { __kept?: boolean }).__kept,
        old: document.body.innerText.includes("version one."),
      }));
      assert.equal(after.scrollY, SCROLLED, "the scroll position was lost");
      assert.equal(after.kept, true, "<main> was replaced rather than morphed");
      assert.equal(after.old, false, "the old text is still shown");
    });
  },
);

Deno.test(
  "serve/browser: a stylesheet edit is swapped in without a reload",
  async () => {
    await withBrowserSite(async (site) => {
      const color = () => getComputedStyle(document.querySelector("h1.title")!).color;
      assert.equal(await site.page.evaluate(color), TITLE_COLOR);
      edit(site.root, "static/style.css", (t) => t.replace(TITLE_COLOR, "rgb(200, 0, 0)"));
      await until(
        site,
        "h1.title to turn rgb(200, 0, 0)",
        () => getComputedStyle(document.querySelector("h1.title")!).color === "rgb(200, 0, 0)",
      );
      // The old <link> goes once the new one has loaded: one stylesheet, the new one.
      const links = await until(site, "a single stylesheet link", () => {
        const hrefs = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
          .map((l) => l.href);
        return hrefs.length === 1 && hrefs;
      });
      assert.match(links[0], /\/style\.css\?floe=\d+$/);
      await site.server.idle();
      await assertNotReloaded(site, "after the stylesheet edit");
      assert.equal(await site.page.evaluate(() => globalThis.scrollY), SCROLLED);
    });
  },
);

Deno.test(
  "serve/browser: a broken front matter shows the overlay; the fix clears it",
  async () => {
    await withBrowserSite(async (site) => {
      edit(site.root, "content/a.md", (t) => t.replace("title: Page A", "title: [unclosed"));
      const overlay = await until(
        site,
        "the error overlay",
        () => document.querySelector("floe-overlay[data-floe-overlay]")?.shadowRoot?.textContent,
      );
      // js-yaml finds the missing `]` at the start of the line after the title.
      assert.match(overlay, /content\/a\.md:3:1/);
      assert.match(overlay, /error\[front-matter\]/);
      assert.match(overlay, /2 \| title: \[unclosed/, "the code frame shows the broken line");
      assert.match(overlay, /hint: /);
      // The last good page is still shown under the overlay.
      assert.match(await site.page.evaluate(() => document.title), /^Page A$/);
      await assertNotReloaded(site, "with the overlay");

      edit(site.root, "content/a.md", (t) => t.replace("title: [unclosed", "title: Fixed A"));
      await until(
        site,
        "the overlay to go and the fixed title to show",
        () =>
          !document.querySelector("[data-floe-overlay]") &&
          document.querySelector("h1.title")?.textContent === "Fixed A",
      );
      await site.server.idle();
      assert.equal(await site.page.evaluate(() => document.title), "Fixed A");
      await assertNotReloaded(site, "after the fix");
    });
  },
);

Deno.test(
  "serve/browser: an edit of another page leaves the open page untouched",
  async () => {
    await withBrowserSite(async (site) => {
      const before = await site.page.evaluate(() => {
        const w = globalThis as unknown as { __mutations: number; __floe: ClientState };
        // deno-lint-ignore floe/no-module-mutable-state -- runs in the browser page, once
        w.__mutations = 0;
        new MutationObserver((records) => w.__mutations += records.length).observe(
          document.documentElement,
          { subtree: true, childList: true, attributes: true, characterData: true },
        );
        return { html: document.body.innerHTML, revision: w.__floe.revision };
      });
      edit(site.root, "content/b.md", (t) => t.replace("version one.", "version two!"));
      // The client has seen the build's event once its revision moved on.
      await until(
        site,
        `the client to see the build of b.md (a revision after ${before.revision})`,
        (revision: number) =>
          (globalThis as unknown as { __floe: ClientState }).__floe.revision > revision,
        before.revision,
      );
      await site.server.idle();
      const served = await (await fetch(`${site.server.url}b/`)).text();
      assert.match(served, /version two!/, "b.md's page was not rebuilt");
      await assertNotReloaded(site, "after the build of b.md");
      const after = await site.page.evaluate(() => ({
        html: document.body.innerHTML,
        mutations: (globalThis as unknown as { __mutations: number }).__mutations,
      }));
      assert.equal(after.mutations, 0, "the open page's DOM was changed");
      assert.equal(after.html, before.html);
      // Events are handled in order: once an edit of this page is morphed in,
      // the one of b.md is done with, and did not reload the page.
      edit(site.root, "content/a.md", (t) => t.replace("version one.", "version three."));
      await until(
        site,
        "the edit of a.md that follows",
        () => document.body.innerText.includes("Opening words of page A: version three."),
      );
      await assertNotReloaded(site, "after the edits of b.md and a.md");
    });
  },
);

Deno.test(
  "serve/browser: a page whose server restarted reloads itself",
  async () => {
    await withBrowserSite(async (site) => {
      const first = await site.page.evaluate(() =>
        (globalThis as unknown as { __floe: ClientState }).__floe.server
      );
      const port = site.server.port;
      await site.closeServer();
      const next = await site.restartServer();
      assert.equal(next.port, port, "the new server did not get the old one's port");
      const state = await until(site, "the page to reload with the new server", () => {
        const w = globalThis as unknown as { __marker?: number; __floe?: ClientState };
        return w.__marker === undefined && w.__floe && document.readyState === "complete" &&
          { server: w.__floe.server, revision: w.__floe.revision, text: document.body.innerText };
      });
      assert.notEqual(state.server, first, "the reloaded page still has the old server id");
      assert.equal(state.revision, next.revision);
      assert.match(state.text, /Opening words of page A: version one\./);
      assert.ok(site.navigations() >= 1, "the marker is gone but no navigation was seen");
    });
  },
);

// A client whose page was served one revision before its event stream connected
// must not take the server's first (state) message for the next build: it reloads.
Deno.test({
  name: "serve/browser: a page that missed one build before its client connected catches up",
  async fn() {
    using dir = tempDir("floe-browser-");
    const root = join(dir.path, "site");
    writeSite(root, SITE);
    const server = await startDevServer({ root, port: 0, cacheDir: false });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      // The client's request for the event stream is held until a build is done.
      let held: (request: HTTPRequest) => void;
      const events = new Promise<HTTPRequest>((resolve) => held = resolve);
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        if (new URL(request.url()).pathname === "/__floe/events") held(request);
        else request.continue();
      });
      await page.goto(`${server.url}a/`, { waitUntil: "load" });
      const request = await events;
      const served = await page.evaluate(() =>
        (globalThis as unknown as { __floe: ClientState }).__floe.revision
      );
      assert.equal(served, server.revision);

      edit(root, "content/a.md", (t) => t.replace("version one.", "version two!"));
      const deadline = Date.now() + WAIT_MS;
      while (!/version two!/.test(await (await fetch(`${server.url}a/`)).text())) {
        assert.ok(Date.now() < deadline, "the server did not build the edit");
        await new Promise((r) => setTimeout(r, 50));
      }
      await server.idle();
      assert.equal(server.revision, served + 1);

      await request.continue();
      await until(
        { page, pageErrors },
        "the page to show the build it missed",
        () => document.body.innerText.includes("Opening words of page A: version two!"),
      );
    } finally {
      await browser.close();
      await server.close();
    }
  },
});
