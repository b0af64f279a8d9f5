/**
 * Queries on the path of every signed-in request, built and compiled by Kysely once instead of on every call.
 *
 * Profiles of the account page showed Kysely building and compiling its queries at about 30 % of the request's CPU
 * (bench/README.md), for SQL text that never changes: only the values do. `prepared()` builds the query once per
 * database dialect with a marker in place of each named value, keeps the compiled SQL and where each marker landed in
 * the parameter list, and on each call sends that SQL with the new values (through Kysely's executor, so the driver,
 * the statement cache and the connection handling stay as they are). A value that was not a marker (a constant in the
 * builder) is kept as compiled. `src/db/prepared.test.ts` checks the SQL and the answers against the built query on
 * SQLite and PostgreSQL.
 *
 * Every value must reach the SQL as a bound parameter (Kysely's default for `where`, `values`, `set`, `limit`):
 * building fails loudly if a marker was inlined into the SQL text or if a named value never reached the parameters.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Conn } from './repositories/types.ts';

const MARK = '\u0000schild-param:';
type Values = Record<string, string | number | null>;

interface Compiled<R> {
  compiled: CompiledQuery<R>;
  slots: ReadonlyArray<{ name: string } | { fixed: unknown }>;
}

export interface PreparedQuery<P extends Values, R> {
  /** All rows. */
  all(db: Conn, values: P): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Conn, values: P): Promise<R | undefined>;
}

export function prepared<P extends Values, R>(names: readonly (keyof P & string)[], build: (db: Conn, p: P) => Compilable<R>): PreparedQuery<P, R> {
  // One compiled form per dialect adapter: a transaction shares its database's adapter, so it shares the entry.
  const byAdapter = new WeakMap<object, Compiled<R>>();
  const compile = (db: Conn): Compiled<R> => {
    const adapter = db.getExecutor().adapter;
    const hit = byAdapter.get(adapter);
    if (hit) return hit;
    const markers = Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as unknown as P;
    const compiled = build(db, markers).compile();
    if (compiled.sql.includes(MARK)) throw new Error(`prepared(): a value was inlined into the SQL: ${compiled.sql}`);
    const slots = compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? { name: v.slice(MARK.length) } : { fixed: v }));
    for (const n of names) if (!slots.some((s) => 'name' in s && s.name === n)) throw new Error(`prepared(): value ${n} is not a parameter of ${compiled.sql}`);
    const entry = { compiled, slots };
    byAdapter.set(adapter, entry);
    return entry;
  };
  const run = async (db: Conn, values: P): Promise<R[]> => {
    const { compiled, slots } = compile(db);
    const parameters = slots.map((s) => ('name' in s ? values[s.name] : s.fixed));
    const result = await db.getExecutor().executeQuery<R>({ ...compiled, parameters });
    return result.rows as R[];
  };
  return {
    all: run,
    first: async (db, values) => (await run(db, values))[0],
  };
}
