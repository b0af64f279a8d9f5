/**
 * Migrations, written with Kysely's schema builder so each one is valid on SQLite and PostgreSQL.
 * Never edit a released migration; add a new one. The one edit allowed: an index a migration added to a table that
 * already held data moves to online-indexes.ts, which builds it after the migrations without blocking writes (decision
 * 0014); the schema it leaves is the same.
 */
import { Migrator, sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './connection.ts';
import { buildOnlineIndexes } from './online-indexes.ts';
import { m006_incident_duties } from './migrations/006-incident-duties.ts';
import { m008_totpLastStep } from './migrations/008-totp-last-step.ts';
import { m009_assessment_done_actions } from './migrations/009-assessment-done-actions.ts';
import { m010_people_and_phishing } from './migrations/010-people-and-phishing.ts';
import { m011_mail_reports } from './migrations/011-mail-reports.ts';
import { m012_training } from './migrations/012-training.ts';
import { m016_open_data_releases } from './migrations/016-open-data-releases.ts';
import { m017_organisations } from './migrations/017-organisations.ts';
import { m015_statistics } from './migrations/015-statistics.ts';
import { m022_org_figures } from './migrations/022-org-figures.ts';
import { m019_organisation_offers } from './migrations/019-organisation-offers.ts';
import { m018_sector_packs } from './migrations/018-sector-packs.ts';
import { m021_stats_effectiveness } from './migrations/021-stats-effectiveness.ts';
import { m024_org_figures_snapshots } from './migrations/024-org-figures-snapshots.ts';
import { m020_stats_dashboard } from './migrations/020-stats-dashboard.ts';
import { m023_article_search } from './migrations/023-article-search.ts';
import { m025_it_providers } from './migrations/025-it-providers.ts';
import { m026_software_testimonies } from './migrations/026-software-testimonies.ts';
import { m027_queue_at_scale } from './migrations/027-queue-at-scale.ts';
import { m028_invitations_by_email } from './migrations/028-invitations-by-email.ts';
import { m029_user_view_versions } from './migrations/029-user-view-versions.ts';

/** An auto-numbered primary key: INTEGER PRIMARY KEY on SQLite (the rowid), an identity column on PostgreSQL. */
type Serial = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
const serialFor = (dialect: Dialect): Serial => (c) =>
  dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity();

const m001_foundation = (serial: Serial): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('email_verified_at', 'text')
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled_at', 'text')
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('email_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('companies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enterprise_number', 'text')
      .addColumn('nace_code', 'text')
      .addColumn('employees', 'integer')
      .addColumn('region', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('website', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('webshop', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('email_provider', 'text', (c) => c.notNull())
      .addColumn('card_payments', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('personal_data', 'text', (c) => c.notNull())
      .addColumn('remote_work', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('it_provider', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('require_mfa', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('memberships')
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['company_id', 'user_id'])
      .execute();
    await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'integer', serial)
      .addColumn('company_id', 'text')
      .addColumn('user_id', 'text')
      .addColumn('actor_id', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_company').on('audit_events').columns(['company_id', 'created_at']).execute();
    await db.schema.createIndex('audit_user').on('audit_events').columns(['user_id', 'created_at']).execute();
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'integer', serial)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('locked_at', 'text')
      .addColumn('locked_by', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_ready').on('jobs').columns(['status', 'run_at']).execute();
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('error', 'text')
      .execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();
  },
});

const m002_assessments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('algorithm_version', 'text')
      .addColumn('profile', 'text')
      .addColumn('result', 'text')
      .execute();
    await db.schema.createIndex('assessments_company').on('assessments').columns(['company_id', 'created_at']).execute();
    await db.schema
      .createTable('assessment_answers')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('control_id', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_answers_pk', ['assessment_id', 'control_id'])
      .execute();
    await db.schema
      .createTable('quick_scan_drafts')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'text')
      .execute();
  },
};

const m003_incidents = (serial: Serial): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('cascade'))
      .addColumn('created_by', 'text')
      .addColumn('follow_token_hash', 'text', (c) => c.unique())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('triage', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('aware_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('lessons', 'text')
      .addColumn('stats_consent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('story_consent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('story', 'text')
      .execute();
    await db.schema.createIndex('incidents_company').on('incidents').columns(['company_id', 'created_at']).execute();
    await db.schema
      .createTable('incident_events')
      .addColumn('id', 'integer', serial)
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text')
      .addColumn('text', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'id']).execute();
    await db.schema
      .createTable('incident_ticks')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull()) // 'obligation' | 'first_aid'
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addPrimaryKeyConstraint('incident_ticks_pk', ['incident_id', 'kind', 'item_id'])
      .execute();
  },
});

const m004_scans: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('scans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('cascade'))
      .addColumn('requested_by', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('step', 'text')
      .addColumn('algorithm_version', 'text')
      .addColumn('grade', 'text')
      .addColumn('result', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('scans_domain').on('scans').columns(['domain', 'created_at']).execute();
  },
};

const m005_company_domains: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('company_domains')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('verify_token', 'text', (c) => c.notNull())
      .addColumn('verified_at', 'text')
      .addColumn('verify_method', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_scan_id', 'text')
      .addColumn('fingerprint', 'text')
      .addUniqueConstraint('company_domains_unique', ['company_id', 'domain'])
      .execute();
    await db.schema.alterTable('scans').addColumn('fingerprint', 'text').execute();
  },
};

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const serial = serialFor(dialect);
  return {
    '001_foundation': m001_foundation(serial),
    '002_assessments': m002_assessments,
    '003_incidents': m003_incidents(serial),
    '004_scans': m004_scans,
    '005_company_domains': m005_company_domains,
    '006_incident_duties': m006_incident_duties,
    '008_totp_last_step': m008_totpLastStep,
    '009_assessment_done_actions': m009_assessment_done_actions,
    '010_people_and_phishing': m010_people_and_phishing(serial),
    '011_mail_reports': m011_mail_reports,
    '012_training': m012_training,
    '015_statistics': m015_statistics,
    '016_open_data_releases': m016_open_data_releases,
    '017_organisations': m017_organisations,
    '022_org_figures': m022_org_figures,
    '019_organisation_offers': m019_organisation_offers,
    '018_sector_packs': m018_sector_packs,
    '021_stats_effectiveness': m021_stats_effectiveness,
    '024_org_figures_snapshots': m024_org_figures_snapshots,
    '020_stats_dashboard': m020_stats_dashboard,
    '023_article_search': m023_article_search(dialect),
    '025_it_providers': m025_it_providers,
    '026_software_testimonies': m026_software_testimonies,
    '027_queue_at_scale': m027_queue_at_scale,
    '028_invitations_by_email': m028_invitations_by_email,
    '029_user_view_versions': m029_user_view_versions(dialect),
  };
}

/** The migrations this database has run (Kysely's table), or none when it has not been migrated yet. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migration table is Kysely's, not in our schema
async function executedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Applies the migrations, then builds the online indexes (reported through `onIndexesBuilt`); returns the migrations
 * applied.
 *
 * A database a newer release has already migrated is left as it is (`onAhead` gets the migrations this release does
 * not know): its migrations only expand the schema (src/db/migrations-expand-only.test.ts), so this release still
 * runs on it. That is the rolling update of docs/operations.md: a process of the old release that restarts after the
 * new one migrated, or a release rolled back, must start. Kysely's Migrator refuses such a database outright
 * ("corrupted migrations: previously executed migration … is missing"), which stopped every such process until
 * 2026-12-07. A database that is ahead AND lacks some of this release's migrations (two branches that each added one)
 * cannot be sorted out here and stops with a message.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, not as it is now
  db: Kysely<any>,
  dialect: Dialect,
  onIndexesBuilt?: (names: string[]) => void,
  onAhead?: (unknownMigrations: string[]) => void,
): Promise<string[]> {
  const known = migrationsFor(dialect);
  const executed = await executedMigrations(db);
  const unknown = executed.filter((name) => !(name in known));
  if (unknown.length > 0) {
    const missing = Object.keys(known).filter((name) => !executed.includes(name));
    if (missing.length > 0) {
      throw new Error(
        `The database was migrated by a release that has migrations this one does not know (${unknown.join(', ')}), and lacks migrations this release needs (${missing.join(', ')}). Run \`schild migrate\` with the newest release.`,
      );
    }
    onAhead?.(unknown);
    return [];
  }
  const provider: MigrationProvider = { getMigrations: async () => known };
  // Engineers add migrations in parallel branches with numbers reserved in advance, so a database may already have a
  // higher number when a lower one arrives; each migration stands alone, so running it late is safe.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  // Indexes on tables that hold data, outside any transaction so that writes go on (online-indexes.ts).
  const built = await buildOnlineIndexes(db, dialect);
  if (built.length > 0) onIndexesBuilt?.(built);
  return applied;
}
