import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsBrussels, brusselsOffsetMinutes, fromBrusselsWallClock } from './time.ts';
import { RSIT } from './classification.ts';
import { CATEGORIES, DATA_KINDS, OBLIGATION_IDS, triage, type Facts, type ObligationId } from './triage.ts';

const base: Facts = {
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
  significantImpact: 'unknown',
  customerCardData: false,
  dataKinds: [],
  privilegedAccount: false,
  deviceStolen: false,
};
const ids = (f: Partial<Facts>) => triage({ ...base, ...f }).obligations.map((o) => o.id);
const get = (f: Partial<Facts>, id: ObligationId) => triage({ ...base, ...f }).obligations.find((o) => o.id === id);

const RSIT_CLASSES: Record<string, string[]> = {
  'abusive-content': ['spam', 'harmful-speech', 'violence'],
  'malicious-code': ['infected-system', 'c2-server', 'malware-distribution', 'malware-configuration'],
  'information-gathering': ['scanner', 'sniffing', 'social-engineering'],
  'intrusion-attempts': ['ids-alert', 'brute-force', 'exploit'],
  intrusions: ['privileged-account-compromise', 'unprivileged-account-compromise', 'application-compromise', 'system-compromise', 'burglary'],
  availability: ['dos', 'ddos', 'misconfiguration', 'sabotage', 'outage'],
  'information-content-security': ['unauthorised-information-access', 'unauthorised-information-modification', 'data-loss', 'data-leak'],
  fraud: ['unauthorised-use-of-resources', 'copyright', 'masquerade', 'phishing'],
  vulnerable: ['weak-crypto', 'ddos-amplifier', 'potentially-unwanted-accessible', 'information-disclosure', 'vulnerable-system'],
  other: ['other', 'undetermined'],
  test: ['test'],
};

describe('RSIT mapping', () => {
  it.each(CATEGORIES)('maps %s to valid RSIT v1.3 class/type pairs', (c) => {
    const pairs = triage({ ...base, category: c }).rsit;
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) expect(RSIT_CLASSES[p.class], `${c}: ${p.class}`).toContain(p.type);
    expect(pairs).toEqual(RSIT[c]);
  });
  it('classifies the main cases as expected', () => {
    expect(triage({ ...base, category: 'ransomware' }).rsit).toContainEqual({ class: 'malicious-code', type: 'infected-system' });
    expect(triage({ ...base, category: 'invoice_fraud' }).rsit).toEqual([{ class: 'fraud', type: 'masquerade' }]);
    expect(triage({ ...base, category: 'phishing_click' }).rsit).toEqual([{ class: 'fraud', type: 'phishing' }]);
    expect(triage({ ...base, category: 'ddos' }).rsit).toEqual([{ class: 'availability', type: 'ddos' }]);
  });
});

describe('obligation rules', () => {
  it('GDPR: a controller notifies the DPA within 72 hours when personal data may be at risk', () => {
    const o = get({ personalData: 'yes' }, 'gdpr_dpa_notification')!;
    expect(o).toMatchObject({ authority: 'dpa', regime: 'gdpr', mandatory: true, due: 'PT72H', dueAt: '2026-06-13T08:00:00.000Z', reason: 'personal_data' });
    expect(get({ personalData: 'unknown' }, 'gdpr_dpa_notification')?.reason).toBe('personal_data_unknown');
    expect(ids({ personalData: 'no' })).not.toContain('gdpr_dpa_notification');
  });
  it('GDPR: encrypted data (key not taken) needs the register entry only, not the DPA (EDPB Guidelines 9/2022)', () => {
    expect(ids({ personalData: 'yes', dataEncrypted: true })).not.toContain('gdpr_dpa_notification');
    expect(get({ personalData: 'yes', dataEncrypted: true }, 'gdpr_breach_register')?.reason).toBe('encrypted');
    expect(ids({ personalData: 'yes', dataEncrypted: true, specialCategoryData: true })).not.toContain('gdpr_dpa_notification');
    expect(ids({ personalData: 'yes', dataEncrypted: true, category: 'ransomware' })).toEqual(expect.arrayContaining(['gdpr_breach_register']));
  });
  it('GDPR: a processor tells the controller without undue delay, and does not notify the DPA itself', () => {
    expect(get({ personalData: 'yes', gdprRole: 'processor' }, 'gdpr_controller_notice')).toMatchObject({ due: 'without_undue_delay', dueAt: null, mandatory: true });
    expect(ids({ personalData: 'yes', gdprRole: 'processor' })).not.toContain('gdpr_dpa_notification');
  });
  it('GDPR: people are told when special-category data was not encrypted (high risk)', () => {
    expect(ids({ personalData: 'yes', specialCategoryData: true })).toContain('gdpr_data_subjects');
    expect(ids({ personalData: 'yes', specialCategoryData: true, dataEncrypted: true })).not.toContain('gdpr_data_subjects');
    expect(ids({ personalData: 'yes' })).not.toContain('gdpr_data_subjects');
  });
  it('GDPR: every breach with personal data goes in the register', () => {
    for (const pd of ['yes', 'unknown'] as const) expect(ids({ personalData: pd })).toContain('gdpr_breach_register');
    expect(ids({ personalData: 'no' })).not.toContain('gdpr_breach_register');
  });
  it('NIS2: essential and important entities get 24 h, 72 h and one month after the notification', () => {
    for (const nis2 of ['essential', 'important'] as const) {
      const t = triage({ ...base, nis2 });
      expect(t.obligations.find((o) => o.id === 'nis2_early_warning')).toMatchObject({ dueAt: '2026-06-11T08:00:00.000Z', due: 'PT24H', mandatory: true });
      expect(t.obligations.find((o) => o.id === 'nis2_notification')).toMatchObject({ dueAt: '2026-06-13T08:00:00.000Z', due: 'PT72H' });
      // NIS2 Art. 23(4)(d): one month after the notification, assumed sent at once → one month after awareness.
      expect(t.obligations.find((o) => o.id === 'nis2_final_report')).toMatchObject({ dueAt: '2026-07-10T08:00:00.000Z', due: 'P1M' });
      expect(t.obligations.map((o) => o.id)).not.toContain('certbe_voluntary');
    }
    expect(ids({ nis2: 'out_of_scope' }).filter((i) => i.startsWith('nis2'))).toEqual([]);
  });
  it('NIS2 unknown: a prompt to find out within the 24 hours an early warning would need', () => {
    expect(get({ nis2: 'unknown' }, 'nis2_check')).toMatchObject({ mandatory: false, due: 'PT24H', dueAt: '2026-06-11T08:00:00.000Z' });
  });
  it('bank at once for money sent or taken; Card Stop at once for card data (PSD2 Art. 69(1)(b))', () => {
    // A recall after a transfer the company authorised is urgent advice, not a legal duty.
    expect(get({ moneyLost: true }, 'bank_recall')).toMatchObject({ due: 'immediately', dueAt: null, mandatory: false });
    expect(get({ cardDataExposed: true }, 'card_stop')).toMatchObject({ due: 'immediately', mandatory: true });
    expect(ids({})).not.toContain('bank_recall');
  });
  it('police complaint recommended for fraud, extortion and intrusions; not for a suspicious mail', () => {
    for (const c of ['invoice_fraud', 'ceo_fraud', 'ransomware', 'account_takeover', 'website_compromise', 'extortion'] as const) expect(get({ category: c }, 'police_complaint')?.mandatory).toBe(false);
    expect(get({ moneyLost: true }, 'police_complaint')?.reason).toBe('money_lost');
    expect(ids({ category: 'suspicious_email' })).not.toContain('police_complaint');
  });
  it('the insurer when insured; phishing to suspicious@safeonweb.be; CERT.be voluntarily otherwise', () => {
    expect(ids({ insured: true })).toContain('insurer');
    expect(ids({ insured: false })).not.toContain('insurer');
    for (const c of ['phishing_click', 'credential_theft', 'suspicious_email'] as const) expect(ids({ category: c })).toContain('safeonweb_forward');
    expect(ids({ category: 'ransomware' })).not.toContain('safeonweb_forward');
    expect(get({ category: 'malware' }, 'certbe_voluntary')?.regime).toBe('voluntary');
  });
  it('lists the bank and Card Stop first, and gives contacts for each duty', () => {
    const t = triage({ ...base, category: 'invoice_fraud', moneyLost: true, cardDataExposed: true, personalData: 'yes' });
    expect(t.obligations.slice(0, 2).map((o) => o.id)).toEqual(['bank_recall', 'card_stop']);
    expect(t.contacts).toEqual(expect.arrayContaining(['bank', 'card_stop', 'dpa', 'police', 'cert_be']));
  });
  it('every obligation id can occur', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.record({
          category: fc.constantFrom(...CATEGORIES),
          personalData: fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const),
          specialCategoryData: fc.boolean(),
          dataEncrypted: fc.boolean(),
          gdprRole: fc.constantFrom('controller' as const, 'processor' as const),
          nis2: fc.constantFrom('essential' as const, 'important' as const, 'out_of_scope' as const, 'unknown' as const),
          moneyLost: fc.boolean(),
          cardDataExposed: fc.boolean(),
          extortion: fc.boolean(),
          insured: fc.boolean(),
          ongoing: fc.boolean(),
          significantImpact: fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const),
          customerCardData: fc.boolean(),
          dataKinds: fc.subarray([...DATA_KINDS]),
          privilegedAccount: fc.boolean(),
          deviceStolen: fc.boolean(),
        }),
        (f) => {
          const t = triage({ ...base, ...f });
          for (const o of t.obligations) {
            seen.add(o.id);
            if (o.dueAt) expect(new Date(o.dueAt).getTime()).toBeGreaterThan(new Date(base.awareAt).getTime());
            if (o.due === 'immediately' || o.due === 'without_undue_delay') expect(o.dueAt).toBeNull();
          }
          expect(new Set(t.obligations.map((o) => o.id)).size).toBe(t.obligations.length);
        },
      ),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual([...OBLIGATION_IDS].sort());
  });
});

describe('deadlines across daylight-saving changes (Europe/Brussels)', () => {
  it('knows the offsets', () => {
    expect(brusselsOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(brusselsOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
  });
  it('counts 72 hours as elapsed time over the spring change (29 March 2026)', () => {
    // Aware Friday 27 March 2026, 10:00 Brussels (CET, UTC+1) = 09:00 UTC.
    const aware = fromBrusselsWallClock(2026, 3, 27, 10, 0);
    expect(aware.toISOString()).toBe('2026-03-27T09:00:00.000Z');
    const t = triage({ ...base, awareAt: aware.toISOString(), personalData: 'yes', nis2: 'important' });
    const dpa = t.obligations.find((o) => o.id === 'gdpr_dpa_notification')!;
    expect(dpa.dueAt).toBe('2026-03-30T09:00:00.000Z'); // 11:00 CEST on the wall clock: one hour "later" locally
    const final = t.obligations.find((o) => o.id === 'nis2_final_report')!;
    // One calendar month after awareness (the notification assumed sent at once), same wall-clock time: 27 April
    // 10:00 CEST = 08:00 UTC.
    expect(final.dueAt).toBe('2026-04-27T08:00:00.000Z');
  });
  it('counts 24 hours as elapsed time over the autumn change (25 October 2026)', () => {
    const aware = fromBrusselsWallClock(2026, 10, 24, 22, 30); // CEST, UTC+2
    expect(aware.toISOString()).toBe('2026-10-24T20:30:00.000Z');
    const t = triage({ ...base, awareAt: aware.toISOString(), nis2: 'essential' });
    expect(t.obligations.find((o) => o.id === 'nis2_early_warning')!.dueAt).toBe('2026-10-25T20:30:00.000Z'); // 21:30 CET locally
    // Aware 24 Oct 22:30 CEST; a calendar month later 24 Nov 22:30 CET = 21:30 UTC.
    expect(t.obligations.find((o) => o.id === 'nis2_final_report')!.dueAt).toBe('2026-11-24T21:30:00.000Z');
  });
  it('keeps the wall-clock time when a month crosses a change, and clamps the 31st', () => {
    // 28 Feb 2026 12:00 CET → 28 Mar 2026 12:00 CET (still winter time on the 28th).
    expect(addMonthsBrussels(fromBrusselsWallClock(2026, 2, 28, 12, 0), 1).toISOString()).toBe('2026-03-28T11:00:00.000Z');
    // 15 Mar 12:00 CET → 15 Apr 12:00 CEST.
    expect(addMonthsBrussels(fromBrusselsWallClock(2026, 3, 15, 12, 0), 1).toISOString()).toBe('2026-04-15T10:00:00.000Z');
    // 31 Jan → 28 Feb.
    expect(addMonthsBrussels(fromBrusselsWallClock(2026, 1, 31, 9, 0), 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
  });
  it('accepts awareAt with any offset and computes the same instants', () => {
    const a = triage({ ...base, awareAt: '2026-06-10T10:00:00+02:00', personalData: 'yes' });
    expect(a.obligations.find((o) => o.id === 'gdpr_dpa_notification')!.dueAt).toBe('2026-06-13T08:00:00.000Z');
  });
});
