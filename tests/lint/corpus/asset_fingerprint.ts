// Content-hashed asset names for cache busting.
import { createHash } from "node:crypto";
import { basename, dirname, extname, join } from "node:path";

const HASH_LENGTH = 10;

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, HASH_LENGTH);
}

export function fingerprintedName(path: string, bytes: Uint8Array): string {
  const ext = extname(path);
  const stem = basename(path, ext);
  return join(dirname(path), `${stem}.${contentHash(bytes)}${ext}`);
}

export interface AssetRecord {
  readonly source: string;
  readonly output: string;
  readonly size: number;
}

export async function fingerprintAll(paths: readonly string[]): Promise<AssetRecord[]> {
  const records: AssetRecord[] = [];
  for (const source of paths) {
    const bytes = await Deno.readFile(source);
    records.push(Object.freeze({ source, output: fingerprintedName(source, bytes), size: bytes.length }));
  }
  return records;
}

export function manifestOf(records: readonly AssetRecord[]): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(records.map((r) => [r.source, r.output])));
}
