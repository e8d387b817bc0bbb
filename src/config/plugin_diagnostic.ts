/**
 * A plugin's failure as a diagnostic: it names the plugin and the stage, and
 * points at the line of the site's own code that threw (the plugin module, or
 * the config), never into floe.
 *
 * @module
 */
import { type Diagnostic, error } from "../errors/diagnostic.ts";
import { errorLocation } from "./load_config.ts";
import { PluginError } from "./plugin.ts";

const HINTS: Readonly<Record<PluginError["stage"], string>> = {
  register: "a plugin is `(site) => void`: it registers its parts with site.filter, " +
    "site.markdown, site.outputs… and must not throw",
  setup: "site.setup(init) runs init at the start of every build in every thread; " +
    "make it cheap and safe to run again",
  page: "the plugin's code threw while this page was made; the message is its own",
  output: "an output is { path, make(source) } and make returns a string or bytes",
  loader: "a data loader gets the file's text and returns its value; make it throw " +
    "a clear message for bad input",
};

/**
 * The diagnostic for `e` (a {@link PluginError}, or anything thrown while
 * plugins ran) in the site at `root`; `file` is where the failure belongs when
 * the stack does not say (a data file, a page).
 *
 * @example
 * ```ts
 * import { pluginDiagnostic } from "./plugin_diagnostic.ts";
 * import { PluginError } from "./plugin.ts";
 * const d = pluginDiagnostic(new PluginError("p", "setup", new Error("no")), "/site");
 * console.log(d.code); // "plugin"
 * ```
 */
export function pluginDiagnostic(e: unknown, root: string, file?: string): Diagnostic {
  const failure = e instanceof PluginError ? e : undefined;
  const at = errorLocation(failure?.cause ?? e, "", root);
  const message = e instanceof Error ? e.message : String(e);
  return error("plugin", message, {
    file: at?.file ?? file,
    line: at?.line,
    column: at?.column,
    hint: failure ? HINTS[failure.stage] : undefined,
  });
}
