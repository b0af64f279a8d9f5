/**
 * The synthetic incident model behind the demo of "Do measures help?" (docs/statistics.md, "Synthetic data"): an
 * invented pattern, deterministic for a seed, that still keeps the documented mean of 0.2 incidents per company and
 * spreads assessments over more than a year so the 365-day follow-up has companies to count.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../adapters/content.ts';
import { sectionsByDivision } from './dimensions.ts';
import { controlEffectiveness, FOLLOW_UP_DAYS } from './effectiveness.ts';
import { INCIDENT_FACTORS, incidentFactor, syntheticCompanies } from './synthetic.ts';

const DAY = 86_400_000;

describe('synthetic incidents depend on key controls (a demo, not evidence)', () => {
  const content = loadContent();
  const divisions = new Map<string, string[]>();
  for (const [d, s] of sectionsByDivision(content.nace)) divisions.set(s, [...(divisions.get(s) ?? []), d]);
  const asOf = new Date('2026-12-01T00:00:00Z');
  const all = [...syntheticCompanies({ seed: 11, asOf, catalog: content.assessment, divisions }, 20_000)];

  it('the factor is 1 without an assessment, and below 1 with every key measure', () => {
    expect(incidentFactor(null)).toBe(1);
    expect(incidentFactor(Object.fromEntries(Object.keys(INCIDENT_FACTORS).map((c) => [c, 'yes'])))).toBeLessThan(0.3);
    expect(incidentFactor(Object.fromEntries(Object.keys(INCIDENT_FACTORS).map((c) => [c, 'unknown'])))).toBe(1);
  });

  it('keeps about 0.2 incidents per company and assessments older than a year', () => {
    expect(all.flatMap((c) => c.incidents).length / all.length).toBeCloseTo(0.2, 1);
    const assessed = all.filter((c) => c.assessment);
    const old = assessed.filter((c) => Date.parse(c.assessment!.completedAt) <= asOf.getTime() - FOLLOW_UP_DAYS * DAY);
    expect(old.length / assessed.length).toBeGreaterThan(0.25);
  });

  it('companies with a key measure have fewer incidents in the year after their assessment than those without', () => {
    const cutoff = asOf.getTime() - FOLLOW_UP_DAYS * DAY;
    let shown = 0;
    for (const control of Object.keys(INCIDENT_FACTORS)) {
      const counts = { controlId: control, nWith: 0, eventsWith: 0, nWithout: 0, eventsWithout: 0 };
      for (const c of all) {
        const a = c.assessment;
        if (!a || Date.parse(a.completedAt) > cutoff) continue;
        const answer = a.answers[control];
        if (answer !== 'yes' && answer !== 'no' && answer !== 'partly') continue;
        const done = Date.parse(a.completedAt);
        const hit = c.incidents.some((i) => i.statsConsent && i.status !== 'false_positive' && Date.parse(i.awareAt) > done && Date.parse(i.awareAt) <= done + FOLLOW_UP_DAYS * DAY) ? 1 : 0;
        if (answer === 'yes') {
          counts.nWith++;
          counts.eventsWith += hit;
        } else {
          counts.nWithout++;
          counts.eventsWithout += hit;
        }
      }
      const e = controlEffectiveness(counts);
      if (!e.difference) continue;
      shown++;
      expect(e.difference.value).toBeLessThan(0);
    }
    expect(shown).toBeGreaterThanOrEqual(3);
  });
});
