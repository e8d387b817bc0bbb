// Screenshots of pages for social cards, through a shared browser.
import type { Browser } from "puppeteer-core";

declare function launchBrowser(): Browser;

let browser: Browser | undefined; // expect: floe/no-module-mutable-state

export async function screenshot(url: string, width = 1200, height = 630): Promise<Uint8Array> {
  if (!browser) {
    browser = launchBrowser(); // expect: floe/no-unguarded-singleton
    await browser.version();
  }
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height });
    await page.goto(url, { waitUntil: "networkidle0" });
    return await page.screenshot({ type: "png" });
  } finally {
    await page.close();
  }
}
