/**
 * The duties as the law has them (issue 8, "Incident duties and exports"). Each test names its source; each failed
 * against the rules before this change.
 */
import { describe, expect, it } from 'vitest';
import { rsitFor, verisFor } from './classification.ts';
import { awareAtProblem, parseBrusselsWallClock } from './time.ts';
import { FactsSchema, finalReportDue, HIGH_RISK_DATA_KINDS, severityOf, triage, withNotificationSent, type DataKind, type Facts, type ObligationId } from './triage.ts';

const base: Facts = FactsSchema.parse({
  category: 'other',
  awareAt: '2026-06-10T08:00:00.000Z',
  ongoing: false,
  personalData: 'no',
  specialCategoryData: false,
  dataEncrypted: false,
  gdprRole: 'controller',
  nis2: 'out_of_scope',
  moneyLost: false,
  cardDataExposed: false,
  extortion: false,
  insured: false,
});
const tri = (f: Partial<Facts>) => triage({ ...base, ...f });
const ids = (f: Partial<Facts>) => tri(f).obligations.map((o) => o.id);
const get = (f: Partial<Facts>, id: ObligationId) => tri(f).obligations.find((o) => o.id === id);
const NIS2_DUTIES: ObligationId[] = ['nis2_early_warning', 'nis2_notification', 'nis2_final_report'];

describe('facts added later keep older requests valid', () => {
  it('fills significantImpact "unknown", no customer cards, no data kinds', () => {
    expect(base).toMatchObject({ significantImpact: 'unknown', customerCardData: false, dataKinds: [], privilegedAccount: false, deviceStolen: false });
    expect(FactsSchema.safeParse({ ...base, significantImpact: 'maybe' }).success).toBe(false);
    expect(FactsSchema.safeParse({ ...base, dataKinds: ['passwords'] }).success).toBe(false);
  });
});

describe('NIS2: only significant incidents must be reported (NIS2 Art. 23(1) and (3); Belgian law of 26 April 2024, Art. 34)', () => {
  for (const nis2 of ['essential', 'important'] as const) {
    it(`${nis2}, significant: early warning 24 h, notification 72 h and final report are mandatory`, () => {
      const t = tri({ nis2, significantImpact: 'yes' });
      for (const id of NIS2_DUTIES) expect(t.obligations.find((o) => o.id === id), id).toMatchObject({ mandatory: true, reason: nis2 });
    });
    it(`${nis2}, cannot tell yet: the same duties, mandatory, with "when in doubt, report"`, () => {
      const t = tri({ nis2, significantImpact: 'unknown' });
      for (const id of NIS2_DUTIES) expect(t.obligations.find((o) => o.id === id), id).toMatchObject({ mandatory: true, reason: 'when_in_doubt' });
    });
    it(`${nis2}, not significant: no mandatory NIS2 duty; a voluntary notification is offered (NIS2 Art. 30)`, () => {
      const t = tri({ nis2, significantImpact: 'no' });
      expect(t.obligations.filter((o) => o.regime === 'nis2')).toEqual([]);
      expect(t.obligations.find((o) => o.id === 'certbe_voluntary')).toMatchObject({ mandatory: false, reason: 'not_significant' });
    });
  }
});

describe('NIS2 final report: one month after the notification was submitted (NIS2 Art. 23(4)(d))', () => {
  it('stateless triage assumes the notification is sent now: awareAt plus one calendar month, Brussels time', () => {
    expect(get({ nis2: 'important', significantImpact: 'yes' }, 'nis2_final_report')).toMatchObject({ dueAt: '2026-07-10T08:00:00.000Z', due: 'P1M' });
    // 31 January 10:00 CET → 28 February 10:00 CET, not one month after the 72-hour deadline (3 March).
    expect(finalReportDue('2026-01-31T09:00:00.000Z', null)).toBe('2026-02-28T09:00:00.000Z');
  });
  it('on a saved incident the final report follows the moment the notification was ticked as sent', () => {
    const t = tri({ nis2: 'essential', significantImpact: 'yes' });
    const sent = withNotificationSent(t, base.awareAt, '2026-06-12T15:30:00.000Z');
    expect(sent.obligations.find((o) => o.id === 'nis2_final_report')?.dueAt).toBe('2026-07-12T15:30:00.000Z');
    expect(sent.obligations.find((o) => o.id === 'nis2_notification')).toEqual(t.obligations.find((o) => o.id === 'nis2_notification'));
    const undone = withNotificationSent(sent, base.awareAt, null);
    expect(undone.obligations.find((o) => o.id === 'nis2_final_report')?.dueAt).toBe('2026-07-10T08:00:00.000Z');
  });
});

describe("card data: the company's own cards versus its customers' (PSD2 Art. 69; merchant agreement and PCI DSS)", () => {
  it("customers' card data: the payment service provider at once, Card Stop not mandatory, customers told as a proposal", () => {
    const t = tri({ category: 'website_compromise', customerCardData: true });
    expect(t.obligations.find((o) => o.id === 'payment_provider')).toMatchObject({ authority: 'payment_provider', mandatory: true, due: 'immediately', regime: 'contract' });
    expect(t.obligations.map((o) => o.id)).not.toContain('card_stop');
    expect(t.obligations.find((o) => o.id === 'customers_notice')).toMatchObject({ mandatory: false, authority: 'data_subjects' });
    expect(t.contacts).toContain('payment_provider');
    expect(t.contacts).not.toContain('card_stop');
  });
  it("the company's own cards keep meaning Card Stop", () => {
    expect(get({ cardDataExposed: true }, 'card_stop')).toMatchObject({ mandatory: true });
    expect(ids({ cardDataExposed: true })).not.toContain('payment_provider');
  });
});

describe('telling the people concerned follows the kind of data (GDPR Art. 34; EDPB Guidelines 9/2022)', () => {
  for (const kind of HIGH_RISK_DATA_KINDS) {
    it(`${kind}, not encrypted: mandatory`, () => {
      expect(get({ personalData: 'yes', dataKinds: [kind] }, 'gdpr_data_subjects')).toMatchObject({ mandatory: true, due: 'without_undue_delay' });
    });
    it(`${kind}, encrypted with the key safe: not required`, () => {
      expect(ids({ personalData: 'yes', dataKinds: [kind], dataEncrypted: true })).not.toContain('gdpr_data_subjects');
    });
  }
  it('contact details alone: not required', () => {
    expect(ids({ personalData: 'yes', dataKinds: ['contact' as DataKind] })).not.toContain('gdpr_data_subjects');
  });
  it('specialCategoryData: true keeps meaning special_category', () => {
    expect(ids({ personalData: 'yes', specialCategoryData: true })).toContain('gdpr_data_subjects');
  });
});

describe('encrypted data: the register entry only (GDPR Art. 33(1) and 34(3)(a); EDPB Guidelines 9/2022)', () => {
  it('no DPA notification, whatever the kind of data or incident', () => {
    for (const category of ['data_leak', 'ransomware', 'extortion', 'lost_device'] as const) {
      const t = tri({ category, personalData: 'yes', dataEncrypted: true, dataKinds: ['special_category', 'financial'] });
      expect(t.obligations.map((o) => o.id), category).not.toContain('gdpr_dpa_notification');
      expect(t.obligations.find((o) => o.id === 'gdpr_breach_register'), category).toMatchObject({ mandatory: true, reason: 'encrypted' });
    }
  });
});

describe('only what a law or contract requires is mandatory', () => {
  it('a bank recall after an authorised transfer is urgent advice', () => {
    expect(get({ category: 'invoice_fraud', moneyLost: true }, 'bank_recall')).toMatchObject({ mandatory: false, due: 'immediately' });
  });
  it("a processor notifies its controller; the register is the controller's duty (GDPR Art. 33(2) and 33(5))", () => {
    const t = tri({ personalData: 'yes', gdprRole: 'processor', dataKinds: ['financial'] });
    expect(t.obligations.map((o) => o.id)).toEqual(expect.arrayContaining(['gdpr_controller_notice']));
    expect(t.obligations.map((o) => o.id)).not.toContain('gdpr_breach_register');
    expect(t.obligations.map((o) => o.id)).not.toContain('gdpr_data_subjects');
  });
  it('everything mandatory has a law or a contract as its regime', () => {
    const t = tri({ category: 'ransomware', personalData: 'yes', dataKinds: ['children'], nis2: 'essential', moneyLost: true, cardDataExposed: true, customerCardData: true, insured: true, extortion: true });
    for (const o of t.obligations.filter((x) => x.mandatory)) expect(['psd2', 'gdpr', 'nis2', 'contract'], o.id).toContain(o.regime);
  });
});

describe('classification (RSIT v1.3; VERIS 1.3)', () => {
  it('extortion that threatens to publish stolen data is information-content-security, not harmful-speech', () => {
    expect(tri({ category: 'extortion' }).rsit).toEqual([{ class: 'information-content-security', type: 'unauthorised-information-access' }]);
  });
  it("a takeover of the owner's or an administrator's account is privileged-account-compromise", () => {
    expect(rsitFor({ category: 'account_takeover', privilegedAccount: true })).toEqual([{ class: 'intrusions', type: 'privileged-account-compromise' }]);
    expect(rsitFor({ category: 'account_takeover', privilegedAccount: false })).toEqual([{ class: 'intrusions', type: 'unprivileged-account-compromise' }]);
    expect(rsitFor({ category: 'credential_theft', privilegedAccount: true })).toContainEqual({ class: 'intrusions', type: 'privileged-account-compromise' });
  });
  it('VERIS: a lost device is an error (Loss), a stolen one physical (Theft)', () => {
    expect(verisFor({ category: 'lost_device', deviceStolen: false })).toEqual({ action: 'error', variety: 'Loss' });
    expect(verisFor({ category: 'lost_device', deviceStolen: true })).toEqual({ action: 'physical', variety: 'Theft' });
  });
});

describe('severity', () => {
  it('extortion is critical whatever the answer to "is there a ransom demand"', () => {
    expect(severityOf({ ...base, category: 'extortion', extortion: false })).toBe('critical');
    expect(severityOf({ ...base, category: 'extortion', extortion: true })).toBe('critical');
  });
});

describe('dates: an impossible or out-of-range moment gets a message, never a deadline (ISO 8601; RFC 3339 §5.7)', () => {
  it('refuses dates and times that do not exist', () => {
    for (const s of ['2026-02-30T10:00', '2025-02-29T10:00', '2026-04-31T09:00', '2026-01-01T24:00', '2026-01-01T23:60', '2026-13-01T10:00', '0000-01-01T10:00', '2026-1-1T10:00']) {
      expect(parseBrusselsWallClock(s), s).toBe('impossible');
    }
    expect(parseBrusselsWallClock('2028-02-29T10:00')).toEqual(new Date('2028-02-29T09:00:00.000Z'));
  });
  it('refuses the far future and the distant past', () => {
    const now = new Date('2026-06-10T08:00:00.000Z');
    expect(awareAtProblem(new Date('2126-06-10T08:00:00.000Z'), now)).toBe('future');
    expect(awareAtProblem(new Date('0001-01-01T00:00:00.000Z'), now)).toBe('too_old');
    expect(awareAtProblem(new Date('2026-06-10T07:00:00.000Z'), now)).toBeNull();
    expect(awareAtProblem(new Date('nonsense'), now)).toBe('impossible');
  });
});
