/**
 * `deno task floe …`: deno task runs its commands in the folder of deno.json,
 * but the paths a user types (`deno task floe new site my-site`, `--out`) are
 * meant from where they typed them, which deno task passes as INIT_CWD.
 *
 * @module
 */
import { main } from "../main.ts";

const from = Deno.env.get("INIT_CWD");
if (from) Deno.chdir(from);
Deno.exit(await main(Deno.args));
