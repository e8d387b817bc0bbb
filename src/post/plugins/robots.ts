/**
 * The robots plugin: a `robots.txt` that allows everything and names the
 * sitemap, when the site has one and a host to name it by. A site's own
 * `robots.txt` (a static file or a page) wins.
 *
 * @module
 */
import type { Plugin } from "../../config/plugin.ts";
import { robotsTxt } from "../robots.ts";

/**
 * Writes `robots.txt`, unless the site has its own.
 *
 * @example
 * ```ts
 * import { robots } from "./robots.ts";
 * export default { plugins: [robots()] };
 * ```
 */
export function robots(): Plugin {
  return function robots(site) {
    site.outputs(({ links, taken, plugins }) => {
      if (taken("robots.txt")) return [];
      const content = robotsTxt(
        links.hasHost && plugins.includes("sitemap") ? links.absolute("/sitemap.xml") : null,
      );
      return [{ path: "robots.txt", tracked: false, make: () => content }];
    });
  };
}
