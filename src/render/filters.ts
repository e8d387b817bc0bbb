/**
 * floe's built-in Vento filters. Pure functions of their arguments and the site's
 * settings: the same input renders the same output in any worker.
 *
 * @module
 */
import type { Filter } from "../config/config.ts";

/**
 * Settings the built-in filters depend on.
 *
 * @example
 * ```ts
 * import type { FilterSettings } from "./filters.ts";
 * const s: FilterSettings = { baseURL: "https://example.org/docs/", language: "en" };
 * ```
 */
export interface FilterSettings {
  readonly baseURL: string;
  readonly language: string;
}

/**
 * Creates the built-in filters:
 * - `url` — a site-relative URL with the base path prepended (`/a/` → `/docs/a/`);
 * - `absURL` — the full URL (`/a/` → `https://example.org/docs/a/`);
 * - `date` — formats a date: `"long"` (default, e.g. "January 5, 2024" for `en`, in the site's
 *   language), `"short"` (`2024-01-05`), `"iso"`, or any `Intl.DateTimeFormat`
 *   options object. Always in UTC, so output does not depend on the machine.
 *
 * @example
 * ```ts
 * import { builtinFilters } from "./filters.ts";
 * const f = builtinFilters({ baseURL: "https://example.org/docs/", language: "en" });
 * f.url("/a/"); // "/docs/a/"
 * f.date("2024-01-05", "short"); // "2024-01-05"
 * ```
 */
export function builtinFilters(
  settings: FilterSettings,
): Record<string, Filter> {
  const base = new URL(settings.baseURL, "http://localhost/");
  const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  const hasHost = /^[a-z][a-z0-9+.-]*:\/\//i.test(settings.baseURL);
  const isAbsolute = (s: string) => /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(s);
  const longDate = new Intl.DateTimeFormat(settings.language, {
    dateStyle: "long",
    timeZone: "UTC",
  });
  return {
    url: (value: unknown) => {
      const s = String(value ?? "");
      if (isAbsolute(s)) return s;
      return basePath + s.replace(/^\/+/, "");
    },
    absURL: (value: unknown) => {
      const s = String(value ?? "");
      if (isAbsolute(s)) return s;
      // Without a host in baseURL there is no absolute URL to give: stay root-relative.
      if (!hasHost) return basePath + s.replace(/^\/+/, "");
      return new URL(s.replace(/^\/+/, ""), new URL(basePath, base)).href;
    },
    date: (value: unknown, format: unknown = "long") => {
      if (value === null || value === undefined || value === "") return "";
      const date = new Date(String(value));
      if (Number.isNaN(date.getTime())) return String(value);
      if (format === "short") return date.toISOString().slice(0, 10);
      if (format === "iso") return date.toISOString();
      if (typeof format === "object" && format !== null) {
        return new Intl.DateTimeFormat(settings.language, {
          timeZone: "UTC",
          ...(format as Intl.DateTimeFormatOptions),
        }).format(date);
      }
      return longDate.format(date);
    },
  };
}
