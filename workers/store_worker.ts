/**
 * Store worker: writes the parse cache's shards of a one-shot build, sent as
 * columns (see src/remember/shard_file.ts), then says so once.
 *
 * @module
 */
import { type ShardColumns, shardJobs, writeShards } from "../src/remember/shard_file.ts";

self.onmessage = async (e: MessageEvent<{ dir: string; columns: ShardColumns }>) => {
  try {
    await writeShards(e.data.dir, shardJobs(e.data.columns));
    self.postMessage({});
  } catch (error) {
    self.postMessage({ error: String((error as Error)?.message ?? error) });
  }
};
