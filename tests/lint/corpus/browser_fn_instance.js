// Headless browser for PDF export, stored as a property of the getter (JavaScript).
import puppeteer from "puppeteer-core";

async function getBrowser() { // expect: floe/no-module-mutable-state
  if (!getBrowser.instance) {
    getBrowser.instance = await puppeteer.launch({ headless: true }); // expect: floe/no-unguarded-singleton
  }
  return getBrowser.instance;
}

export async function pdf(url) {
  const browser = await getBrowser();
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: "networkidle0" });
    return await page.pdf({ format: "A4", printBackground: true });
  } finally {
    await page.close();
  }
}
