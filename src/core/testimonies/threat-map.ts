/**
 * Which threats of the risk catalogue (content/assessment/threats.json) an incident category (content/incidents)
 * is about: the threats a testimony form ticks first. The owner can change the choice; this is only the starting
 * point, so a story shows beside the articles on the same threat (issue 12, docs/testimonies.md).
 */
import type { Category } from '../incidents/triage.ts';

export const CATEGORY_THREATS: Readonly<Record<Category, readonly string[]>> = {
  // A click or a code typed on a fake page is how accounts are taken over.
  phishing_click: ['phishing_account_takeover'],
  credential_theft: ['phishing_account_takeover'],
  account_takeover: ['phishing_account_takeover'],
  // A fake helpdesk gets in by talking someone into it, as phishing does by mail.
  helpdesk_scam: ['phishing_account_takeover'],
  // A suspicious mail nobody clicked is still a phishing story worth telling.
  suspicious_email: ['phishing_account_takeover'],
  ransomware: ['ransomware'],
  // The catalogue's one threat of malicious software is ransomware ("malicious software locks or encrypts").
  malware: ['ransomware'],
  // Money demanded under threat of leaking data or taking the site down: ransomware's extortion, and a data breach.
  extortion: ['ransomware', 'data_breach'],
  // The catalogue groups CEO fraud with invoice fraud ("poses as a supplier, a client or your own boss").
  invoice_fraud: ['invoice_fraud'],
  ceo_fraud: ['invoice_fraud'],
  data_leak: ['data_breach'],
  lost_device: ['device_loss'],
  ddos: ['service_outage'],
  website_compromise: ['website_compromise'],
  // Nothing to start from: the owner picks.
  other: [],
};

/** The threats to tick first for an incident of this category, kept to those the catalogue has. */
export function threatsForCategory(category: Category, known: readonly string[]): string[] {
  return CATEGORY_THREATS[category].filter((t) => known.includes(t));
}
