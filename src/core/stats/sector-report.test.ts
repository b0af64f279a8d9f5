/**
 * The sector report's disclosure control: the threshold rule (at least 10 companies, OECD glossary "threshold rule")
 * on a safe lower bound of the companies behind a figure over several quarters, and complementary suppression so a
 * hidden figure cannot be recomputed from the total (ESSnet Handbook on SDC v1.2, ch. 4 §4.3).
 */
import { describe, expect, it } from 'vitest';
import { threatProfile, topGaps } from './sector-report.ts';

const classes = new Map([['fraud', ['phishing_click', 'invoice_fraud']], ['malicious-code', ['ransomware']]]);
const categories = ['phishing_click', 'invoice_fraud', 'ransomware'];
const cell = (quarter: string, measure: string, value: number, contributors = value) => ({ quarter, measure, value, contributors });

describe('threat profile suppression', () => {
  it('hides a category of 3 and enough others that no sum or difference of shown figures gives it back', () => {
    const p = threatProfile(
      [cell('2026-Q4', 'incidents', 26), cell('2026-Q4', 'incident:category:phishing_click', 12), cell('2026-Q4', 'incident:category:invoice_fraud', 11), cell('2026-Q4', 'incident:category:ransomware', 3), cell('2026-Q4', 'incident:rsit:fraud', 23), cell('2026-Q4', 'incident:rsit:malicious-code', 3)],
      classes,
      categories,
    );
    const value = (m: string) => [p.total, ...p.byCategory, ...p.byClass].find((r) => r.measure === m)!.value;
    expect(value('incident:category:ransomware')).toBeNull();
    expect(value('incident:rsit:malicious-code')).toBeNull();
    // All incidents − phishing − invoice fraud = ransomware, and all incidents − fraud class = ransomware: neither set
    // may be fully shown.
    expect([value('incidents'), value('incident:category:phishing_click'), value('incident:category:invoice_fraud')]).toContain(null);
    expect([value('incidents'), value('incident:rsit:fraud')]).toContain(null);
    expect(p.byCategory.find((r) => r.measure === 'incident:category:ransomware')!.share).toBeNull();
  });

  it('counts the companies behind a figure as the largest number in one quarter, not the sum over quarters', () => {
    const p = threatProfile([cell('2026-Q3', 'incidents', 6), cell('2026-Q4', 'incidents', 6), cell('2026-Q3', 'incident:category:phishing_click', 6), cell('2026-Q4', 'incident:category:phishing_click', 6)], classes, categories);
    expect(p.total.value).toBeNull();
  });
});

describe('top gaps', () => {
  it('lists a control only when at least 10 companies answered and at least 10 lack it', () => {
    const gaps = topGaps(new Map<string, Record<string, number>>([['a', { no: 9, yes: 30 }], ['b', { no: 6, partly: 6, yes: 3 }], ['c', { no: 10, yes: 40, unknown: 10 }]]));
    expect(gaps).toEqual([
      { controlId: 'b', missing: 12, answered: 15, share: 80 },
      { controlId: 'c', missing: 10, answered: 60, share: 17 },
    ]);
  });
});

describe('threat profile labels', () => {
  it('every RSIT class of the classification has a plain-language name in the catalogue', async () => {
    const { rsitClasses } = await import('../../app/statistics.ts');
    const { catalog } = await import('../../i18n/index.ts');
    for (const cls of rsitClasses().keys()) expect(Object.keys(catalog)).toContain(`rsit.${cls}`);
  });
});
