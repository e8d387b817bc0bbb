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
  // The docs section has more pages than the default 10 per page: list them all on one page.
  paginate: 20,
  menus: {
    main: [
      { name: "Documentation", url: "/docs/", weight: 1 },
      { name: "Lint plugin", url: "/lint/", weight: 2 },
      { name: "Tags", url: "/tags/", weight: 3 },
    ],
  },
});
