/**
 * Placeholder: the floe lint plugin is being written in this folder.
 * @module
 */
const plugin: Deno.lint.Plugin = { name: "floe", rules: {} };
export default plugin;
