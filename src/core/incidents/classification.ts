/**
 * Classification of an incident for statistics and for sharing with a CERT: RSIT v1.3 class/type pairs and the
 * VERIS action with its variety. Pure. The names are the machine-readable ones of each taxonomy, so they export
 * as MISP machine tags (`rsit:fraud="phishing"`, `veris:action:social:variety="Phishing"`).
 */
import type { Category, Facts } from './triage.ts';

export interface RsitPair {
  class: string;
  type: string;
}

/** RSIT v1.3 pairs per category when nothing else is known (ENISA Reference Security Incident Taxonomy, machinev1). */
export const RSIT: Record<Category, RsitPair[]> = {
  phishing_click: [{ class: 'fraud', type: 'phishing' }],
  credential_theft: [
    { class: 'fraud', type: 'phishing' },
    { class: 'intrusions', type: 'unprivileged-account-compromise' },
  ],
  ransomware: [
    { class: 'malicious-code', type: 'infected-system' },
    { class: 'information-content-security', type: 'unauthorised-information-modification' },
  ],
  invoice_fraud: [{ class: 'fraud', type: 'masquerade' }],
  ceo_fraud: [{ class: 'fraud', type: 'masquerade' }],
  account_takeover: [{ class: 'intrusions', type: 'unprivileged-account-compromise' }],
  malware: [{ class: 'malicious-code', type: 'infected-system' }],
  data_leak: [{ class: 'information-content-security', type: 'data-leak' }],
  lost_device: [{ class: 'information-content-security', type: 'data-loss' }],
  ddos: [{ class: 'availability', type: 'ddos' }],
  website_compromise: [{ class: 'intrusions', type: 'application-compromise' }],
  helpdesk_scam: [
    { class: 'information-gathering', type: 'social-engineering' },
    { class: 'fraud', type: 'masquerade' },
  ],
  // RSIT puts a threat to publish stolen data under information-content-security: the harm is the access to the
  // data, not abusive speech (RSIT v1.3: "harmful-speech" is bullying, harassment, discrimination).
  extortion: [{ class: 'information-content-security', type: 'unauthorised-information-access' }],
  suspicious_email: [{ class: 'fraud', type: 'phishing' }],
  other: [{ class: 'other', type: 'undetermined' }],
};

/** RSIT pairs for the facts: a takeover of the owner's or an administrator's account is a privileged one (RSIT v1.3). */
export function rsitFor(f: Pick<Facts, 'category' | 'privilegedAccount'>): RsitPair[] {
  return RSIT[f.category].map((p) =>
    p.type === 'unprivileged-account-compromise' && f.privilegedAccount ? { class: 'intrusions', type: 'privileged-account-compromise' } : p,
  );
}

export type VerisAction = 'hacking' | 'malware' | 'social' | 'misuse' | 'error' | 'physical' | 'environmental' | 'unknown';
export interface VerisClassification {
  action: VerisAction;
  /** The VERIS 1.3/1.4 enumeration value of action.<action>.variety; null when VERIS has none (action Unknown). */
  variety: string | null;
}

const VERIS: Record<Category, VerisClassification> = {
  phishing_click: { action: 'social', variety: 'Phishing' },
  credential_theft: { action: 'social', variety: 'Phishing' },
  ransomware: { action: 'malware', variety: 'Ransomware' },
  invoice_fraud: { action: 'social', variety: 'Pretexting' },
  ceo_fraud: { action: 'social', variety: 'Pretexting' },
  account_takeover: { action: 'hacking', variety: 'Use of stolen creds' },
  malware: { action: 'malware', variety: 'Unknown' },
  data_leak: { action: 'error', variety: 'Unknown' },
  // VERIS: a lost device is an Error of variety "Loss"; a stolen one is Physical "Theft" (see verisFor).
  lost_device: { action: 'error', variety: 'Loss' },
  ddos: { action: 'hacking', variety: 'DoS' },
  website_compromise: { action: 'hacking', variety: 'Unknown' },
  helpdesk_scam: { action: 'social', variety: 'Scam' },
  extortion: { action: 'social', variety: 'Extortion' },
  suspicious_email: { action: 'social', variety: 'Phishing' },
  other: { action: 'unknown', variety: null },
};

export function verisFor(f: Pick<Facts, 'category' | 'deviceStolen'>): VerisClassification {
  if (f.category === 'lost_device' && f.deviceStolen) return { action: 'physical', variety: 'Theft' };
  return VERIS[f.category];
}
