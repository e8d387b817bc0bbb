/**
 * Installs a Debian package when a program the tests or benchmarks need is
 * missing: the project's own files do the set-up, on a fresh machine too.
 *
 * @module
 */

/**
 * Runs `apt-get update` and `apt-get install -y <pkg>` (through `sudo -n` when
 * not root). Throws with apt's own message when either fails.
 *
 * @example
 * ```ts
 * import { aptInstall } from "./apt.ts";
 * await aptInstall("hugo");
 * ```
 */
export async function aptInstall(pkg: string): Promise<void> {
  const sudo = Deno.uid() === 0 ? [] : ["sudo", "-n"];
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", pkg]]) {
    const command = sudo.length ? sudo[0] : "apt-get";
    const run = await new Deno.Command(command, {
      args: [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), ...args],
      env: { DEBIAN_FRONTEND: "noninteractive" },
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!run.success) {
      throw new Error(
        `${pkg} is not installed and apt-get ${args[0]} failed:\n${
          new TextDecoder().decode(run.stderr)
        }`,
      );
    }
  }
}
