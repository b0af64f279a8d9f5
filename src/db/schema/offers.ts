/** Campaign offers of organisations to their members (migration 019). */

export interface OrganisationOffersTable {
  id: string;
  organisation_id: string;
  kind: string; // 'training_challenge' | 'phishing_test'
  texts: string; // JSON Partial<Record<Locale, { title, body }>>
  lessons: string; // JSON string[]
  template_id: string | null;
  starts_on: string; // YYYY-MM-DD
  ends_on: string; // YYYY-MM-DD
  created_by: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

export interface OrganisationOfferResponsesTable {
  offer_id: string;
  company_id: string;
  answer: string; // 'accepted' | 'declined'
  answered_by: string | null;
  answered_at: string;
}

export interface OrganisationOfferCampaignsTable {
  campaign_id: string;
  offer_id: string;
  company_id: string;
  created_at: string;
}
