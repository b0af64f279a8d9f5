/**
 * Campaign offers of an organisation to its member companies (issue 11: a federation "sends campaigns (a training
 * challenge, a phishing test offer) to its members"): the offer, each member company's answer, and the phishing
 * campaigns a company ran from an offer, so the organisation's aggregated outcome can be counted.
 * Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times and dates, JSON as text.
 */
import type { Kysely, Migration } from 'kysely';

export const m019_organisation_offers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organisation_offers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      /** training_challenge | phishing_test */
      .addColumn('kind', 'text', (c) => c.notNull())
      /** JSON { nl?, fr?, de?, en? } of { title, body }, as announcements. */
      .addColumn('texts', 'text', (c) => c.notNull())
      /** JSON array of lesson ids (training challenge); [] for a phishing test. */
      .addColumn('lessons', 'text', (c) => c.notNull())
      /** The phishing template offered (phishing test); null for a training challenge. */
      .addColumn('template_id', 'text')
      /** YYYY-MM-DD, Brussels dates, both inclusive. */
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('withdrawn_at', 'text')
      .execute();
    await db.schema.createIndex('organisation_offers_org').on('organisation_offers').columns(['organisation_id', 'created_at']).execute();

    await db.schema
      .createTable('organisation_offer_responses')
      .addColumn('offer_id', 'text', (c) => c.notNull().references('organisation_offers.id').onDelete('cascade'))
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      /** accepted | declined */
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('organisation_offer_responses_pk', ['offer_id', 'company_id'])
      .execute();
    await db.schema.createIndex('organisation_offer_responses_company').on('organisation_offer_responses').column('company_id').execute();

    /** A phishing campaign planned from an offer; one campaign serves at most one offer. */
    await db.schema
      .createTable('organisation_offer_campaigns')
      .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('phishing_campaigns.id').onDelete('cascade'))
      .addColumn('offer_id', 'text', (c) => c.notNull().references('organisation_offers.id').onDelete('cascade'))
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('organisation_offer_campaigns_offer').on('organisation_offer_campaigns').column('offer_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['organisation_offer_campaigns', 'organisation_offer_responses', 'organisation_offers']) await db.schema.dropTable(t).execute();
  },
};
