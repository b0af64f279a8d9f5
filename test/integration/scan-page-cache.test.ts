/**
 * Finished scans are kept presented per language (src/http/presenters/scan-cache.ts, issue 13). The page must still
 * show exactly what the stored scan says: a running scan its latest progress on every view, a deleted scan nothing
 * (GDPR Art. 17: erased data must not stay visible through a copy), and each language its own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { seedDemo } from '../../src/entrypoints/demo.ts';
import { PresentedScans } from '../../src/http/presenters/scan-cache.ts';
import { insertScan, updateScan } from '../../src/db/repositories/scan.repository.ts';

describe.each(DIALECTS)('presented scans (%s)', (dialect) => {
  let t: TestApp;
  let done: string[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.runtime.deps, t.runtime.content.assessment, t.runtime.content.incidents);
    done = (await t.runtime.deps.db.selectFrom('scans').select('id').where('status', '=', 'done').orderBy('created_at').execute()).map((r) => r.id);
    // Two more finished scans: copies of the demo's first under new ids.
    const copy = await t.runtime.deps.db.selectFrom('scans').selectAll().where('id', '=', done[0]!).executeTakeFirstOrThrow();
    for (const id of [randomUUID(), randomUUID()]) {
      await insertScan(t.runtime.deps.db, { ...copy, id });
      done.push(id);
    }
  });
  afterAll(async () => t.close());

  it('has finished scans to show', () => {
    expect(done.length).toBeGreaterThanOrEqual(4);
  });

  it('presents a finished scan once per language and answers later views from memory', async () => {
    const cache = new PresentedScans(t.runtime.content.scanMessages);
    const first = await cache.get(t.runtime.deps.db, done[0]!, 'nl');
    expect(first?.status).toBe('done');
    expect(first?.result?.checks.length).toBeGreaterThan(5);
    expect(await cache.get(t.runtime.deps.db, done[0]!, 'nl')).toBe(first);
    const fr = await cache.get(t.runtime.deps.db, done[0]!, 'fr');
    expect(fr).not.toBe(first);
    expect(fr?.result?.checks.map((c) => c.id)).toEqual(first?.result?.checks.map((c) => c.id));
    expect(fr?.result?.checks[0]?.title).not.toBe(first?.result?.checks[0]?.title);
    expect(cache.size).toBe(2);
  });

  it('shows a running scan’s progress as it moves, never a stored copy', async () => {
    const cache = new PresentedScans(t.runtime.content.scanMessages);
    const id = randomUUID();
    const now = new Date().toISOString();
    await insertScan(t.runtime.deps.db, { id, domain: 'example.be', company_id: null, requested_by: null, status: 'running', progress: 10, step: 'dns', algorithm_version: null, grade: null, result: null, error: null, created_at: now, started_at: now, finished_at: null, fingerprint: null });
    expect((await cache.get(t.runtime.deps.db, id, 'en'))?.progress).toBe(10);
    await updateScan(t.runtime.deps.db, id, { progress: 60, step: 'tls' });
    expect((await cache.get(t.runtime.deps.db, id, 'en'))?.progress).toBe(60);
    expect(cache.size).toBe(0);
  });

  it('forgets a deleted scan at once, on the page too', async () => {
    const id = done[1]!;
    const before = await t.app.inject({ url: `/en/scan/${id}` });
    expect(before.statusCode).toBe(200);
    expect(await t.app.inject({ url: `/en/scan/${id}` }).then((r) => r.body)).toBe(before.body);
    await t.runtime.deps.db.deleteFrom('scans').where('id', '=', id).execute();
    expect((await t.app.inject({ url: `/en/scan/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/en/scan/${id}/report.pdf` })).statusCode).toBe(404);
  });

  it('holds at most its limit, dropping the least recently viewed', async () => {
    const cache = new PresentedScans(t.runtime.content.scanMessages, 2);
    const [a, b, c] = [done[0]!, done[2]!, done[3]!];
    const first = await cache.get(t.runtime.deps.db, a, 'de');
    expect((await cache.get(t.runtime.deps.db, b, 'de'))?.id).toBe(b);
    expect(await cache.get(t.runtime.deps.db, a, 'de')).toBe(first);
    expect((await cache.get(t.runtime.deps.db, c, 'de'))?.id).toBe(c);
    expect(cache.size).toBe(2);
    expect(await cache.get(t.runtime.deps.db, a, 'de')).toBe(first);
  });
});
