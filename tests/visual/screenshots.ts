/**
 * Looks at the default theme as a person would: builds two sites — `site/`, floe's
 * own documentation, and `tests/fixtures/many_sections/`, 24 top-level sections
 * with nested subsections — serves each on localhost, and has headless Chromium
 * (puppeteer-core, see tests/support/browser.ts) take screenshots at a phone and a
 * desktop width, in the dark scheme, and with the header menu, the "More" list and
 * the section tree opened by a click, as a reader would.
 *
 *   deno task screenshots [outDir]      (default: tests/visual/screenshots/)
 *
 * Needs Debian's `chromium` (installed with apt-get when missing).
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { build } from "../../mod.ts";
import { launchBrowser } from "../support/browser.ts";

const HERE = new URL(".", import.meta.url).pathname;
const out = Deno.args[0] ?? join(HERE, "screenshots");

/** A screenshot: which site and URL, at which size, after which clicks. */
interface Shot {
  readonly name: string;
  readonly site: keyof typeof SITES;
  readonly path: string;
  readonly device: keyof typeof DEVICES;
  /** Selectors clicked, in order, before the picture is taken. */
  readonly click?: readonly string[];
}

const SITES = {
  docs: new URL("../../site/", import.meta.url).pathname,
  many: new URL("../fixtures/many_sections/", import.meta.url).pathname,
};

// A phone, a tablet, a laptop and a desktop, light; and the dark scheme (prefers-color-scheme: dark) on a desktop.
const DEVICES = {
  phone: { width: 390, height: 844, mobile: true, dark: false },
  tablet: { width: 820, height: 1000, mobile: false, dark: false },
  laptop: { width: 1024, height: 768, mobile: false, dark: false },
  desktop: { width: 1280, height: 900, mobile: false, dark: false },
  "desktop-dark": { width: 1280, height: 900, mobile: false, dark: true },
};

const MENU = 'label[for="menu-toggle"]';
const MORE = ".main-nav .more summary";
const TREE = 'label[for="sidebar-toggle"]';

const SHOTS: Shot[] = [
  // floe's own documentation: the home page, a section and a page.
  ...Object.entries({ home: "/", section: "/docs/", page: "/docs/layouts/" }).flatMap((
    [name, path],
  ) =>
    (["phone", "desktop", "desktop-dark"] as const).map((device): Shot => ({
      name: `${name}-${device}`,
      site: "docs",
      path,
      device,
    }))
  ),
  { name: "page-phone-tree", site: "docs", path: "/docs/layouts/", device: "phone", click: [TREE] },
  // 24 sections: the header closed and open, a nested page with its section tree.
  { name: "many-home-desktop", site: "many", path: "/", device: "desktop" },
  { name: "many-home-desktop-more", site: "many", path: "/", device: "desktop", click: [MORE] },
  { name: "many-home-phone", site: "many", path: "/", device: "phone" },
  { name: "many-home-tablet-menu", site: "many", path: "/", device: "tablet", click: [MENU] },
  { name: "many-home-phone-menu", site: "many", path: "/", device: "phone", click: [MENU] },
  ...(["desktop", "desktop-dark", "laptop", "tablet", "phone"] as const).map((device): Shot => ({
    name: `many-page-${device}`,
    site: "many",
    path: "/guides/basics/advanced/caching/",
    device,
  })),
  {
    name: "many-page-phone-tree",
    site: "many",
    path: "/guides/basics/advanced/caching/",
    device: "phone",
    click: [TREE],
  },
  {
    name: "many-page-phone-menu",
    site: "many",
    path: "/guides/basics/advanced/caching/",
    device: "phone",
    click: [MENU],
  },
  { name: "many-section-desktop", site: "many", path: "/reference/", device: "desktop" },
  { name: "many-section-phone", site: "many", path: "/reference/", device: "phone" },
  // The current section is among the ones under "More".
  {
    name: "many-more-current-desktop",
    site: "many",
    path: "/security/threat-model/",
    device: "desktop",
    click: [MORE],
  },
  { name: "many-blog-desktop", site: "many", path: "/blog/release-1-0/", device: "desktop" },
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
};

/** Serves an output folder on 127.0.0.1, with its 404 page. */
function serve(outDir: string): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = normalize(decodeURIComponent(new URL(req.url).pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(outDir, path.endsWith("/") ? `${path}index.html` : path);
    try {
      return new Response(await Deno.readFile(file), {
        headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
      });
    } catch {
      return new Response(await Deno.readFile(join(outDir, "404.html")), { status: 404 });
    }
  });
}

mkdirSync(out, { recursive: true });
const temp = Deno.makeTempDirSync({ prefix: "floe-screenshots-" });
const servers = new Map<string, Deno.HttpServer<Deno.NetAddr>>();
const browser = await launchBrowser();
let failed = 0;
try {
  for (const [name, root] of Object.entries(SITES)) {
    const result = await build({
      root,
      cacheDir: false,
      overrides: { outputDir: join(temp, name) },
    });
    servers.set(name, serve(result.outDir));
  }
  for (const shot of SHOTS) {
    const device = DEVICES[shot.device];
    const tab = await browser.newPage();
    try {
      await tab.setViewport({
        width: device.width,
        height: device.height,
        isMobile: device.mobile,
        hasTouch: device.mobile,
      });
      await tab.emulateMediaFeatures([
        { name: "prefers-color-scheme", value: device.dark ? "dark" : "light" },
      ]);
      const origin = `http://127.0.0.1:${servers.get(shot.site)!.addr.port}`;
      await tab.goto(`${origin}${shot.path}`, { waitUntil: "networkidle0" });
      for (const selector of shot.click ?? []) await tab.click(selector);
      const file = join(out, `${shot.name}.png`);
      await tab.screenshot({ path: file as `${string}.png` });
      console.log(`wrote ${file}`);
    } catch (e) {
      failed++;
      console.error(`FAILED ${shot.name}: ${(e as Error).message}`);
    } finally {
      await tab.close();
    }
  }
} finally {
  await browser.close();
  for (const server of servers.values()) await server.shutdown();
  Deno.removeSync(temp, { recursive: true });
}
if (failed) Deno.exit(1);
