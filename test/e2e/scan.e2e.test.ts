/** A one-off domain scan in Chromium: live progress (the page polls the API), then the report; axe on both. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { startE2eServer } from '../support/e2e-flows.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

describe('one-off scan in Chromium', () => {
  let lab: ScanLab;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    lab = await startScanLab();
    // DNS answers are held back while the test looks at the progress page, then released (see the test).
    await lab.dns.setLatency(150);
    server = await startE2eServer({ env: lab.env('weak.test'), workerPollMs: 100 });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await lab?.stop();
  });

  it('shows live progress, then the grouped report with a grade', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB' });
    const p = await ctx.newPage();
    const csp = collectCspViolations(p);
    await p.goto(`${server.url}/en/scan`);
    await checkAccessibility(p);
    await p.getByLabel('Domain name').fill('weak.test');
    // Slow DNS until the progress page has been checked, so the scan cannot finish first on a busy machine.
    await lab.dns.setLatency(3_000);
    await p.getByRole('button', { name: /start/i }).click();
    await expect.poll(() => p.url()).toMatch(/\/en\/scan\/[0-9a-f-]{36}$/);
    expect(await p.locator('#scan-progress progress').count()).toBe(1);
    await checkAccessibility(p);
    await lab.dns.setLatency(0);
    await p.getByTestId('scan-grade').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('scan-grade').textContent()).toMatch(/^[A-F][+-]?$/);
    expect(await p.locator('[data-check="web.cert"]').getAttribute('data-status')).toBe('fail');
    expect(await p.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['E-mail', 'Website', 'Address book of the internet (DNS)']));
    await checkAccessibility(p);
    expect(csp).toEqual([]);
    await ctx.close();
  }, 90_000);
});
