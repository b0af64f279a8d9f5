/**
 * People of a company (staff who get phishing simulations and lessons; they need no account), scoped grants a
 * company gives to an outside user such as its IT provider, and phishing simulations with their per-recipient
 * state and events. Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, 0/1 integers.
 *
 * Privacy by construction (docs/phishing.md): no table has a column for what a person typed on a landing page,
 * nor for the address a click came from. Recipient tokens are stored as SHA-256 hashes only.
 */
import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

type Serial = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export const m010_people_and_phishing = (serial: Serial): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull().defaultTo(''))
      /** A short code shown instead of the name in results (pseudonymous by default). */
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('people_company_email', ['company_id', 'email'])
      .execute();
    await db.schema.createIndex('people_company_group').on('people').columns(['company_id', 'group_name']).execute();

    await db.schema
      .createTable('company_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('grantee_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      /** What the grant allows: 'phishing' (run phishing simulations). Issue 12 adds more scopes. */
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('company_grants_grantee').on('company_grants').columns(['grantee_user_id', 'scope']).execute();
    await db.schema.createIndex('company_grants_company').on('company_grants').column('company_id').execute();

    await db.schema
      .createTable('phishing_campaigns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('template_id', 'text', (c) => c.notNull())
      /** The verified company domain the recipients' addresses belong to. */
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      /** Sending window in Europe/Brussels local time, "HH:MM"; weekdays only when weekdays_only = 1. */
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('window_end', 'text', (c) => c.notNull())
      .addColumn('weekdays_only', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('rate_per_minute', 'integer', (c) => c.notNull())
      /** scheduled | sending | sent | cancelled */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      /** After this moment per-person results are deleted (retention, default 12 months). */
      .addColumn('purge_after', 'text', (c) => c.notNull())
      .addColumn('purged_at', 'text')
      .execute();
    await db.schema.createIndex('phishing_campaigns_company').on('phishing_campaigns').columns(['company_id', 'created_at']).execute();

    await db.schema
      .createTable('phishing_recipients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('phishing_campaigns.id').onDelete('cascade'))
      /** Null once the person was removed or the retention period passed; the row then only counts. */
      .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('group_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      /** pending | claimed | sent | failed */
      .addColumn('send_state', 'text', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', 'text')
      .addColumn('message_id', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('opened_at', 'text')
      .addColumn('clicked_at', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('reported_at', 'text')
      .execute();
    await db.schema.createIndex('phishing_recipients_campaign').on('phishing_recipients').columns(['campaign_id', 'send_state']).execute();

    await db.schema
      .createTable('phishing_events')
      .addColumn('id', 'integer', serial)
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('phishing_campaigns.id').onDelete('cascade'))
      .addColumn('recipient_id', 'text', (c) => c.references('phishing_recipients.id').onDelete('cascade'))
      /** delivered | opened | clicked | submitted | reported | scanner | lesson */
      .addColumn('kind', 'text', (c) => c.notNull())
      /** Why a request was set apart as a machine (too_soon, agent, range, head, prefetch, no_assets); never a value typed. */
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('phishing_events_campaign').on('phishing_events').columns(['campaign_id', 'kind']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['phishing_events', 'phishing_recipients', 'phishing_campaigns', 'company_grants', 'people']) await db.schema.dropTable(t).execute();
  },
});
