import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssessmentCatalog } from '../../adapters/content.ts';
import { FUNCTIONS, type AssessmentCatalog } from './catalog.ts';
import { ANSWERS, applicableControls, assess, inherentRisk, quickScanControls, type Answer } from './engine.ts';
import type { AssessmentProfile } from './profile.ts';
import { profileFields } from '../../../test/support/profile-arbitraries.ts';
import { ALGORITHM_VERSION, HORIZONS, QUICK_SCAN_MAX } from './scoring-tables.ts';

let catalog: AssessmentCatalog;
beforeAll(() => {
  catalog = loadAssessmentCatalog();
});

const profileArb = (sectors: string[]) =>
  fc.record<AssessmentProfile>(profileFields(fc.constantFrom(...sectors), fc.integer({ min: 0, max: 300 })));

const SECTORS = ['69', '86', '43', '47', '56', '49', '25', '66', '96', '62', '01'];

function answersArb(ids: string[]) {
  return fc.dictionary(fc.constantFrom(...(ids.length ? ids : ['none'])), fc.constantFrom(...ANSWERS), { maxKeys: ids.length });
}

const scenario = () =>
  profileArb(SECTORS).chain((profile) => {
    const ids = applicableControls(catalog, profile).map((c) => c.id);
    return fc.tuple(fc.constant(profile), answersArb(ids), fc.constantFrom(...ids));
  });

const scores = (r: ReturnType<typeof assess>) => [r.scores.overall, ...FUNCTIONS.map((f) => r.scores.byFunction[f])];

describe('the assessment catalogue', () => {
  it('has at least 45 controls in all six functions, 8 threats and 10 sector packs', () => {
    expect(catalog.controls.length).toBeGreaterThanOrEqual(45);
    for (const f of FUNCTIONS) expect(catalog.controls.some((c) => c.function === f), f).toBe(true);
    expect(catalog.threats).toHaveLength(8);
    expect(catalog.sectors.length).toBeGreaterThanOrEqual(10);
  });

  it('never asks more than the quick-scan maximum, and asks something of every profile', () => {
    fc.assert(
      fc.property(profileArb(SECTORS), (p) => {
        const q = quickScanControls(catalog, p);
        expect(q.length).toBeLessThanOrEqual(QUICK_SCAN_MAX);
        expect(q.length).toBeGreaterThanOrEqual(6);
      }),
    );
  });
});

describe('assess (properties)', () => {
  it('records the algorithm version', () => {
    const p: AssessmentProfile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: true, itProvider: true };
    expect(assess(catalog, p, {}).algorithmVersion).toBe(ALGORITHM_VERSION);
  });

  it('adding a "yes" never lowers a score', () => {
    fc.assert(
      fc.property(scenario(), ([profile, answers, id]) => {
        const before = assess(catalog, profile, answers);
        const after = assess(catalog, profile, { ...answers, [id]: 'yes' });
        const [b, a] = [scores(before), scores(after)];
        b.forEach((v, i) => {
          if (v !== null) expect(a[i]).not.toBeNull();
          if (v !== null && a[i] !== null) expect(a[i]!).toBeGreaterThanOrEqual(v);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('"unknown" never raises or lowers the score (it is left out, like no answer)', () => {
    fc.assert(
      fc.property(scenario(), ([profile, answers, id]) => {
        const without = { ...answers };
        delete without[id];
        expect(scores(assess(catalog, profile, { ...without, [id]: 'unknown' }))).toEqual(scores(assess(catalog, profile, without)));
      }),
      { numRuns: 300 },
    );
  });

  it('answering "no" to a control never removes it from the plan', () => {
    fc.assert(
      fc.property(scenario(), ([profile, answers, id]) => {
        const r = assess(catalog, profile, { ...answers, [id]: 'no' });
        expect(r.plan.map((p) => p.controlId)).toContain(id);
      }),
      { numRuns: 300 },
    );
  });

  it('a profile without a webshop never gets webshop controls; without card payments no terminal control', () => {
    fc.assert(
      fc.property(profileArb(SECTORS), (p) => {
        const ids = applicableControls(catalog, { ...p, webshop: false }).map((c) => c.id);
        expect(ids).not.toContain('pr-webshop-security');
        const noCards = applicableControls(catalog, { ...p, cardPayments: false }).map((c) => c.id);
        expect(noCards).not.toContain('pr-card-terminal');
      }),
    );
  });

  it('keeps "this week" within its limits, and "don\'t know" answers on the IT-provider checklist', () => {
    fc.assert(
      fc.property(scenario(), ([profile, answers]) => {
        const r = assess(catalog, profile, answers);
        expect(r.plan.filter((p) => p.horizon === 'week').length).toBeLessThanOrEqual(HORIZONS.weekMaxItems);
        const unknown = Object.entries(answers).filter(([id, a]) => a === 'unknown' && r.applicableControls.includes(id)).map(([id]) => id);
        const listed = r.providerChecklist.filter((x) => x.reason === 'unknown').map((x) => x.controlId);
        expect(listed.sort()).toEqual(unknown.sort());
        for (const risk of r.risks) expect(risk.level).toBeGreaterThanOrEqual(0);
        for (const risk of r.risks) expect(risk.level).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});

describe('assess (examples)', () => {
  const accountant: AssessmentProfile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'sensitive', remoteWork: true, itProvider: true };

  it('scores all-yes as 100 and all-no as 0, and counts key measures', () => {
    const ids = applicableControls(catalog, accountant).map((c) => c.id);
    const all = (a: Answer) => Object.fromEntries(ids.map((id) => [id, a]));
    const yes = assess(catalog, accountant, all('yes'));
    expect(yes.scores.overall).toBe(100);
    expect(yes.plan).toEqual([]);
    expect(yes.keyMeasures.small.met).toBeGreaterThan(0);
    const no = assess(catalog, accountant, all('no'));
    expect(no.scores.overall).toBe(0);
    expect(no.plan.length).toBe(ids.length);
    expect(no.keyMeasures.basic.met).toBe(0);
    // Risk goes down as controls go in.
    const riskOf = (r: typeof yes) => r.risks.reduce((s, x) => s + x.level, 0);
    expect(riskOf(yes)).toBeLessThan(riskOf(no));
  });

  it('ranks quick, high-value actions first: "this week" holds only short tasks', () => {
    const ids = applicableControls(catalog, accountant).map((c) => c.id);
    const r = assess(catalog, accountant, Object.fromEntries(ids.map((id) => [id, 'no' as const])));
    const week = r.plan.filter((p) => p.horizon === 'week');
    expect(week.length).toBeGreaterThan(0);
    expect(week.length).toBeLessThanOrEqual(HORIZONS.weekMaxItems);
    expect(week.reduce((s, w) => s + w.effortHours, 0)).toBeLessThanOrEqual(HORIZONS.weekMaxTotalHours);
  });

  // docs/assessment.md "The plan": this week is what a micro-business (fewer than 10 people, EU Recommendation
  // 2003/361/EC) can fit beside its work in one week: at most three actions and half a working day in all.
  it('never plans more than three actions or half a day of work for "this week", whatever the answers', () => {
    expect(HORIZONS.weekMaxItems).toBeLessThanOrEqual(3);
    expect(HORIZONS.weekMaxTotalHours).toBeLessThanOrEqual(4);
    fc.assert(
      fc.property(scenario(), ([profile, answers]) => {
        const week = assess(catalog, profile, answers).plan.filter((p) => p.horizon === 'week');
        expect(week.length).toBeLessThanOrEqual(3);
        expect(week.reduce((s, w) => s + w.effortHours, 0)).toBeLessThanOrEqual(4);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves nothing scored when nothing is answered, and lists every applicable control as open', () => {
    const r = assess(catalog, accountant, {});
    expect(r.scores.overall).toBeNull();
    expect(r.open.length).toBe(r.applicableControls.length);
  });

  it('asks an accountant the sector question on client files, and a bakery not', () => {
    expect(applicableControls(catalog, accountant).map((c) => c.id)).toContain('sec-client-files');
    expect(applicableControls(catalog, { ...accountant, sector: '10' }).map((c) => c.id)).not.toContain('sec-client-files');
  });
});

/**
 * Profile facts that a threat depends on must move that threat's risk for the company (issue 8, "Self-assessment").
 * Each row: the fact, its value without and with the exposure, the threat, and which side of the risk it raises.
 * Card payments: fraud at the terminal and with card data (Febelfin / Card Stop advice, PCI DSS scope); a webshop:
 * web-skimming and site compromise (ENISA Threat Landscape); remote work: account takeover over remote access
 * (CCB/Safeonweb); sensitive personal data: a breach's impact grows with the data's sensitivity (GDPR Art. 9, 34).
 */
const FACT_THREATS: { fact: keyof AssessmentProfile; off: unknown; on: unknown; threat: string; raises: 'likelihood' | 'impact' | 'risk' }[] = [
  { fact: 'cardPayments', off: false, on: true, threat: 'card_fraud', raises: 'likelihood' },
  { fact: 'webshop', off: false, on: true, threat: 'website_compromise', raises: 'risk' },
  { fact: 'webshop', off: false, on: true, threat: 'card_fraud', raises: 'risk' },
  { fact: 'remoteWork', off: false, on: true, threat: 'phishing_account_takeover', raises: 'likelihood' },
  { fact: 'personalData', off: 'basic', on: 'sensitive', threat: 'data_breach', raises: 'impact' },
];

describe('profile facts move the risk of the threats that depend on them', () => {
  for (const row of FACT_THREATS) {
    it(`${String(row.fact)} = ${String(row.on)} raises the ${row.raises} of ${row.threat}, whatever the rest of the profile`, () => {
      fc.assert(
        fc.property(profileArb(SECTORS), (base) => {
          const off = inherentRisk(catalog, { ...base, [row.fact]: row.off }).find((r) => r.threat === row.threat)!;
          const on = inherentRisk(catalog, { ...base, [row.fact]: row.on }).find((r) => r.threat === row.threat)!;
          const value = (r: typeof on) => (row.raises === 'risk' ? r.likelihood * r.impact : r[row.raises]);
          expect(value(on)).toBeGreaterThan(value(off));
          // With nothing answered yet (no control in place), the reported level follows the inherent risk.
          const level = (p: AssessmentProfile) => assess(catalog, p, {}).risks.find((r) => r.threat === row.threat)!.level;
          expect(level({ ...base, [row.fact]: row.on })).toBeGreaterThanOrEqual(level({ ...base, [row.fact]: row.off }));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('every yes/no fact a threat names with a factor above 1 raises that threat for every profile (data check)', () => {
    for (const t of catalog.threats) {
      for (const [side, factors] of [['likelihood', t.exposure], ['impact', t.impactFactors]] as const) {
        for (const f of factors) {
          const when = f.when as { field?: keyof AssessmentProfile; eq?: unknown };
          if (!when.field || typeof when.eq !== 'boolean' || f.factor <= 1) continue;
          fc.assert(
            fc.property(profileArb(SECTORS), (base) => {
              const get = (v: boolean) => inherentRisk(catalog, { ...base, [when.field!]: v }).find((r) => r.threat === t.id)![side];
              expect(get(when.eq as boolean), `${t.id} ${side} ${String(when.field)}`).toBeGreaterThan(get(!(when.eq as boolean)));
            }),
            { numRuns: 100 },
          );
        }
      }
    }
  });
});
