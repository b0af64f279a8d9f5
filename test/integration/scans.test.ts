/** One-off scans over HTTP (API and pages) against the loopback lab, run by the background job, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

describe.each(DIALECTS)('scans on %s', (dialect) => {
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

  it('API: 202 with an id, then progress and results with texts in the asked language', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: 'https://www.Good.Test/path' } });
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    const queued = await t.app.inject({ url: `/api/v1/scans/${id}?lang=fr` });
    expect(queued.json()).toMatchObject({ domain: 'good.test', status: 'queued', result: null });
    await t.drainJobs();
    const done = (await t.app.inject({ url: `/api/v1/scans/${id}?lang=fr` })).json();
    expect(done.status).toBe('done');
    expect(done.result.grade).toMatch(/^[AB]/);
    const dmarc = done.result.checks.find((c: { id: string }) => c.id === 'mail.dmarc');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.title.length).toBeGreaterThan(3);
    // A second request within five minutes reuses the scan.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: 'good.test' } });
    expect(again.json()).toMatchObject({ id, status: 'reused' });
  });

  it('refuses what is not a public domain name', async () => {
    for (const domain of ['localhost', '127.0.0.1', 'not a domain', 'x', '-bad-.be']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain } });
      expect(res.statusCode, domain).toBe(400);
    }
  });

  it('web: a one-off scan shows progress (refreshing itself), then the report grouped with a grade', async () => {
    const b = new Browser(t.app);
    await b.get('/nl/scan');
    const started = await b.post('/nl/scan', { domain: 'weak.test' });
    expect(started.statusCode).toBe(303);
    const url = String(started.headers.location);
    const progress = await b.get(url);
    expect(progress.body).toContain('data-testid="scan-refresh"'); // the no-JavaScript way to follow progress
    expect(progress.body).toContain('<progress');
    // Point the scanner at the weak hosts for this scan.
    t.config.scan.portMap = lab.options('weak.test').portMap;
    await t.drainJobs();
    const report = await b.get(url);
    expect(report.body).not.toContain('data-testid="scan-refresh"');
    expect(report.body).toContain('data-testid="scan-grade"');
    expect(report.body).toContain('data-check="web.cert" data-status="fail"');
    expect(report.body).toMatch(/<h2>E-mail<\/h2>/);
    const pdf = await b.get(`${url}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { createRequire } = await import('node:module');
    const parse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (x: Buffer) => Promise<{ text: string }>;
    const text = (await parse(pdf.rawPayload)).text;
    expect(text).toContain('Controle van weak.test');
    expect(text).toContain('Aan te pakken');
  });
});
