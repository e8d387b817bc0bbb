// Site configuration loaded once; the exported binding holds a promise.
import { loadConfig, type SiteConfig } from "./site_config.ts";

export let configReady: Promise<SiteConfig> | undefined; // expect: floe/no-module-mutable-state

export function config(): Promise<SiteConfig> {
  configReady ??= loadConfig("./floe.config.ts");
  return configReady;
}

export async function baseURL(): Promise<string> {
  return (await config()).baseURL;
}

export async function title(): Promise<string> {
  const { title } = await config();
  return title;
}

export async function absolute(path: string): Promise<string> {
  const base = await baseURL();
  return new URL(path.replace(/^\//, ""), base).href;
}

export async function canonicalTag(path: string): Promise<string> {
  return `<link rel="canonical" href="${await absolute(path)}">`;
}
