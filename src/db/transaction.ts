/**
 * Every transaction in Schild runs through `transact`. PostgreSQL may roll a transaction back whole:
 * - a deadlock (SQLSTATE 40P01), when two transactions wait on each other's rows;
 * - a serialization failure (40001).
 * Such a transaction succeeds when run again, and the manual tells applications to retry it (§13.3.4 "Deadlocks",
 * §13.4 "Serialization Failure Handling"). So it is run again, whole, up to TRANSACTION_ATTEMPTS times, after a short
 * random pause so that the two transactions do not meet again at once. Any other error, and the last attempt's, is
 * thrown as before (a rollback that still fails becomes a 503 with Retry-After: src/http/db-errors.ts).
 *
 * Before this, a deadlock failed the request or the job run. A mail-report forward then mailed Safeonweb a second time
 * when its job ran again, and a scan already done turned 'failed' and ended its domain's daily chain.
 *
 * Running a callback again is safe only if everything it does goes through its `trx`, and every call site keeps to
 * that. Audited on 2026-12-07:
 * - every callback writes through `trx`;
 * - mail goes to the outbox through `trx`;
 * - workers are woken after the commit;
 * - state that a second run would double is declared inside the callback;
 * - what must happen only once the transaction committed (the "security event" log line of src/app/audit.ts) is
 *   handed to `afterCommit`, which runs it after the commit, and never for an attempt that was rolled back.
 * Keep new callbacks that way. eslint forbids `.transaction()` and `.startTransaction()` everywhere in src/ but here
 * (eslint.config.js). A single statement run outside a transaction is not run again: a deadlock there is a 503.
 */
import type { Kysely, Transaction } from 'kysely';

/** Class 40, transaction rollback: serialization_failure and deadlock_detected (PostgreSQL manual, Appendix A). */
export const TRANSACTION_ROLLBACK = /^40(001|P01)$/;
export const TRANSACTION_ATTEMPTS = 3;

export function isTransactionRollback(error: unknown): boolean {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && TRANSACTION_ROLLBACK.test(code);
}

/**
 * Rollbacks seen by this process since it started: `retried` counts the runs again (a transaction rolled back twice
 * and then committed counts 2), `gaveUp` the transactions whose last attempt was rolled back too. Exported as
 * schild_db_transaction_rollbacks_total (src/workers/metrics.ts).
 */
export const transactionRollbacks = { retried: 0, gaveUp: 0 };

/** Per transaction of transact(): what runs once it has committed. */
const committing = new WeakMap<object, (() => void)[]>();

/**
 * Runs `effect` once `conn`'s transaction has committed; at once when `conn` is not a transaction of transact(). An
 * attempt that is rolled back (and perhaps run again) drops its effects. An effect that throws is ignored: the
 * transaction it follows has committed.
 */
export function afterCommit(conn: object, effect: () => void): void {
  const pending = committing.get(conn);
  if (pending) pending.push(effect);
  else effect();
}

/** Runs `work` in a transaction, again (whole, in a new transaction) when PostgreSQL rolled it back as above. */
export async function transact<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>, attempts = TRANSACTION_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const effects: (() => void)[] = [];
    let result: T;
    try {
      result = await db.transaction().execute((trx) => {
        committing.set(trx, effects);
        return work(trx);
      });
    } catch (error) {
      if (!isTransactionRollback(error)) throw error;
      if (attempt >= attempts) {
        transactionRollbacks.gaveUp++;
        throw error;
      }
      transactionRollbacks.retried++;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
      continue;
    }
    // Committed: its effects run once, outside the retry, and one that throws fails neither the others nor the caller.
    for (const effect of effects) {
      try {
        effect();
      } catch {
        // An effect is a log line or the like: the transaction it follows has committed whatever happens here.
      }
    }
    return result;
  }
}
