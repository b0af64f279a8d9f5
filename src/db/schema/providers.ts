/** IT providers, shared plans and the provider training track (migration 025); software and testimonies (026). */

export interface ProviderProfilesTable {
  organisation_id: string;
  description: string; // JSON Partial<Record<Locale, string>>
  services: string; // JSON string[]
  sectors: string; // JSON string[] of NACE sections
  regions: string; // JSON ('brussels' | 'flanders' | 'wallonia')[]
  languages: string; // JSON Locale[]
  website: string | null;
  email: string | null;
  phone: string | null;
  listed_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface ProviderCertificationsTable {
  id: string;
  organisation_id: string;
  kind: string; // cyfun_basic | cyfun_important | cyfun_essential | iso27001 | keep_it_secure | kmo_portefeuille | cyber_essentials | other
  label: string | null;
  reference: string;
  issuer: string;
  evidence_url: string;
  valid_until: string; // YYYY-MM-DD
  status: string; // pending | verified | rejected | withdrawn
  declared_by: string | null;
  declared_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface ProviderSharesTable {
  id: string;
  company_id: string;
  organisation_id: string;
  scopes: string; // JSON ('plan' | 'provider_checklist' | 'scan_report')[]
  granted_by: string | null;
  granted_at: string;
  expires_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

export interface ProviderItemUpdatesTable {
  id: string;
  share_id: string;
  company_id: string;
  organisation_id: string;
  assessment_id: string;
  control_id: string;
  note: string;
  marked_by: string | null;
  marked_at: string;
  status: string; // pending | confirmed | declined | withdrawn
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface ProviderTrackProgressTable {
  organisation_id: string;
  user_id: string;
  lesson_id: string;
  score: number;
  passed_at: string;
}

export interface CompanySoftwareTable {
  company_id: string;
  product_id: string;
  settings: string; // JSON Record<factId, 'yes' | 'no' | 'unknown'>
  added_by: string | null;
  added_at: string;
  updated_at: string;
}

export interface TestimoniesTable {
  id: string;
  company_id: string;
  incident_id: string;
  threats: string; // JSON string[]
  lang: string;
  story: string;
  lesson: string;
  sector_section: string | null;
  size_band: string | null;
  published_story: string | null;
  published_lesson: string | null;
  status: string; // pending | published | rejected | withdrawn
  consent_by: string | null;
  consent_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  withdrawn_at: string | null;
}
