import type { Insertable, Selectable } from 'kysely';
import type { OutboxTable } from '../schema.ts';
import type { Conn } from './types.ts';

export type OutboxRow = Selectable<OutboxTable>;

export async function insertOutbox(db: Conn, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/**
 * Inserts a message unless one with the same id (an idempotency key) is already there; true when inserted. A job run
 * again after a crash thus queues each of its mails once.
 */
export async function insertOutboxOnce(db: Conn, row: Insertable<OutboxTable>): Promise<boolean> {
  const inserted = await db.insertInto('outbox').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Marks a queued message 'sending' before it goes to the SMTP server; true when this caller got it. Written (and
 * committed) before the SMTP transaction, so a worker taking over after a crash sees that the message may already
 * have been accepted (RFC 5321 §4.1.1.4: accepted at the 250 after DATA) and does not send it again.
 */
export async function claimOutboxForSending(db: Conn, id: string): Promise<boolean> {
  const r = await db.updateTable('outbox').set({ status: 'sending', error: null, sent_at: null }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Gives a message back to the queue after a failure the SMTP server reported (nothing was accepted): retry is safe. */
export async function releaseOutbox(db: Conn, id: string, error: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'queued', error: error.slice(0, 2000) }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export async function findOutbox(db: Conn, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markOutbox(db: Conn, id: string, status: 'sent' | 'logged' | 'failed' | 'unknown', now: string, error: string | null = null): Promise<void> {
  await db.updateTable('outbox').set({ status, sent_at: status === 'failed' || status === 'unknown' ? null : now, error }).where('id', '=', id).execute();
}

export async function latestOutboxTo(db: Conn, to: string): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', to.toLowerCase()).orderBy('created_at', 'desc').execute();
}
