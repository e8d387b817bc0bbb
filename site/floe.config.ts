// The configuration of floe's own documentation site, built by floe itself
// (`deno task build`). It uses floe's embedded default theme: there is no
// layouts/ folder.
import { defineConfig } from "../mod.ts";

export default defineConfig({
  title: "floe",
  description:
    "A static site generator for Deno that uses every core: it freezes the site into one snapshot and renders pages in parallel Web Workers.",
  baseURL: "/",
  language: "en",
});
