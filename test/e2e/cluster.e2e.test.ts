/**
 * Issue 13, "many processes on PostgreSQL", always in the cluster topology (test/support/cluster.ts): three web
 * processes behind a round-robin proxy that picks a process per request, two `schild worker` processes, one
 * PostgreSQL database. One browser signs up, verifies its e-mail, creates a company, answers the assessment and
 * reads its plan, then scans a domain; each of its requests may land on another process, so any state kept in one
 * process's memory shows up as a failure here. The full e2e suite runs on the same topology with
 * `npm run test:e2e:cluster` (bench/README.md).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from '../support/browser.ts';
import { startClusterServer, type ClusterServer } from '../support/cluster.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('3 web processes and 2 workers on one PostgreSQL', () => {
  let smtp: SmtpSink;
  let lab: ScanLab;
  let server: ClusterServer;
  let browser: Browser;

  beforeAll(async () => {
    [smtp, lab] = await Promise.all([startSmtp(), startScanLab()]);
    [server, browser] = await Promise.all([startClusterServer({ env: { SMTP_URL: smtp.url, ...lab.env('weak.test') } }), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await Promise.all([lab?.stop(), smtp?.stop()]);
  });

  it('signs up, makes a company, finishes the assessment and scans a domain across all processes', async () => {
    const base = server.url;
    const db = server.runtime.deps.db;
    const ctx = await newContext(browser, { locale: 'nl-BE' });
    const p = await ctx.newPage();
    // The verification mail is queued by a web process and sent by a worker process (web process A has no worker).
    await signUpVerifyAndLogIn(p, base, smtp, 'nl', { name: 'Piet', email: 'piet@example.be', password: 'een-lange-zin-als-wachtwoord' });

    await p.goto(`${base}/nl/companies/new`);
    await p.getByLabel(/naam van/i).fill('Boekhouding Piet');
    await p.getByLabel(/hoofdactiviteit/i).fill('69.2');
    await p.getByLabel('Aantal medewerkers').fill('3');
    const yesNo = async (legend: RegExp, answer: 'Ja' | 'Nee') => p.getByRole('group', { name: legend }).getByLabel(answer, { exact: true }).check();
    await yesNo(/website/i, 'Ja');
    await yesNo(/webshop/i, 'Nee');
    await p.getByLabel('Gewest').selectOption('flanders');
    await p.getByRole('group', { name: /e-mail/i }).getByLabel(/Microsoft 365/).check();
    await yesNo(/kaart/i, 'Nee');
    await p.getByRole('group', { name: /gegevens/i }).locator('input[value="sensitive"]').check();
    await yesNo(/thuis/i, 'Ja');
    await yesNo(/IT-leverancier/i, 'Ja');
    await p.getByRole('button', { name: /toevoegen/i }).click();
    await expect.poll(() => p.url()).toContain('done=company_created');
    const companyUrl = p.url().split('?')[0]!;

    await p.goto(`${companyUrl}/assessment`);
    await p.locator('.card a').first().click();
    const groups = p.locator('fieldset.question');
    for (let i = 0, n = await groups.count(); i < n; i++) await groups.nth(i).locator('input[value="no"]').check();
    await p.getByRole('button', { name: /volgend thema/i }).click();
    await p.goto(`${companyUrl}/assessment`);
    await p.getByRole('button', { name: /afronden/i }).click();
    await expect.poll(() => p.url()).toContain('/results?done=finished');
    expect(await p.locator('.plan-item h4').count()).toBeGreaterThan(0);

    // A one-off scan: the request that starts it is answered by one web process; only worker processes run jobs.
    await p.goto(`${base}/en/scan`);
    await p.getByLabel('Domain name').fill('weak.test');
    const [started] = await Promise.all([p.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/en/scan'), p.getByRole('button', { name: /start/i }).click()]);
    expect(['A', 'B', 'C']).toContain(started.headers()['x-served-by']);
    await p.getByTestId('scan-grade').waitFor({ timeout: 30_000 });
    const scan = await db.selectFrom('scans').select(['status', 'domain']).where('domain', '=', 'weak.test').executeTakeFirstOrThrow();
    expect(scan.status).toBe('done');
    const scraped = await Promise.all(server.cluster.workerMetricsPorts.map(async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
    const scansDone = scraped.map((text) => sample(text, 'schild_jobs_total{type="scan",outcome="done"}'));
    expect(scansDone.reduce((a, b) => a + b, 0)).toBe(1);
    const mailsDone = scraped.map((text) => sample(text, 'schild_jobs_total{type="send-email",outcome="done"}'));
    expect(mailsDone.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    await ctx.close();

    // Every web process answered part of this one browser's requests.
    const served = server.cluster.proxy.served;
    for (const name of ['A', 'B', 'C']) expect(served.get(name), `requests served by ${name}`).toBeGreaterThan(2);
  }, 180_000);
});
