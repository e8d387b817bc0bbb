/**
 * `floe new site <dir>`: a small starter site that builds as it is.
 *
 * @module
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { FLOE_VERSION } from "../base/version.ts";
import { V8_FLAGS } from "./v8_flags.ts";

/** floe from JSR with its V8 flags: `deno task build` and `deno task serve` in the site's folder. */
const FLOE = `deno run -A --v8-flags=${V8_FLAGS} jsr:@floe/floe@^${FLOE_VERSION}/cli`;
const TASKS = { tasks: { build: `${FLOE} build`, serve: `${FLOE} serve` } };

const FILES: Readonly<Record<string, string>> = {
  "deno.json": `${JSON.stringify(TASKS, null, 2)}\n`,
  "floe.config.ts": `// The site's settings. Every key is optional; see the configuration docs.
// With floe from JSR you can type it: import { defineConfig } from "jsr:@floe/floe";
export default {
  title: "My floe site",
  description: "A site built with floe.",
  baseURL: "/",
};
`,
  "content/_index.md": `---
title: Welcome
---
This is the home page, written in \`content/_index.md\`.

Pages live in \`content/\`; a folder with an \`_index.md\` is a section.
`,
  "content/about.md": `---
title: About
description: What this site is.
---
Write about your site here. This page is \`content/about.md\` and its URL is \`/about/\`.
`,
  "content/posts/_index.md": `---
title: Posts
description: Everything written here, newest first.
---
`,
  "content/posts/hello-world.md": `---
title: Hello, world
date: 2026-01-01
description: The first post.
---
The first paragraph is the post's summary.

<!--more-->

## Next steps

- Edit this file and run \`floe build\` again.
- Add layouts in \`layouts/\` to change the look.
`,
  "data/links.yaml": `- title: floe
  url: https://jsr.io/@floe/floe
`,
  "static/robots.txt": `User-agent: *
Allow: /
`,
};

/**
 * Writes the starter site into `dir`, which must not exist or be empty.
 * Returns the files written.
 *
 * @example
 * ```ts
 * import { newSite } from "./new_site.ts";
 * await newSite("/tmp/my-site");
 * ```
 */
export async function newSite(dir: string): Promise<string[]> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length) {
    throw new Error(`${dir} exists and is not empty; choose a new folder`);
  }
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return Object.keys(FILES);
}
