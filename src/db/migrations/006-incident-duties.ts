/**
 * 006: anonymous follow-up links expire (incidents.follow_token_expires_at; null for reports saved before, which
 * then count from created_at), and the company profile keeps its NIS2 status so the incident wizard need not ask.
 * Plain columns with the schema builder: valid on SQLite and PostgreSQL.
 */
import type { Kysely, Migration } from 'kysely';

export const m006_incident_duties: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('incidents').addColumn('follow_token_expires_at', 'text').execute();
    await db.schema.alterTable('companies').addColumn('nis2_status', 'text', (c) => c.notNull().defaultTo('unknown')).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('companies').dropColumn('nis2_status').execute();
    await db.schema.alterTable('incidents').dropColumn('follow_token_expires_at').execute();
  },
};
