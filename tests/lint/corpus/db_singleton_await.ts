// A data loader that reads page views from SQLite.
import type { Database } from "./db_types.ts";

declare function openDatabase(path: string): Promise<Database>;

const DB_PATH = "./data/analytics.db";

let db: Database | undefined; // expect: floe/no-module-mutable-state

export async function getDb(): Promise<Database> {
  if (!db) db = await openDatabase(DB_PATH); // expect: floe/no-unguarded-singleton
  return db;
}

export async function pageViews(url: string): Promise<number> {
  const conn = await getDb();
  const rows = await conn.all("SELECT views FROM pages WHERE url = ?", url) as { views: number }[];
  return rows[0]?.views ?? 0;
}

export async function topPages(limit = 10): Promise<string[]> {
  const conn = await getDb();
  const rows = await conn.all(
    "SELECT url FROM pages ORDER BY views DESC LIMIT ?",
    limit,
  ) as { url: string }[];
  return rows.map((r) => r.url);
}
