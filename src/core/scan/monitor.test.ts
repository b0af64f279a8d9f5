import { describe, expect, it } from 'vitest';
import { changesBetween, type Fingerprint } from './monitor.ts';

const base: Fingerprint = { spf: ['v=spf1 -all'], dmarc: ['v=DMARC1; p=reject'], mx: ['mx1'], ns: ['ns1', 'ns2'], certNotAfter: '2027-06-01T00:00:00.000Z', lookalikes: [], statuses: { 'mail.dmarc': 'pass', 'web.cert': 'pass', 'web.https': 'pass' } };
const now = new Date('2026-12-01T00:00:00Z');

describe('changesBetween', () => {
  it('reports nothing when nothing changed', () => {
    expect(changesBetween(base, base, now)).toEqual([]);
  });
  it('reports a check that got worse, but not one that could not be tested', () => {
    const next = { ...base, statuses: { ...base.statuses, 'mail.dmarc': 'warn' as const, 'web.https': 'error' as const } };
    expect(changesBetween(base, next, now)).toEqual([{ kind: 'worse', checkId: 'mail.dmarc', from: 'pass', to: 'warn' }]);
  });
  it('reports SPF, DMARC, MX and NS record changes and new lookalikes', () => {
    const next = { ...base, spf: ['v=spf1 +all'], dmarc: ['v=DMARC1; p=none'], mx: ['mx2'], ns: ['ns1'], lookalikes: ['schi1d.be'] };
    expect(changesBetween(base, next, now).map((c) => c.kind)).toEqual(['records', 'records', 'records', 'records', 'lookalike']);
  });
  it('warns 21 days before the certificate expires, even on the first scan', () => {
    const next = { ...base, certNotAfter: '2026-12-15T00:00:00.000Z' };
    expect(changesBetween(null, next, now)).toEqual([{ kind: 'cert_expiring', days: 14 }]);
    expect(changesBetween(null, { ...base, certNotAfter: '2026-12-25T00:00:00.000Z' }, now)).toEqual([]);
  });
});
