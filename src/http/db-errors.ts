/**
 * Database failures that are not the request's fault and pass by themselves: the database cannot be reached (being
 * restarted, a connection dropped) or its disk is full. Mapped to a clear 503 / 507 with a translated message instead
 * of a 500 (docs/operations.md, "Faults and what users see"). Pure: looks only at the error's shape.
 */
import { TRANSACTION_ROLLBACK } from '../db/transaction.ts';
import type { ErrorCode } from './errors.ts';

/**
 * PostgreSQL SQLSTATE classes and codes (PostgreSQL manual, Appendix A): class 08 connection exception, 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down).
 */
const PG_UNAVAILABLE = /^(08...|57P0[123])$/;
/** Socket errors of node:net while connecting or talking to the database server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** node-postgres reports a dropped or never-made connection with these messages and no code. */
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/;

export function databaseErrorCode(error: unknown): ErrorCode | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // SQLite answers SQLITE_FULL when its file cannot grow: the disk (or max_page_count) is full (sqlite.org/rescode.html#full).
  if (code === 'SQLITE_FULL') return 'storage_full';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return 'unavailable';
  // A transaction rolled back for a deadlock or a serialization failure (class 40) that was still rolled back after
  // transact() ran it again (src/db/transaction.ts): the same clear, retryable answer as a restart.
  if (PG_UNAVAILABLE.test(code) || TRANSACTION_ROLLBACK.test(code) || SOCKET_CODES.has(code)) return 'unavailable';
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return 'unavailable';
  // An AggregateError (a connect to several addresses) is unavailable when its parts are.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => databaseErrorCode(x) === 'unavailable')) return 'unavailable';
  return undefined;
}
