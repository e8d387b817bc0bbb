// Database access for a data loader: the connection is owned by the factory's closure.
import type { Database } from "./db_types.ts";

declare function openDatabase(path: string): Promise<Database>;

export interface Store {
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function createStore(path: string): Store {
  let db: Promise<Database> | undefined;
  const connection = () => (db ??= openDatabase(path));
  return {
    async query<T>(sql: string, ...params: unknown[]) {
      const conn = await connection();
      return conn.all(sql, ...params) as Promise<T[]>;
    },
    async close() {
      if (!db) return;
      const conn = await db;
      db = undefined;
      await conn.close();
    },
  };
}

export async function withStore<T>(path: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = createStore(path);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
