import type { Insertable, Selectable } from 'kysely';
import type { OutboxTable } from '../schema.ts';
import type { Conn } from './types.ts';

export type OutboxRow = Selectable<OutboxTable>;

export async function insertOutbox(db: Conn, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

export async function findOutbox(db: Conn, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markOutbox(db: Conn, id: string, status: 'sent' | 'logged' | 'failed', now: string, error: string | null = null): Promise<void> {
  await db.updateTable('outbox').set({ status, sent_at: status === 'failed' ? null : now, error }).where('id', '=', id).execute();
}

export async function latestOutboxTo(db: Conn, to: string): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', to.toLowerCase()).orderBy('created_at', 'desc').execute();
}
