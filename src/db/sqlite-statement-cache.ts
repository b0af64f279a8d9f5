/**
 * Kysely's SQLite driver calls better-sqlite3's `prepare(sql)` for every query, and compiling the SQL was the largest
 * single item in the profile of a signed-in page (bench/README.md, "HTTP benchmark"): SQLite's own advice is to
 * prepare a statement once and reset it between runs (https://sqlite.org/c3ref/stmt.html, "the life-cycle of a
 * prepared statement"). Kysely always sends its parameters separately, so the SQL text is the key: equal text,
 * equal statement, whatever the values. better-sqlite3 re-prepares a statement by itself after a schema change.
 *
 * A statement that is still being iterated (a streamed select) is `busy` and cannot run again until it finishes;
 * then a fresh one is prepared for the second caller. The cache is bounded; the oldest entry goes first.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 500;

export function cachingSqliteDatabase(db: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase & { readonly cached: number } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    get cached() {
      return statements.size;
    },
    close: () => {
      statements.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = statements.get(sql);
      if (hit) return hit.busy ? db.prepare(sql) : hit;
      const stmt = db.prepare(sql);
      if (statements.size >= size) statements.delete(statements.keys().next().value as string);
      statements.set(sql, stmt);
      return stmt;
    },
  };
}
