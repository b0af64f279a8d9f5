/**
 * The report address (`schild mail-in`): one secret, stable code per company (its address is
 * `<code>@<MAIL_IN_DOMAIN>`), the owner's consent to pass real phishing on to Safeonweb, and one row per mail an
 * employee forwarded. Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, 0/1 integers.
 *
 * Data minimisation (GDPR Art. 5(1)(c), docs/mail-in.md): a report keeps who forwarded it (to answer), when, the
 * verdict, its reasons, the sender's domain and the subject — never the body. The original message is kept only
 * when the company consented to forwarding and only until it was passed on (mail_report_originals).
 */
import type { Kysely, Migration } from 'kysely';

export const m011_mail_reports: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('company_report_settings')
      .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('forward_consent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('consent_by', 'text')
      .addColumn('consent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('mail_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      /** The employee's address, only to answer them. */
      .addColumn('reporter_email', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
      /** The language of the answer (the person's, else the company's). */
      .addColumn('language', 'text', (c) => c.notNull())
      /** likely_phishing | suspicious | likely_legitimate | simulation */
      .addColumn('verdict', 'text', (c) => c.notNull())
      /** JSON array of reason codes (see src/core/mail-report/verdict.ts). */
      .addColumn('reasons', 'text', (c) => c.notNull())
      /** attachment | inline | none: how much of the original survived the forwarding. */
      .addColumn('original', 'text', (c) => c.notNull())
      .addColumn('sender_domain', 'text')
      .addColumn('subject', 'text')
      .addColumn('recipient_id', 'text', (c) => c.references('phishing_recipients.id').onDelete('set null'))
      .addColumn('answered_at', 'text')
      /** none | pending | sent */
      .addColumn('forward_state', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('forwarded_at', 'text')
      .execute();
    await db.schema.createIndex('mail_reports_company').on('mail_reports').columns(['company_id', 'received_at']).execute();

    await db.schema
      .createTable('mail_report_originals')
      .addColumn('report_id', 'text', (c) => c.primaryKey().references('mail_reports.id').onDelete('cascade'))
      /** The original message, base64, deleted once forwarded. */
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['mail_report_originals', 'mail_reports', 'company_report_settings']) await db.schema.dropTable(t).execute();
  },
};
