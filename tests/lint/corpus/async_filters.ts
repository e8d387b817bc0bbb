// Async template filters: each call does its own work and keeps nothing.
import type { Filter } from "jsr:@floe/floe";
import { join } from "node:path";

export const inlineSvg: Filter = async (value: unknown) => {
  const path = join("./assets/icons", `${String(value)}.svg`);
  try {
    const svg = await Deno.readTextFile(path);
    return svg.replace(/<\?xml[^>]*>\s*/, "").trim();
  } catch {
    return "";
  }
};

export const fileSize: Filter = async (value: unknown) => {
  const { size } = await Deno.stat(String(value));
  const units = ["B", "KB", "MB", "GB"];
  let n = size;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${n.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
};

export const filters = Object.freeze({ inlineSvg, fileSize });
