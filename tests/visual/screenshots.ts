/**
 * Looks at the default theme as a person would: builds `site/`, serves it on
 * localhost, and has headless Chromium take screenshots of the home page, a
 * section and a page at a phone and a desktop width, and in the dark scheme.
 *
 *   deno task screenshots [outDir]      (needs Debian's `chromium`: apt-get install chromium)
 *
 * @module
 */
import { existsSync, mkdirSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { build } from "../../mod.ts";

const SITE = new URL("../../site/", import.meta.url).pathname;
const out = Deno.args[0] ?? join(Deno.cwd(), "screenshots");
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!chromium) {
  console.error("chromium not found: apt-get install chromium");
  Deno.exit(1);
}

const result = await build({ root: SITE });
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
};
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
  const path = normalize(decodeURIComponent(new URL(req.url).pathname)).replace(
    /^(\.\.[/\\])+/,
    "",
  );
  const file = join(result.outDir, path.endsWith("/") ? `${path}index.html` : path);
  try {
    return new Response(await Deno.readFile(file), {
      headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
    });
  } catch {
    return new Response(await Deno.readFile(join(result.outDir, "404.html")), { status: 404 });
  }
});
const origin = `http://127.0.0.1:${server.addr.port}`;
mkdirSync(out, { recursive: true });

const pages = { home: "/", section: "/docs/", page: "/docs/layouts/" };
// Light at both widths, and the dark scheme (prefers-color-scheme: dark) on a desktop.
const widths = { phone: [390, 844], desktop: [1280, 900], "desktop-dark": [1280, 900] };
const profile = Deno.makeTempDirSync({ prefix: "floe-chromium-" });
try {
  for (const [name, path] of Object.entries(pages)) {
    for (const [device, [w, h]] of Object.entries(widths)) {
      const file = join(out, `${name}-${device}.png`);
      const run = await new Deno.Command(chromium, {
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--hide-scrollbars",
          `--user-data-dir=${profile}`,
          `--window-size=${w},${h}`,
          ...(device.endsWith("dark")
            ? ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]
            : []),
          `--screenshot=${file}`,
          `${origin}${path}`,
        ],
        stdout: "null",
        stderr: "piped",
      }).output();
      if (!run.success) console.error(new TextDecoder().decode(run.stderr));
      console.log(`${existsSync(file) ? "wrote" : "FAILED"} ${file}`);
    }
  }
} finally {
  await server.shutdown();
  Deno.removeSync(profile, { recursive: true });
}
