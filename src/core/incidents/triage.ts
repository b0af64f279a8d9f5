/**
 * Incident triage: from a few plain facts to the RSIT classification, a severity, first-aid steps, every duty
 * with its deadline, and the contacts to use. Pure rules; each rule's source is listed in docs/incidents.md.
 */
import { z } from 'zod';
import { addHours, addMonthsBrussels } from './time.ts';

export const CATEGORIES = [
  'phishing_click',
  'credential_theft',
  'ransomware',
  'invoice_fraud',
  'ceo_fraud',
  'account_takeover',
  'malware',
  'data_leak',
  'lost_device',
  'ddos',
  'website_compromise',
  'helpdesk_scam',
  'extortion',
  'suspicious_email',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const FactsSchema = z
  .object({
    category: z.enum(CATEGORIES),
    awareAt: z.iso.datetime({ offset: true }),
    ongoing: z.boolean(),
    personalData: z.enum(['yes', 'no', 'unknown']),
    specialCategoryData: z.boolean(),
    dataEncrypted: z.boolean(),
    gdprRole: z.enum(['controller', 'processor']),
    nis2: z.enum(['essential', 'important', 'out_of_scope', 'unknown']),
    moneyLost: z.boolean(),
    cardDataExposed: z.boolean(),
    extortion: z.boolean(),
    insured: z.boolean(),
  })
  .strict();
export type Facts = z.infer<typeof FactsSchema>;

/** RSIT v1.3 class/type pairs per category (machine-readable names of the taxonomy). */
export const RSIT: Record<Category, { class: string; type: string }[]> = {
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
  extortion: [{ class: 'abusive-content', type: 'harmful-speech' }],
  suspicious_email: [{ class: 'fraud', type: 'phishing' }],
  other: [{ class: 'other', type: 'undetermined' }],
};

/** VERIS action per category, for statistics comparable with VCDB. */
export const VERIS_ACTION: Record<Category, string> = {
  phishing_click: 'social',
  credential_theft: 'social',
  ransomware: 'malware',
  invoice_fraud: 'social',
  ceo_fraud: 'social',
  account_takeover: 'hacking',
  malware: 'malware',
  data_leak: 'error',
  lost_device: 'physical',
  ddos: 'hacking',
  website_compromise: 'hacking',
  helpdesk_scam: 'social',
  extortion: 'social',
  suspicious_email: 'social',
  other: 'unknown',
};

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Due = 'immediately' | 'without_undue_delay' | string; // or an ISO 8601 duration from awareAt

export const OBLIGATION_IDS = [
  'bank_recall',
  'card_stop',
  'gdpr_dpa_notification',
  'gdpr_controller_notice',
  'gdpr_data_subjects',
  'gdpr_breach_register',
  'nis2_early_warning',
  'nis2_notification',
  'nis2_final_report',
  'nis2_check',
  'insurer',
  'police_complaint',
  'safeonweb_forward',
  'certbe_voluntary',
] as const;
export type ObligationId = (typeof OBLIGATION_IDS)[number];

export interface Obligation {
  id: ObligationId;
  authority: 'bank' | 'card_stop' | 'dpa' | 'controller' | 'data_subjects' | 'internal' | 'ccb' | 'insurer' | 'police' | 'safeonweb';
  regime: 'psd2' | 'gdpr' | 'nis2' | 'contract' | 'criminal' | 'voluntary';
  mandatory: boolean;
  dueAt: string | null;
  due: Due;
  /** A reason code; the text is translated from the catalogue (obligation.<id>.reason.<reason>). */
  reason: string;
}

export interface Triage {
  category: Category;
  rsit: { class: string; type: string }[];
  veris: { action: string };
  severity: Severity;
  firstAid: Category;
  obligations: Obligation[];
  contacts: string[];
}

const FRAUD_OR_INTRUSION: readonly Category[] = [
  'invoice_fraud',
  'ceo_fraud',
  'ransomware',
  'account_takeover',
  'credential_theft',
  'website_compromise',
  'malware',
  'helpdesk_scam',
  'extortion',
];
const PHISHING: readonly Category[] = ['phishing_click', 'credential_theft', 'suspicious_email'];

export function severityOf(f: Facts): Severity {
  const personal = f.personalData !== 'no';
  if (f.category === 'ransomware' || f.extortion || (personal && f.specialCategoryData && !f.dataEncrypted)) return 'critical';
  if (f.moneyLost || f.cardDataExposed || f.ongoing || (personal && !f.dataEncrypted) || ['account_takeover', 'website_compromise', 'ceo_fraud', 'invoice_fraud'].includes(f.category)) return 'high';
  if (f.category === 'suspicious_email') return 'low';
  return 'medium';
}

export function triage(f: Facts): Triage {
  const aware = new Date(f.awareAt);
  const at = (hours: number) => addHours(aware, hours).toISOString();
  const obligations: Obligation[] = [];
  const add = (o: Obligation) => obligations.push(o);

  // Money first: a recall only works in the first hours (PSD2 Art. 71 and 73; Febelfin).
  if (f.moneyLost) add({ id: 'bank_recall', authority: 'bank', regime: 'psd2', mandatory: true, dueAt: null, due: 'immediately', reason: 'money_lost' });
  if (f.cardDataExposed) add({ id: 'card_stop', authority: 'card_stop', regime: 'psd2', mandatory: true, dueAt: null, due: 'immediately', reason: 'card_data' });

  const personal = f.personalData !== 'no';
  if (personal) {
    // GDPR Art. 33: controller notifies the DPA within 72 h unless the breach is unlikely to result in a risk;
    // strong encryption of the data (and nothing else exposing people) makes the risk unlikely.
    const lowRisk = f.dataEncrypted && !f.specialCategoryData && f.personalData === 'yes' && f.category !== 'ransomware' && f.category !== 'extortion';
    if (f.gdprRole === 'controller' && !lowRisk) {
      add({ id: 'gdpr_dpa_notification', authority: 'dpa', regime: 'gdpr', mandatory: true, dueAt: at(72), due: 'PT72H', reason: f.personalData === 'yes' ? 'personal_data' : 'personal_data_unknown' });
    }
    // GDPR Art. 33(2): a processor tells the controller without undue delay.
    if (f.gdprRole === 'processor') add({ id: 'gdpr_controller_notice', authority: 'controller', regime: 'gdpr', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: 'processor' });
    // GDPR Art. 34: high risk to people (special-category data that was not encrypted) → tell them.
    if (f.specialCategoryData && !f.dataEncrypted && f.gdprRole === 'controller') {
      add({ id: 'gdpr_data_subjects', authority: 'data_subjects', regime: 'gdpr', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: 'high_risk' });
    }
    // GDPR Art. 33(5): every breach goes in the register, notified or not.
    add({ id: 'gdpr_breach_register', authority: 'internal', regime: 'gdpr', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: lowRisk ? 'encrypted' : 'always' });
  }

  if (f.nis2 === 'essential' || f.nis2 === 'important') {
    // Law of 26 April 2024 (NIS2), Art. 34: early warning 24 h, notification 72 h, final report one month after it.
    const notificationDue = addHours(aware, 72);
    add({ id: 'nis2_early_warning', authority: 'ccb', regime: 'nis2', mandatory: true, dueAt: at(24), due: 'PT24H', reason: f.nis2 });
    add({ id: 'nis2_notification', authority: 'ccb', regime: 'nis2', mandatory: true, dueAt: notificationDue.toISOString(), due: 'PT72H', reason: f.nis2 });
    add({ id: 'nis2_final_report', authority: 'ccb', regime: 'nis2', mandatory: true, dueAt: addMonthsBrussels(notificationDue, 1).toISOString(), due: 'P1MT72H', reason: f.nis2 });
  } else if (f.nis2 === 'unknown') {
    add({ id: 'nis2_check', authority: 'ccb', regime: 'nis2', mandatory: false, dueAt: at(24), due: 'PT24H', reason: 'unknown' });
  }

  // Insurance policies ask for notice "as soon as practicable", often within 24–72 h, before hiring anyone.
  if (f.insured) add({ id: 'insurer', authority: 'insurer', regime: 'contract', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: 'insured' });

  if (f.moneyLost || f.extortion || FRAUD_OR_INTRUSION.includes(f.category)) {
    add({ id: 'police_complaint', authority: 'police', regime: 'criminal', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: f.moneyLost ? 'money_lost' : f.extortion || f.category === 'extortion' ? 'extortion' : 'intrusion' });
  }
  if (PHISHING.includes(f.category)) add({ id: 'safeonweb_forward', authority: 'safeonweb', regime: 'voluntary', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: 'phishing' });
  if (f.nis2 !== 'essential' && f.nis2 !== 'important' && f.category !== 'suspicious_email') {
    add({ id: 'certbe_voluntary', authority: 'ccb', regime: 'voluntary', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: 'voluntary' });
  }

  const contacts = new Set<string>();
  for (const o of obligations) {
    if (o.authority === 'bank') contacts.add('bank');
    if (o.authority === 'card_stop') contacts.add('card_stop');
    if (o.authority === 'dpa') contacts.add('dpa');
    if (o.authority === 'ccb') contacts.add('cert_be');
    if (o.authority === 'police') contacts.add('police');
    if (o.authority === 'safeonweb') contacts.add('safeonweb');
  }
  if (f.category === 'ransomware') contacts.add('no_more_ransom');

  return {
    category: f.category,
    rsit: RSIT[f.category],
    veris: { action: VERIS_ACTION[f.category] },
    severity: severityOf(f),
    firstAid: f.category,
    obligations,
    contacts: [...contacts],
  };
}
