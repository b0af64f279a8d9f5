/** The report address: settings, reported mails and originals waiting for Safeonweb (migration 011). */

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
