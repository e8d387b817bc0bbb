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

/** A CLI run that takes longer is killed: a hang fails its test instead of stalling the suite. */
const TIME_LIMIT_MS = 180_000;

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
    signal: AbortSignal.timeout(TIME_LIMIT_MS),
  }).output();
  if (out.signal === "SIGTERM" && out.code !== 0) {
    throw new Error(`floe ${args.join(" ")} did not finish in ${TIME_LIMIT_MS / 1000} s`);
  }
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
