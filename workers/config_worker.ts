/**
 * Config worker: imports a config module in a fresh isolate and sends back its
 * default export as data. A long-lived session uses it when a module the config
 * imports has changed: the main thread keeps the first version of every module
 * it imported, so it cannot see the new one itself. Filters come back as the
 * `typeof` of each value: the main thread only needs their names (render
 * workers import the module for the functions).
 *
 * @module
 */

self.onmessage = async (message: MessageEvent<string>) => {
  try {
    const mod = await import(message.data);
    const value = mod.default;
    const data = typeof value === "object" && value !== null && !Array.isArray(value)
      ? {
        ...value,
        filters: value.filters && typeof value.filters === "object"
          ? Object.fromEntries(Object.entries(value.filters).map(([k, v]) => [k, typeof v]))
          : value.filters,
      }
      : value;
    self.postMessage({ ok: true, data });
  } catch (e) {
    // The stack locates the throw in the config (line and column for the diagnostic).
    self.postMessage({
      ok: false,
      message: e instanceof Error ? e.message : String(e),
      stack: e instanceof Error ? e.stack : undefined,
    });
  }
};
