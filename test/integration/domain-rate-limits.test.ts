/**
 * Attack: using a company's domain page to make the scanner hammer a domain's servers, with many ownership checks
 * or "scan now" requests, sent one after another or all at once. Each attempt is counted atomically before any
 * network work (src/app/domains.ts DOMAIN_RATE_LIMITS), so the limit holds under parallel requests too, and the
 * refused ones get a translated message, a 429 and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_RATE_LIMITS } from '../../src/app/domains.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

const statuses = (list: { statusCode: number }[]) => list.map((r) => r.statusCode).sort();

describe.each(DIALECTS)('domain verification and monitoring scans are rate-limited on %s', (dialect) => {
  let lab: ScanLab;
  let t: TestApp;
  beforeAll(async () => {
    lab = await startScanLab();
    t = await createTestApp(dialect, lab.env('good.test'));
  });
  afterAll(async () => {
    await t?.close();
    await lab?.stop();
  });

  it('holds the limits for parallel ownership checks and parallel "scan now" requests', async () => {
    const { b, companyId } = await ownerWithCompany(t, `limits-${dialect}@example.be`);
    const base = `/en/companies/${companyId}/domains`;
    await b.get(base);
    expect((await b.post(base, { domain: 'good.test' })).statusCode).toBe(303);
    const page = await b.get(base);
    const id = /domains\/([0-9a-f-]{36})\/verify/.exec(page.body)![1]!;
    const token = /schild-verification=([A-Za-z0-9_-]+)/.exec(page.body)![1]!;
    const txtQueries = () => lab.dns.queries.filter((q) => q.name === '_schild-verification.good.test' && q.type === 'TXT').length;

    // 12 ownership checks at once, the record not published yet: 10 are carried out (400, not found yet), 2 refused.
    const max = DOMAIN_RATE_LIMITS.verifyPerDomain.max;
    const queriesBefore = txtQueries();
    const checks = await Promise.all(Array.from({ length: max + 2 }, () => b.post(`${base}/${id}/verify`, {})));
    expect(statuses(checks)).toEqual([...Array(max).fill(400), 429, 429]);
    expect(txtQueries() - queriesBefore).toBeLessThanOrEqual(max);
    const refused = checks.find((r) => r.statusCode === 429)!;
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toContain('You have asked for this too often');

    // Even with the record in place, a refused attempt changes nothing: the domain stays unverified.
    lab.setRecord('good.test', { name: '_schild-verification', type: 'TXT', data: `schild-verification=${token}` });
    expect((await b.post(`${base}/${id}/verify`, {})).statusCode).toBe(429);
    expect((await b.get(base)).body).not.toContain('data-testid="verified"');

    // An hour later the check runs again and succeeds.
    t.clock.advance(61 * 60_000);
    expect((await b.post(`${base}/${id}/verify`, {})).headers.location).toBe(`${base}?done=verified`);

    // "Scan now", 8 at once: 6 scans are scheduled, 2 refused with the message in the user's language.
    const scanMax = DOMAIN_RATE_LIMITS.scanNowPerDomain.max;
    const db = t.runtime.deps.db;
    const countScans = async () => Number((await db.selectFrom('scans').select((e) => e.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow()).n);
    const scansBefore = await countScans();
    const scans = await Promise.all(Array.from({ length: scanMax + 2 }, () => b.post(`${base}/${id}/scan`, {})));
    expect(statuses(scans)).toEqual([...Array(scanMax).fill(303), 429, 429]);
    expect((await countScans()) - scansBefore).toBe(scanMax);
    const nl = await b.post(`/nl/companies/${companyId}/domains/${id}/scan`, {});
    expect(nl.statusCode).toBe(429);
    expect(nl.body).toContain('Je hebt dit te vaak gevraagd');
    expect((await countScans()) - scansBefore).toBe(scanMax);
    lab.setRecord('good.test', { name: '_schild-verification', type: 'TXT', data: 'unrelated' });
  }, 90_000);
});
