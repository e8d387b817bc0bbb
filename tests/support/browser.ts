/**
 * Headless Chromium for the tests that look at pages as a person would. Debian's
 * `chromium` is installed with apt when it is missing (the test command must
 * work on a fresh machine); puppeteer-core (pinned in package.json) drives it.
 *
 * @module
 */
import { existsSync } from "node:fs";
import puppeteer, { type Browser } from "puppeteer-core";
import { aptInstall } from "../../tools/apt.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The path of a Chromium binary, installing Debian's package when there is none. */
export async function chromiumPath(): Promise<string> {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  await aptInstall("chromium");
  const installed = CANDIDATES.find((p) => existsSync(p));
  if (!installed) throw new Error("apt-get installed chromium, but no chromium binary was found");
  return installed;
}

/**
 * Launches headless Chromium with a fresh profile and the flags this machine's
 * closed network needs (no background connections to Google's hosts).
 */
export async function launchBrowser(): Promise<Browser> {
  const profile = Deno.makeTempDirSync({ prefix: "floe-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: await chromiumPath(),
    headless: true,
    userDataDir: profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    Deno.removeSync(profile, { recursive: true });
  };
  return browser;
}
