/**
 * Runs the floe CLI in a child process, as a user would.
 *
 * @module
 */
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** Exit code and output of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `floe <args>` with the same Deno binary and all permissions. */
export async function runCli(
  args: readonly string[],
  cwd?: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", MAIN, ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
