/**
 * Kysely table types. Portable across SQLite and PostgreSQL: ids are text (UUID), times are ISO-8601 UTC
 * strings from Date#toISOString (same width, so they sort and compare as text), booleans are 0/1 integers.
 * The tables of the later areas (phishing, report address, training, statistics, organisations) live in schema/ by
 * area and are re-exported here, so repositories keep importing from this one file.
 */
import type { ColumnType, Generated } from 'kysely';
import type { PeopleTable, CompanyGrantsTable, PhishingCampaignsTable, PhishingRecipientsTable, PhishingEventsTable } from './schema/phishing.ts';
import type { CompanyReportSettingsTable, MailReportsTable, MailReportOriginalsTable } from './schema/mail-reports.ts';
import type { TrainingLearnersTable, TrainingProgressTable, TrainingNudgesTable } from './schema/training.ts';
import type { StatsCompaniesTable, StatsCellsTable, StatsPeerGroupsTable, StatsRefreshTable, OpenDataReleasesTable } from './schema/statistics.ts';
import type { SectorPacksTable, AssessmentPackAnswersTable, SectorPackFiguresTable } from './schema/sector-packs.ts';
import type { StatsOrgCellsTable, StatsOrgScoresTable, StatsOrgRefreshTable, StatsOrgContributionsTable, StatsOrgPublishedTable } from './schema/org-figures.ts';
import type { StatsDashboardCellsTable } from './schema/stats-dashboard.ts';
import type { ArticleSearchTable, ArticleSearchStateTable } from './schema/article-search.ts';
import type { OrganisationsTable, OrganisationStaffTable, OrganisationStaffInvitationsTable, OrganisationJoinLinksTable, OrganisationMembersTable, OrganisationGrantsTable, OrganisationAnnouncementsTable } from './schema/organisations.ts';
import type { ProviderProfilesTable, ProviderCertificationsTable, ProviderSharesTable, ProviderItemUpdatesTable, ProviderTrackProgressTable, CompanySoftwareTable, TestimoniesTable } from './schema/providers.ts';
import type { OrganisationOffersTable, OrganisationOfferResponsesTable, OrganisationOfferCampaignsTable } from './schema/offers.ts';

export * from './schema/phishing.ts';
export * from './schema/mail-reports.ts';
export * from './schema/training.ts';
export * from './schema/statistics.ts';
export * from './schema/stats-dashboard.ts';
export * from './schema/organisations.ts';
export * from './schema/org-figures.ts';
export * from './schema/offers.ts';
export * from './schema/sector-packs.ts';
export * from './schema/effectiveness.ts';
export * from './schema/providers.ts';
import type { StatsEffectivenessTable } from './schema/effectiveness.ts';

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  locale: string;
  email_verified_at: string | null;
  totp_secret: string | null; // encrypted with the app key, see adapters/crypto.ts
  totp_enabled_at: string | null;
  /** RFC 6238 time step of the last accepted TOTP code: a code is accepted once (migration 008). */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  is_admin: number;
  created_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  stage: string; // 'mfa' while waiting for the second factor, 'full' afterwards
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  revoked_at: string | null;
}

export interface EmailTokensTable {
  token_hash: string;
  user_id: string;
  purpose: string; // 'verify_email' | 'reset_password'
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface CompaniesTable {
  id: string;
  name: string;
  enterprise_number: string | null;
  nace_code: string | null;
  employees: number | null;
  region: string | null;
  language: string;
  website: number;
  webshop: number;
  email_provider: string;
  card_payments: number;
  nis2_status: string; // essential | important | none | unknown (006)
  personal_data: string;
  remote_work: number;
  it_provider: number;
  require_mfa: number;
  created_at: string;
  updated_at: string;
  /** Made by `schild seed-synthetic`; never in production (015). */
  synthetic: ColumnType<number, number | undefined, number>;
  /** Counted in anonymous statistics: asked at joining, on by default (issue 11; 015). */
  stats_consent: ColumnType<number, number | undefined, number>;
  stats_consent_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MembershipsTable {
  company_id: string;
  user_id: string;
  role: string; // 'owner' | 'admin' | 'member'
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  company_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  company_id: string | null;
  user_id: string | null;
  actor_id: string | null;
  type: string;
  ip: string | null;
  detail: string; // JSON
  created_at: string;
  /** Set when the event concerns an organisation, so it shows in that organisation's log too (migration 017). */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string; // space separated
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: string; // JSON
  status: string; // 'queued' | 'running' | 'done' | 'failed'
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
  /** Migration 027: at most one waiting job per key (the next run of a schedule or chain); null for most jobs. */
  singleton_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: string; // 'queued' | 'sending' | 'sent' | 'logged' | 'failed' | 'unknown' (sending when a worker died)
  created_at: string;
  sent_at: string | null;
  error: string | null;
  /** Extra mail headers as a JSON object, e.g. RFC 8058 List-Unsubscribe (migration 012); null for most mail. */
  headers: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 029: changes whenever anything a user's account page shows changes (kept by triggers, decision 0012). */
export interface UserVersionsTable {
  user_id: string;
  version: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface AssessmentsTable {
  id: string;
  company_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  algorithm_version: string | null;
  profile: string | null; // JSON AssessmentProfile at completion
  result: string | null; // JSON AssessmentResult at completion (kept for history)
}

export interface AssessmentAnswersTable {
  assessment_id: string;
  control_id: string;
  answer: string;
  note: string | null;
  updated_by: string;
  updated_at: string;
}

/** A plan action marked done: the control is answered "yes" and this keeps its answer before, for undo. */
export interface AssessmentDoneActionsTable {
  assessment_id: string;
  control_id: string;
  previous_answer: string; // 'no' | 'partly'
  done_by: string;
  done_at: string;
}

export interface QuickScanDraftsTable {
  token_hash: string;
  profile: string;
  answers: string;
  lang: string;
  created_at: string;
  expires_at: string;
  claimed_at: string | null;
}

export interface IncidentsTable {
  id: string;
  company_id: string | null;
  created_by: string | null;
  follow_token_hash: string | null;
  lang: string;
  category: string;
  facts: string; // JSON Facts
  triage: string; // JSON Triage at creation (the rules' answer, kept even if rules change)
  severity: string;
  status: string; // suspected | confirmed | closed | false_positive
  details: string; // JSON IncidentDetails (free text: stays private unless the story consent is given)
  aware_at: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  lessons: string | null;
  stats_consent: number;
  story_consent: number;
  story: string | null;
  follow_token_expires_at: string | null; // anonymous reports: the follow-up link works until then (006)
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: string;
  kind: string;
  ref: string | null;
  text: string | null;
  created_by: string | null;
  created_at: string;
}

export interface IncidentTicksTable {
  incident_id: string;
  kind: string;
  item_id: string;
  done_at: string;
  reference: string | null;
}

export interface ScansTable {
  id: string;
  domain: string;
  company_id: string | null;
  requested_by: string | null;
  status: string; // queued | running | done | failed
  progress: number; // 0..100
  step: string | null;
  algorithm_version: string | null;
  grade: string | null;
  result: string | null; // JSON ScanAnalysis + timing
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  fingerprint: string | null; // JSON of the records monitoring compares (SPF, DMARC, MX, NS, certificate expiry, lookalikes)
}

export interface CompanyDomainsTable {
  id: string;
  company_id: string;
  domain: string;
  verify_token: string;
  verified_at: string | null;
  verify_method: string | null;
  created_at: string;
  last_scan_id: string | null;
  fingerprint: string | null;
}

export interface Database {
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  companies: CompaniesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  audit_events: AuditEventsTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  outbox: OutboxTable;
  rate_limits: RateLimitsTable;
  user_versions: UserVersionsTable;
  assessments: AssessmentsTable;
  assessment_answers: AssessmentAnswersTable;
  assessment_done_actions: AssessmentDoneActionsTable;
  quick_scan_drafts: QuickScanDraftsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  incident_ticks: IncidentTicksTable;
  scans: ScansTable;
  company_domains: CompanyDomainsTable;
  people: PeopleTable;
  company_grants: CompanyGrantsTable;
  phishing_campaigns: PhishingCampaignsTable;
  phishing_recipients: PhishingRecipientsTable;
  phishing_events: PhishingEventsTable;
  company_report_settings: CompanyReportSettingsTable;
  mail_reports: MailReportsTable;
  mail_report_originals: MailReportOriginalsTable;
  training_learners: TrainingLearnersTable;
  training_progress: TrainingProgressTable;
  training_nudges: TrainingNudgesTable;
  open_data_releases: OpenDataReleasesTable;
  organisations: OrganisationsTable;
  organisation_staff: OrganisationStaffTable;
  organisation_staff_invitations: OrganisationStaffInvitationsTable;
  organisation_join_links: OrganisationJoinLinksTable;
  organisation_members: OrganisationMembersTable;
  organisation_grants: OrganisationGrantsTable;
  organisation_announcements: OrganisationAnnouncementsTable;
  organisation_offers: OrganisationOffersTable;
  organisation_offer_responses: OrganisationOfferResponsesTable;
  organisation_offer_campaigns: OrganisationOfferCampaignsTable;
  provider_profiles: ProviderProfilesTable;
  provider_certifications: ProviderCertificationsTable;
  provider_shares: ProviderSharesTable;
  provider_item_updates: ProviderItemUpdatesTable;
  provider_track_progress: ProviderTrackProgressTable;
  company_software: CompanySoftwareTable;
  testimonies: TestimoniesTable;
  sector_packs: SectorPacksTable;
  assessment_pack_answers: AssessmentPackAnswersTable;
  sector_pack_figures: SectorPackFiguresTable;
  stats_companies: StatsCompaniesTable;
  stats_cells: StatsCellsTable;
  stats_peer_groups: StatsPeerGroupsTable;
  stats_refresh: StatsRefreshTable;
  stats_org_cells: StatsOrgCellsTable;
  stats_org_scores: StatsOrgScoresTable;
  stats_org_refresh: StatsOrgRefreshTable;
  stats_effectiveness: StatsEffectivenessTable;
  stats_org_contributions: StatsOrgContributionsTable;
  stats_org_published: StatsOrgPublishedTable;
  stats_dashboard_cells: StatsDashboardCellsTable;
  article_search: ArticleSearchTable;
  article_search_state: ArticleSearchStateTable;
}
