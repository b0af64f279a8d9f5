/** The public /open-data page, server-rendered (no JavaScript needed), in two languages, before and after a release. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishOpenDataRelease } from '../../src/app/open-data.ts';
import { seededRandomInt } from '../support/seeded-random.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('open-data page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends a visitor to the page in the language of the browser', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open-data', headers: { 'accept-language': 'de-BE,de;q=0.9' } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/de/open-data');
  });

  it('explains the method and says there is no release yet', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/open-data' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en"');
    for (const text of ['What we count', 'Why small numbers are hidden', 'fewer than 10 businesses', 'A little noise, on purpose', 'The number ε (epsilon)', 'There is no release yet']) expect(res.body).toContain(text);
  });

  it('lists each release with its ε, the typical noise and working download links, in French and Dutch', async () => {
    const cells = [{ naceSection: 'C', sizeBand: '1-9' as const, region: 'flanders' as const, quarter: '2026-Q3', measure: 'companies', value: 40, contributors: 40 }];
    const r = await publishOpenDataRelease(t.runtime.deps, async () => cells, { quarter: '2026-Q3', epsilon: '0.5', random: seededRandomInt(3n) });
    expect(r.ok).toBe(true);
    const fr = await t.app.inject({ method: 'GET', url: '/fr/open-data' });
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('Pourquoi les petits nombres sont cachés');
    expect(fr.body).toContain('Un peu de bruit, exprès');
    expect(fr.body).toMatch(/data-testid="epsilon">0,5</);
    // Δ = 11 measures, ε = 0.5: scale 22, standard deviation √(2α)/(1−α) with α = e^(−1/22) ≈ 31.
    expect(fr.body).toContain('environ 31 entreprises');
    const nl = await t.app.inject({ method: 'GET', url: '/nl/open-data' });
    expect(nl.body).toContain('Waarom kleine aantallen verborgen zijn');
    expect(nl.body).toContain('Bestand voor Excel (CSV, 2026-Q3)');
    const links = [...nl.body.matchAll(/href="(\/api\/v1\/open-data\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toEqual(['/api/v1/open-data/2026-Q3.csv', '/api/v1/open-data/2026-Q3.json']);
    for (const link of links) expect((await t.app.inject({ method: 'GET', url: link })).statusCode).toBe(200);
  });
});
