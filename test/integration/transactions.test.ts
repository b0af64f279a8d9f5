/**
 * transact() (src/db/transaction.ts) on both engines: a transaction that PostgreSQL rolls back for a deadlock (40P01)
 * or a serialization failure (40001) is run again, whole, in a new transaction, up to three times (PostgreSQL manual
 * §13.3.4, §13.4); every other error is thrown at once, and nothing of a rolled-back attempt remains. The rollbacks
 * are raised here by the callback with those codes, so the rule is checked on SQLite too; a real deadlock is in
 * user-view-versions.test.ts.
 */
import type { Transaction } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { TRANSACTION_ATTEMPTS, afterCommit, transact } from '../../src/db/transaction.ts';
import { createMetrics } from '../../src/http/ops.routes.ts';
import { DIALECTS, freshMigratedDatabase } from '../support/dialects.ts';

const rollback = (code: string) => Object.assign(new Error(`rolled back (${code})`), { code });

describe.each(DIALECTS)('transact on %s', (dialect) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  async function open(): Promise<Db> {
    db = openDatabase(await freshMigratedDatabase(dialect));
    await migrateToLatest(db.db, db.dialect);
    return db;
  }
  const writes = async (d: Db) => Number((await d.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'transact-probe').executeTakeFirstOrThrow()).n);
  const write = (trx: Transaction<Database>) =>
    trx.insertInto('jobs').values({ type: 'transact-probe', payload: '{}', status: 'done', attempts: 0, max_attempts: 1, run_at: new Date().toISOString(), created_at: new Date().toISOString() }).execute();

  it('runs a rolled-back transaction again, whole, and keeps only the attempt that committed', async () => {
    const d = await open();
    let runs = 0;
    const result = await transact(d.db, async (trx) => {
      runs++;
      await write(trx);
      if (runs === 1) throw rollback('40P01');
      if (runs === 2) throw rollback('40001');
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(runs).toBe(3);
    expect(await writes(d)).toBe(1);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} attempts with the last rollback, which stays a 503 to retry, and counts both in the metrics`, async () => {
    const d = await open();
    const metrics = createMetrics();
    const counted = async (outcome: string) => Number(new RegExp(`^schild_db_transaction_rollbacks_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(await metrics.registry.metrics())?.[1]);
    const [retried, gaveUp] = [await counted('retried'), await counted('gave_up')];
    let runs = 0;
    await expect(
      transact(d.db, async (trx) => {
        runs++;
        await write(trx);
        throw rollback('40P01');
      }),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(runs).toBe(TRANSACTION_ATTEMPTS);
    expect(await writes(d)).toBe(0);
    expect(await counted('retried')).toBe(retried + TRANSACTION_ATTEMPTS - 1);
    expect(await counted('gave_up')).toBe(gaveUp + 1);
  });

  it('runs what waits for the commit once, after it, and never for an attempt that was rolled back', async () => {
    const d = await open();
    const effects: string[] = [];
    let runs = 0;
    await transact(d.db, async (trx) => {
      runs++;
      afterCommit(trx, () => effects.push(`attempt ${runs}`));
      expect(effects).toEqual([]); // not before the commit
      if (runs === 1) throw rollback('40P01');
    });
    expect(effects).toEqual(['attempt 2']);
    await expect(
      transact(d.db, async (trx) => {
        afterCommit(trx, () => effects.push('failed'));
        throw new Error('plain');
      }),
    ).rejects.toThrow('plain');
    expect(effects).toEqual(['attempt 2']);
    // Outside a transaction of transact(), at once.
    afterCommit(d.db, () => effects.push('no transaction'));
    expect(effects).toEqual(['attempt 2', 'no transaction']);
  });

  it('throws any other error at once, without running the transaction again', async () => {
    const d = await open();
    for (const error of [rollback('23505'), rollback('40000'), new Error('plain')]) {
      let runs = 0;
      await expect(
        transact(d.db, async (trx) => {
          runs++;
          await write(trx);
          throw error;
        }),
      ).rejects.toBe(error);
      expect(runs).toBe(1);
    }
    expect(await writes(d)).toBe(0);
  });
});
