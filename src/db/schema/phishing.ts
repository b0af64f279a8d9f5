/** People of a company, scoped company grants and phishing simulations (migration 010). */
import type { Generated } from 'kysely';

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
  send_state: string; // pending | claimed | sending (in its SMTP transaction) | sent | failed
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
