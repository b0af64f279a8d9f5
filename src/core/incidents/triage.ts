/**
 * Incident triage: from a few plain facts to the RSIT classification, a severity, first-aid steps, every duty
 * with its deadline, and the contacts to use. Pure rules; each rule's source is listed in docs/incidents.md.
 */
import { z } from 'zod';
import { rsitFor, verisFor, type RsitPair, type VerisClassification } from './classification.ts';
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

/** Kinds of personal data that decide whether the people concerned must be told (GDPR Art. 34; EDPB 9/2022). */
export const DATA_KINDS = ['contact', 'financial', 'credentials', 'national_id', 'identity_documents', 'special_category', 'children'] as const;
export type DataKind = (typeof DATA_KINDS)[number];
/**
 * Kinds whose exposure is likely a high risk to people when they were not encrypted: fraud and identity theft
 * (financial data, credentials, national register numbers, identity documents), GDPR Art. 9 data, and children,
 * who merit specific protection (GDPR recital 38; EDPB Guidelines 9/2022 on breach notification, §§ 105–116).
 */
export const HIGH_RISK_DATA_KINDS: readonly DataKind[] = ['financial', 'credentials', 'national_id', 'identity_documents', 'special_category', 'children'];

export const FactsSchema = z
  .object({
    category: z.enum(CATEGORIES),
    awareAt: z.iso.datetime({ offset: true }),
    ongoing: z.boolean(),
    personalData: z.enum(['yes', 'no', 'unknown']),
    specialCategoryData: z.boolean(),
    /** Strong encryption whose key was not taken (EDPB Guidelines 9/2022). */
    dataEncrypted: z.boolean(),
    gdprRole: z.enum(['controller', 'processor']),
    nis2: z.enum(['essential', 'important', 'out_of_scope', 'unknown']),
    moneyLost: z.boolean(),
    /** The company's own payment cards (Card Stop). */
    cardDataExposed: z.boolean(),
    extortion: z.boolean(),
    insured: z.boolean(),
    // Added later: optional with defaults, so requests written before them stay valid.
    /** NIS2 Art. 23(3): did it (or could it) seriously disrupt services, cost considerable money, or harm others? */
    significantImpact: z.enum(['yes', 'no', 'unknown']).default('unknown'),
    /** Customers' card data taken from a webshop or payment terminal. */
    customerCardData: z.boolean().default(false),
    /** The kinds of personal data involved; `specialCategoryData: true` counts as `special_category`. */
    dataKinds: z.array(z.enum(DATA_KINDS)).max(DATA_KINDS.length).default([]),
    /** The account taken over is the owner's or an administrator's (RSIT privileged-account-compromise). */
    privilegedAccount: z.boolean().default(false),
    /** The device was stolen rather than lost (VERIS physical/Theft instead of error/Loss). */
    deviceStolen: z.boolean().default(false),
  })
  .strict();
export type Facts = z.infer<typeof FactsSchema>;
/** Facts as a caller may write them: the later facts may be left out and take their defaults. */
export type FactsInput = z.input<typeof FactsSchema>;

/** Facts with every default filled in (also for facts stored before a fact existed). */
export function normalizeFacts(f: FactsInput): Facts {
  const r = FactsSchema.safeParse(f);
  return r.success ? r.data : { significantImpact: 'unknown', customerCardData: false, dataKinds: [], privilegedAccount: false, deviceStolen: false, ...f };
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Due = 'immediately' | 'without_undue_delay' | string; // or an ISO 8601 duration from awareAt

export const OBLIGATION_IDS = [
  'bank_recall',
  'card_stop',
  'payment_provider',
  'gdpr_dpa_notification',
  'gdpr_controller_notice',
  'gdpr_data_subjects',
  'customers_notice',
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
  authority: 'bank' | 'card_stop' | 'payment_provider' | 'dpa' | 'controller' | 'data_subjects' | 'internal' | 'ccb' | 'insurer' | 'police' | 'safeonweb';
  regime: 'psd2' | 'gdpr' | 'nis2' | 'contract' | 'criminal' | 'voluntary';
  /** True only where a law or a contract requires it; urgent advice is `false`. */
  mandatory: boolean;
  dueAt: string | null;
  due: Due;
  /** A reason code; the text is translated from the catalogue (obligation.<id>.reason.<reason>). */
  reason: string;
}

export interface Triage {
  category: Category;
  rsit: RsitPair[];
  veris: VerisClassification;
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

/** The kinds of personal data involved, with the older `specialCategoryData` flag folded in. */
export function dataKindsOf(f: Pick<Facts, 'dataKinds' | 'specialCategoryData'>): DataKind[] {
  const kinds = new Set<DataKind>(f.dataKinds ?? []);
  if (f.specialCategoryData) kinds.add('special_category');
  return DATA_KINDS.filter((k) => kinds.has(k));
}

export function severityOf(f: Facts): Severity {
  const personal = f.personalData !== 'no';
  const exposed = personal && !f.dataEncrypted;
  // Extortion is critical as a category and as a fact: a threat to publish data needs the same speed either way.
  if (f.category === 'ransomware' || f.category === 'extortion' || f.extortion || (exposed && dataKindsOf(f).includes('special_category'))) return 'critical';
  if (f.moneyLost || f.cardDataExposed || f.customerCardData || f.ongoing || exposed || ['account_takeover', 'website_compromise', 'ceo_fraud', 'invoice_fraud'].includes(f.category)) return 'high';
  if (f.category === 'suspicious_email') return 'low';
  return 'medium';
}

/**
 * The NIS2 final report is due one month after the incident notification was submitted (NIS2 Art. 23(4)(d);
 * Belgian law of 26 April 2024, Art. 34). Until the company records when it sent the notification, Schild assumes
 * it is sent at once, so the final report is due one calendar month after awareness (Brussels time).
 */
export function finalReportDue(awareAt: string, notificationSentAt: string | null): string {
  return addMonthsBrussels(new Date(notificationSentAt ?? awareAt), 1).toISOString();
}

/** The triage of a saved incident once its NIS2 notification is ticked as sent (or unticked: back to the assumption). */
export function withNotificationSent(t: Triage, awareAt: string, sentAt: string | null): Triage {
  return { ...t, obligations: t.obligations.map((o) => (o.id === 'nis2_final_report' ? { ...o, dueAt: finalReportDue(awareAt, sentAt), due: 'P1M' } : o)) };
}

export function triage(f: Facts): Triage {
  const aware = new Date(f.awareAt);
  const at = (hours: number) => addHours(aware, hours).toISOString();
  const obligations: Obligation[] = [];
  const add = (o: Obligation) => obligations.push(o);

  // Money first. A recall of a transfer the company authorised itself is urgent advice, not a legal duty: it only
  // works in the first hours (Febelfin). For an unauthorised payment, PSD2 Art. 71 sets the 13 months to report it.
  if (f.moneyLost) add({ id: 'bank_recall', authority: 'bank', regime: 'psd2', mandatory: false, dueAt: null, due: 'immediately', reason: 'money_lost' });
  // The company's own cards: PSD2 Art. 69(1)(b) obliges the card holder to report loss or misuse without undue delay.
  if (f.cardDataExposed) add({ id: 'card_stop', authority: 'card_stop', regime: 'psd2', mandatory: true, dueAt: null, due: 'immediately', reason: 'card_data' });
  // Customers' card data: the merchant agreement (and PCI DSS, which it imposes) obliges the merchant to tell its
  // payment service provider / acquirer at once. Card Stop blocks the company's own cards, not its customers'.
  if (f.customerCardData) add({ id: 'payment_provider', authority: 'payment_provider', regime: 'contract', mandatory: true, dueAt: null, due: 'immediately', reason: 'customer_cards' });

  const personal = f.personalData !== 'no';
  let subjectsTold = false;
  if (personal) {
    if (f.gdprRole === 'controller') {
      // GDPR Art. 33(1): notify the DPA within 72 h unless the breach is unlikely to result in a risk. Strong
      // encryption whose key was not taken makes the data unintelligible (Art. 34(3)(a)); the EDPB then asks only for
      // the register entry (Guidelines 9/2022 on breach notification), as long as another copy of the data exists.
      if (!f.dataEncrypted) {
        add({ id: 'gdpr_dpa_notification', authority: 'dpa', regime: 'gdpr', mandatory: true, dueAt: at(72), due: 'PT72H', reason: f.personalData === 'yes' ? 'personal_data' : 'personal_data_unknown' });
      }
      // GDPR Art. 34: a likely high risk follows from the kind of data (fraud, identity theft, Art. 9 data, children).
      if (!f.dataEncrypted && dataKindsOf(f).some((k) => HIGH_RISK_DATA_KINDS.includes(k))) {
        add({ id: 'gdpr_data_subjects', authority: 'data_subjects', regime: 'gdpr', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: 'high_risk' });
        subjectsTold = true;
      }
      // GDPR Art. 33(5): the controller documents every breach, notified or not.
      add({ id: 'gdpr_breach_register', authority: 'internal', regime: 'gdpr', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: f.dataEncrypted ? 'encrypted' : 'always' });
    } else {
      // GDPR Art. 33(2): a processor tells its controller without undue delay; the register and any notification
      // to the DPA or to the people are the controller's duties (Art. 33(1), 33(5), 34).
      add({ id: 'gdpr_controller_notice', authority: 'controller', regime: 'gdpr', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: 'processor' });
    }
  }
  // Customers whose cards were taken can block them before they are misused: proposed, not a legal duty by itself.
  if (f.customerCardData && !subjectsTold && f.gdprRole === 'controller') {
    add({ id: 'customers_notice', authority: 'data_subjects', regime: 'voluntary', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: 'customer_cards' });
  }

  const nis2Entity = f.nis2 === 'essential' || f.nis2 === 'important';
  if (nis2Entity && f.significantImpact !== 'no') {
    // NIS2 Art. 23(1), (3) and (4); Belgian law of 26 April 2024, Art. 34: only a significant incident must be
    // reported. When the company cannot tell yet, the CCB's advice is to report: the duties stay ("when in doubt").
    const reason = f.significantImpact === 'yes' ? f.nis2 : 'when_in_doubt';
    add({ id: 'nis2_early_warning', authority: 'ccb', regime: 'nis2', mandatory: true, dueAt: at(24), due: 'PT24H', reason });
    add({ id: 'nis2_notification', authority: 'ccb', regime: 'nis2', mandatory: true, dueAt: at(72), due: 'PT72H', reason });
    add({ id: 'nis2_final_report', authority: 'ccb', regime: 'nis2', mandatory: true, dueAt: finalReportDue(f.awareAt, null), due: 'P1M', reason });
  } else if (f.nis2 === 'unknown') {
    add({ id: 'nis2_check', authority: 'ccb', regime: 'nis2', mandatory: false, dueAt: at(24), due: 'PT24H', reason: 'unknown' });
  }

  // Insurance policies ask for notice "as soon as practicable", often within 24–72 h, before hiring anyone.
  if (f.insured) add({ id: 'insurer', authority: 'insurer', regime: 'contract', mandatory: true, dueAt: null, due: 'without_undue_delay', reason: 'insured' });

  if (f.moneyLost || f.extortion || FRAUD_OR_INTRUSION.includes(f.category)) {
    add({ id: 'police_complaint', authority: 'police', regime: 'criminal', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: f.moneyLost ? 'money_lost' : f.extortion || f.category === 'extortion' ? 'extortion' : 'intrusion' });
  }
  if (PHISHING.includes(f.category)) add({ id: 'safeonweb_forward', authority: 'safeonweb', regime: 'voluntary', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: 'phishing' });
  if (nis2Entity && f.significantImpact === 'no') {
    // Not significant: no NIS2 duty, but NIS2 Art. 30 lets any entity notify the CSIRT voluntarily.
    add({ id: 'certbe_voluntary', authority: 'ccb', regime: 'voluntary', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: 'not_significant' });
  } else if (!nis2Entity && f.category !== 'suspicious_email') {
    add({ id: 'certbe_voluntary', authority: 'ccb', regime: 'voluntary', mandatory: false, dueAt: null, due: 'without_undue_delay', reason: 'voluntary' });
  }

  const contacts = new Set<string>();
  for (const o of obligations) {
    if (o.authority === 'bank') contacts.add('bank');
    if (o.authority === 'card_stop') contacts.add('card_stop');
    if (o.authority === 'payment_provider') contacts.add('payment_provider');
    if (o.authority === 'dpa') contacts.add('dpa');
    if (o.authority === 'ccb') contacts.add('cert_be');
    if (o.authority === 'police') contacts.add('police');
    if (o.authority === 'safeonweb') contacts.add('safeonweb');
  }
  // The CCB's NIS2 notification platform and emergency line are for NIS2 entities only.
  if (nis2Entity) contacts.add('ccb_nis2');
  if (f.category === 'ransomware') contacts.add('no_more_ransom');

  return {
    category: f.category,
    rsit: rsitFor(f),
    veris: verisFor(f),
    severity: severityOf(f),
    firstAid: f.category,
    obligations,
    contacts: [...contacts],
  };
}
