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
