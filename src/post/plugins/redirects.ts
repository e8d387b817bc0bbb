/**
 * The redirects plugin: a small HTML page at each alias of a page (`aliases:` in
 * front matter) that sends the reader to the page.
 *
 * @module
 */
import type { Plugin } from "../../config/plugin.ts";
import { redirectPage } from "../redirects.ts";

/**
 * Writes a redirect page per alias.
 *
 * @example
 * ```ts
 * import { redirects } from "./redirects.ts";
 * export default { plugins: [redirects()] };
 * ```
 */
export function redirects(): Plugin {
  return function redirects(site) {
    site.outputs(({ links, redirects }) =>
      redirects.map((redirect) => {
        const content = redirectPage(links.local(redirect.to), links.absolute(redirect.to));
        return { path: redirect.outputPath, tracked: false, make: () => content };
      })
    );
  };
}
