import { DuckDBInstance } from "@duckdb/node-api";

/** Rows of `sql` on a study database opened read-only (":memory:" for a scratch handle). */
export async function query(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(
    file,
    file === ":memory:" ? {} : { access_mode: "READ_ONLY" },
  );
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
