/** A one-off domain scan in Chromium: live progress (the page polls the API), then the report; axe on both. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

describe('one-off scan in Chromium', () => {
  let lab: ScanLab;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    lab = await startScanLab();
    const o = lab.options('weak.test');
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-e2e-s-'));
    writeFileSync(path.join(dir, 'ca.pem'), o.extraCa!);
    // 150 ms per DNS answer, so the progress page is seen before the report.
    await lab.dns.setLatency(150);
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      SCAN_RESOLVER: o.resolver!,
      SCAN_ALLOW_PRIVATE: '1',
      SCAN_PORT_MAP: Object.entries(o.portMap).map(([a, b]) => `${a}=${b}`).join(','),
      SCAN_CA_FILE: path.join(dir, 'ca.pem'),
    });
    server = await startServer({ config, workerPollMs: 100 });
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
    await p.getByRole('button', { name: /start/i }).click();
    await expect.poll(() => p.url()).toMatch(/\/en\/scan\/[0-9a-f-]{36}$/);
    expect(await p.locator('#scan-progress progress').count()).toBe(1);
    await checkAccessibility(p);
    await p.getByTestId('scan-grade').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('scan-grade').textContent()).toMatch(/^[A-F][+-]?$/);
    expect(await p.locator('[data-check="web.cert"]').getAttribute('data-status')).toBe('fail');
    expect(await p.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['E-mail', 'Website', 'DNS']));
    await checkAccessibility(p);
    expect(csp).toEqual([]);
    await ctx.close();
  }, 90_000);
});
