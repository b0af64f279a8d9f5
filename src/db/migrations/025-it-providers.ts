/**
 * IT providers (issue 12): a provider organisation's public profile, the certifications it declares with evidence
 * (verified one by one by a platform administrator), the plans companies share with it (a grant with an expiry that
 * the company can revoke at once), the plan items the provider marks done (the company confirms or declines), and
 * the provider training track. Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, JSON as text.
 */
import type { Kysely, Migration } from 'kysely';

export const m025_it_providers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('provider_profiles')
      .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
      /** JSON { nl?, fr?, de?, en? }: what the provider says about itself, plain text. */
      .addColumn('description', 'text', (c) => c.notNull())
      /** JSON string[] of service ids (core/providers). */
      .addColumn('services', 'text', (c) => c.notNull())
      /** JSON string[] of NACE sections the provider knows well. */
      .addColumn('sectors', 'text', (c) => c.notNull())
      /** JSON string[] of 'brussels' | 'flanders' | 'wallonia'. */
      .addColumn('regions', 'text', (c) => c.notNull())
      /** JSON string[] of locales the provider serves customers in. */
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('website', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      /** Shown in the directory only once set (the provider chooses to be listed). */
      .addColumn('listed_at', 'text')
      .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('provider_certifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      /** cyfun_basic | cyfun_important | cyfun_essential | iso27001 | keep_it_secure | kmo_portefeuille | cyber_essentials | other */
      .addColumn('kind', 'text', (c) => c.notNull())
      /** Free name for kind 'other'; null otherwise. */
      .addColumn('label', 'text')
      /** Certificate or registration number, and the body that issued it. */
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      /** https link where the claim can be checked (a public register, the certificate, the label's QR page). */
      .addColumn('evidence_url', 'text', (c) => c.notNull())
      /** YYYY-MM-DD; the claim stops counting as verified after it. */
      .addColumn('valid_until', 'text', (c) => c.notNull())
      /** pending | verified | rejected | withdrawn */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('declared_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('declared_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('reviewed_at', 'text')
      .addColumn('review_note', 'text')
      .execute();
    await db.schema.createIndex('provider_certifications_org').on('provider_certifications').columns(['organisation_id', 'status']).execute();

    await db.schema
      .createTable('provider_shares')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      /** JSON string[]: what is shared, from 'plan' | 'provider_checklist' | 'scan_report'. */
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('granted_at', 'text', (c) => c.notNull())
      /** ISO time; the share stops working at that moment without any job having to run. */
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('provider_shares_company').on('provider_shares').columns(['company_id', 'revoked_at']).execute();
    await db.schema.createIndex('provider_shares_org').on('provider_shares').columns(['organisation_id', 'revoked_at']).execute();

    await db.schema
      .createTable('provider_item_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('share_id', 'text', (c) => c.notNull().references('provider_shares.id').onDelete('cascade'))
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('control_id', 'text', (c) => c.notNull())
      /** What the provider did, in its own words (plain text, shown to the company). */
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('marked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('marked_at', 'text', (c) => c.notNull())
      /** pending | confirmed | declined | withdrawn */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .execute();
    await db.schema.createIndex('provider_item_updates_company').on('provider_item_updates').columns(['company_id', 'status']).execute();
    await db.schema.createIndex('provider_item_updates_share').on('provider_item_updates').column('share_id').execute();

    /** Provider training track: one row per staff member and lesson passed (quiz score at or above the pass mark). */
    await db.schema
      .createTable('provider_track_progress')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('lesson_id', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('passed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('provider_track_progress_pk', ['organisation_id', 'user_id', 'lesson_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['provider_track_progress', 'provider_item_updates', 'provider_shares', 'provider_certifications', 'provider_profiles']) await db.schema.dropTable(t).execute();
  },
};
