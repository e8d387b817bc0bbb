/**
 * The peers floe is measured against, installed when missing: Hugo from
 * Debian's package, Eleventy (pinned) from npm into the anchors folder.
 *
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { aptInstall } from "../tools/apt.ts";

/** The Eleventy version the anchors were written for (../shared/bench/README.md). */
export const ELEVENTY_VERSION = "3.1.5";

/** Whether `hugo` runs; installs Debian's package first when it does not. */
export async function ensureHugo(): Promise<boolean> {
  if (runs("hugo", ["version"])) return true;
  try {
    await aptInstall("hugo");
  } catch (e) {
    console.error(`hugo left out: ${(e as Error).message}`);
    return false;
  }
  return runs("hugo", ["version"]);
}

/**
 * The path of Eleventy's CLI under `root`, installing the pinned version there
 * with npm first when it is missing; `null` when that fails.
 */
export async function ensureEleventy(root: string): Promise<string | null> {
  const dir = join(root, "eleventy");
  const cli = join(dir, "node_modules/@11ty/eleventy/cmd.cjs");
  if (existsSync(cli)) return cli;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, "package.json"))) {
    writeFileSync(join(dir, "package.json"), `{ "private": true, "type": "module" }\n`);
  }
  const npm = await new Deno.Command("npm", {
    args: [
      "install",
      "--save-exact",
      "--no-audit",
      "--no-fund",
      `@11ty/eleventy@${ELEVENTY_VERSION}`,
    ],
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!npm.success) {
    console.error(
      `eleventy left out: npm install failed:\n${new TextDecoder().decode(npm.stderr)}`,
    );
    return null;
  }
  return existsSync(cli) ? cli : null;
}

function runs(cmd: string, args: string[]): boolean {
  try {
    return new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}
