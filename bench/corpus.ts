/**
 * The generated corpora the benchmarks share: made once by gen_corpus.mjs and
 * kept in /tmp/floe-bench/corpus-N, and the page the edit benchmarks edit.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const HERE = new URL(".", import.meta.url).pathname;

/** The generated corpus of `n` pages (made once, kept in /tmp). */
export async function corpus(n: number): Promise<string> {
  const dir = `/tmp/floe-bench/corpus-${n}`;
  if (!existsSync(join(dir, "content"))) {
    console.log(`generating a corpus of ${n} pages in ${dir}…`);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(HERE, "gen_corpus.mjs"), dir, String(n)],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`corpus generation failed: ${new TextDecoder().decode(out.stderr)}`);
    }
  }
  return dir;
}

/** The newest page of `docs/`: first in its section's order, so every page of the section shows it. */
export function pageOf(site: string): string {
  const section = join(site, "content/docs");
  let newest = { date: "", file: "" };
  for (const entry of Deno.readDirSync(section)) {
    if (!/^page-\d+\.md$/.test(entry.name)) continue;
    const file = join(section, entry.name);
    const date = /^date: (.*)$/m.exec(readFileSync(file, "utf8"))?.[1] ?? "";
    if (date > newest.date) newest = { date, file };
  }
  if (!newest.file) throw new Error(`no page-*.md in ${section}`);
  return newest.file;
}
