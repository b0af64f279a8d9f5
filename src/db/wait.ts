/**
 * A process that starts while PostgreSQL is down (a restart, a deployment where the database comes up last) waits for
 * it instead of exiting, and starts by itself when it answers (issue 13, "recovery by itself"; docs/operations.md
 * "Faults and what users see"). Only errors that mean "not reachable yet" are waited out: a refused or dropped
 * connection, a timeout, a name that does not resolve yet (the system's E… codes), and the SQLSTATE classes 08
 * (connection exception), 53 (insufficient resources: too many connections) and 57 (operator intervention: starting
 * up, shutting down). Anything else, such as a wrong password (28P01), a database that does not exist (3D000) or a
 * malformed URL (ERR_INVALID_URL), is a configuration to fix and stops the start at once with its message. The URL
 * is never logged: it may hold the password.
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ConfigError } from '../config-error.ts';
import type { Database } from './schema.ts';

const WAITABLE_SQLSTATE_CLASSES = new Set(['08', '53', '57']);

/** The SQLSTATE or socket error code of a failed connect, if it has one. */
function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error means the server is not reachable yet, so waiting may help. */
export function isWaitable(err: unknown): boolean {
  const code = codeOf(err);
  if (code === undefined) return true; // node-postgres' own connect timeout and "Connection terminated" carry no code
  if (/^[0-9A-Z]{5}$/.test(code)) return WAITABLE_SQLSTATE_CLASSES.has(code.slice(0, 2));
  // The system's socket and name errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENOTFOUND, EAI_AGAIN, …);
  // not Node's own ERR_* codes, such as ERR_INVALID_URL for a DATABASE_URL with a typo, which waiting cannot fix.
  return /^E[A-Z_]+$/.test(code) && !code.startsWith('ERR_');
}

export interface WaitOptions {
  /** Give up after this long (DATABASE_WAIT_SECONDS); 0 tries once. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Resolves once the database answers `select 1`; throws a ConfigError when it will not (see above). */
export async function waitForDatabase(db: Kysely<Database>, log: Logger, opts: WaitOptions): Promise<void> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = opts.now ?? Date.now;
  const started = now();
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      if (attempt > 0) log.info({ waitedSeconds: Math.round((now() - started) / 1000) }, 'PostgreSQL answers; starting');
      return;
    } catch (err) {
      const code = codeOf(err) ?? 'no code';
      const reason = err instanceof Error ? err.message : String(err);
      if (!isWaitable(err)) throw new ConfigError(`PostgreSQL refused the connection (${code}): ${reason}. Check DATABASE_URL.`);
      const waited = now() - started;
      if (waited >= opts.maxWaitMs) {
        throw new ConfigError(`PostgreSQL was not reachable for ${Math.round(waited / 1000)} s (${code}: ${reason}). Check that it runs and that DATABASE_URL points to it; DATABASE_WAIT_SECONDS sets how long a start waits.`);
      }
      // 0.25 s, 0.5 s, 1 s, 2 s, then every 5 s, never past the limit.
      const retryInMs = Math.min(5000, 250 * 2 ** attempt, Math.max(0, opts.maxWaitMs - waited));
      log.warn({ code, reason, retryInMs, waitedSeconds: Math.round(waited / 1000) }, 'PostgreSQL is not reachable yet; waiting for it');
      await sleep(retryInMs);
    }
  }
}
