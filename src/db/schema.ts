/**
 * Kysely table types. Portable across SQLite and PostgreSQL: ids are text (UUID), times are ISO-8601 UTC
 * strings from Date#toISOString (same width, so they sort and compare as text), booleans are 0/1 integers.
 */
import type { ColumnType, Generated } from 'kysely';

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
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: string; // 'queued' | 'sent' | 'logged' | 'failed'
  created_at: string;
  sent_at: string | null;
  error: string | null;
  /** Extra mail headers as a JSON object, e.g. RFC 8058 List-Unsubscribe (migration 012); null for most mail. */
  headers: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface PeopleTable {
  id: string;
  company_id: string;
  email: string;
  display_name: string | null;
  language: string;
  group_name: string;
  pseudonym: string;
  created_at: string;
}

export interface CompanyGrantsTable {
  id: string;
  company_id: string;
  grantee_user_id: string;
  scope: string; // 'phishing'
  granted_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface PhishingCampaignsTable {
  id: string;
  company_id: string;
  name: string;
  template_id: string;
  domain: string;
  starts_at: string;
  window_start: string; // HH:MM Europe/Brussels
  window_end: string;
  weekdays_only: number;
  rate_per_minute: number;
  status: string; // scheduled | sending | sent | cancelled
  created_by: string;
  created_at: string;
  sent_at: string | null;
  purge_after: string;
  purged_at: string | null;
}

export interface PhishingRecipientsTable {
  id: string;
  campaign_id: string;
  person_id: string | null;
  group_name: string;
  language: string;
  token_hash: string;
  send_state: string; // pending | claimed | sent | failed
  claimed_by: string | null;
  claimed_at: string | null;
  message_id: string | null;
  sent_at: string | null;
  opened_at: string | null;
  clicked_at: string | null;
  submitted_at: string | null;
  reported_at: string | null;
}

export interface PhishingEventsTable {
  id: Generated<number>;
  campaign_id: string;
  recipient_id: string | null;
  kind: string; // delivered | opened | clicked | submitted | reported | scanner | lesson
  reason: string | null;
  created_at: string;
}

export interface CompanyReportSettingsTable {
  company_id: string;
  code: string;
  forward_consent: number;
  consent_by: string | null;
  consent_at: string | null;
  created_at: string;
}

export interface MailReportsTable {
  id: string;
  company_id: string;
  received_at: string;
  reporter_email: string;
  person_id: string | null;
  language: string;
  verdict: string; // likely_phishing | suspicious | likely_legitimate | simulation
  reasons: string; // JSON array of reason codes
  original: string; // attachment | inline | none
  sender_domain: string | null;
  subject: string | null;
  recipient_id: string | null;
  answered_at: string | null;
  forward_state: string; // none | pending | sent
  forwarded_at: string | null;
}

export interface MailReportOriginalsTable {
  report_id: string;
  raw: string; // base64
  created_at: string;
}

export interface TrainingLearnersTable {
  id: string;
  company_id: string;
  person_id: string;
  token_hash: string; // sha256 of the magic-link token
  unsubscribe_hash: string; // sha256 of the unsubscribe token
  invited_at: string;
  joined_at: string | null;
  revoked_at: string | null;
  unsubscribed_at: string | null;
}

export interface TrainingProgressTable {
  learner_id: string;
  lesson_id: string;
  started_at: string;
  completed_at: string | null;
  perfect: number;
}

export interface TrainingNudgesTable {
  learner_id: string;
  kind: string; // 'tip' | 'reminder'
  key: string; // month YYYY-MM for a tip, lesson id for a reminder
  created_at: string;
}

/** A published open-data release, stored whole with its noise (migration 016). */
export interface OpenDataReleasesTable {
  release: string;
  quarter: string;
  epsilon: string; // exact decimal text, e.g. '1' or '0.5'
  method: string;
  sensitivity: number;
  row_count: number;
  body: string; // the JSON document served at /api/v1/open-data/{release}.json
  created_at: string;
}

/** Federations and trusted partners (migration 017). */
export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string; // 'federation' | 'accountant' | 'bank' | 'insurer' | 'telecom' | 'it_provider'
  sectors: string; // JSON string[] of NACE sections/divisions
  verified_at: string | null;
  verified_by: string | null;
  created_by: string | null;
  created_at: string;
}

export interface OrganisationStaffTable {
  organisation_id: string;
  user_id: string;
  role: string; // 'org_owner' | 'org_admin' | 'org_viewer'
  created_at: string;
}

export interface OrganisationStaffInvitationsTable {
  id: string;
  organisation_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface OrganisationJoinLinksTable {
  id: string;
  organisation_id: string;
  token_hash: string;
  email: string | null;
  created_by: string | null;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  company_id: string;
  counts_in_figures: number;
  announcement_mail: number;
  joined_by: string | null;
  joined_at: string;
}

export interface OrganisationGrantsTable {
  organisation_id: string;
  company_id: string;
  scope: string; // 'assessment_answers'
  granted_by: string | null;
  granted_at: string;
}

export interface OrganisationAnnouncementsTable {
  id: string;
  organisation_id: string;
  texts: string; // JSON Partial<Record<Locale, { title, body }>>
  created_by: string | null;
  created_at: string;
}

/** One counted company, as of the last statistics refresh (015). Scores are those of its latest finished assessment. */
export interface StatsCompaniesTable {
  company_id: string;
  nace_section: string;
  nace_division: string;
  size_band: string;
  region: string;
  synthetic: number;
  joined_at: string; // the company's created_at
  first_assessed_at: string | null; // its first finished assessment
  assessment_id: string | null;
  assessed_at: string | null;
  score_overall: number | null;
  score_govern: number | null;
  score_identify: number | null;
  score_protect: number | null;
  score_detect: number | null;
  score_respond: number | null;
  score_recover: number | null;
}

export interface StatsCellsTable {
  quarter: string;
  measure: string;
  nace_section: string;
  size_band: string;
  region: string;
  value: number;
  contributors: number;
}

export interface StatsPeerGroupsTable {
  nace_section: string;
  size_band: string;
  companies: number;
  quartiles: string; // JSON PeerQuartiles
}

export interface StatsRefreshTable {
  id: number;
  refreshed_at: string | null;
  quarter: string | null;
  companies: number;
  next_run_at: string | null;
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
  stats_companies: StatsCompaniesTable;
  stats_cells: StatsCellsTable;
  stats_peer_groups: StatsPeerGroupsTable;
  stats_refresh: StatsRefreshTable;
}
