/**
 * Federations and trusted partners as tenants (issue 11): the organisation, its staff and their invitations, the
 * links and e-mail invitations by which companies join, the membership of a company (with its choice to count in
 * the organisation's figures), the company's explicit grants to see its answers, and announcements. Audit events
 * gain an organisation id so one event shows on both sides (company log and organisation log).
 * Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, 0/1 integers, JSON as text.
 */
import type { Kysely, Migration } from 'kysely';

export const m017_organisations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      /** federation | accountant | bank | insurer | telecom | it_provider */
      .addColumn('kind', 'text', (c) => c.notNull())
      /** JSON array of NACE sections ('G') and divisions ('47') a federation covers; [] for partners. */
      .addColumn('sectors', 'text', (c) => c.notNull())
      .addColumn('verified_at', 'text')
      .addColumn('verified_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('organisation_staff')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      /** org_owner | org_admin | org_viewer */
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('organisation_staff_pk', ['organisation_id', 'user_id'])
      .execute();
    await db.schema.createIndex('organisation_staff_user').on('organisation_staff').column('user_id').execute();

    await db.schema
      .createTable('organisation_staff_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    /** A way in for companies: a shareable link (email null) or one mailed to an address from a CSV (email set). */
    await db.schema
      .createTable('organisation_join_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('organisation_join_links_org').on('organisation_join_links').column('organisation_id').execute();

    await db.schema
      .createTable('organisation_members')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      /** The company's choice to count in this organisation's aggregated figures (asked at joining, default on). */
      .addColumn('counts_in_figures', 'integer', (c) => c.notNull())
      /** The company's choice to receive announcements by e-mail (opt-out). */
      .addColumn('announcement_mail', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('joined_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('organisation_members_pk', ['organisation_id', 'company_id'])
      .execute();
    await db.schema.createIndex('organisation_members_company').on('organisation_members').column('company_id').execute();

    /** Explicit, revocable grants of a member company to its organisation (scope 'assessment_answers'). */
    await db.schema
      .createTable('organisation_grants')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('organisation_grants_pk', ['organisation_id', 'company_id', 'scope'])
      .execute();

    await db.schema
      .createTable('organisation_announcements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      /** JSON { nl?, fr?, de?, en? } of { title, body }: written in one or more of the four languages. */
      .addColumn('texts', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('organisation_announcements_org').on('organisation_announcements').columns(['organisation_id', 'created_at']).execute();

    await db.schema.alterTable('audit_events').addColumn('organisation_id', 'text').execute();
    // Its index, audit_events_organisation, is built online after the migrations (src/db/online-indexes.ts).
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_events_organisation').ifExists().execute();
    await db.schema.alterTable('audit_events').dropColumn('organisation_id').execute();
    for (const t of ['organisation_announcements', 'organisation_grants', 'organisation_members', 'organisation_join_links', 'organisation_staff_invitations', 'organisation_staff', 'organisations']) {
      await db.schema.dropTable(t).execute();
    }
  },
};
