/**
 * The set-up most browser tests share: an SMTP sink on loopback, the real server (SQLite, in-process worker) mailing
 * to it, and Chromium; pages at 360 px that collect CSP violations, and the check every page gets (no horizontal
 * scrolling, WCAG 2.1 SC 1.4.10; axe-core with no serious or critical violation). Call inside a `describe`: it
 * registers its own beforeAll/afterAll, and the fields are set once beforeAll has run.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from './browser.ts';
import { startE2eServer } from './e2e-flows.ts';
import { startSmtp, type SmtpSink } from './smtp.ts';

export const PHONE = { width: 360, height: 740 };

export interface PhoneSuite {
  server: RunningServer;
  smtp: SmtpSink;
  browser: Browser;
  /** The server's address, e.g. http://127.0.0.1:41234. */
  base: string;
  /** CSP violations seen by every page opened with phonePage, one list per page. */
  csp: string[][];
  phonePage(locale: string): Promise<Page>;
  checked(p: Page): Promise<void>;
}

export function phoneSuite(): PhoneSuite {
  const suite = { csp: [] as string[][] } as PhoneSuite;
  suite.phonePage = async (locale) => {
    const ctx = await newContext(suite.browser, { viewport: PHONE, locale, isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    suite.csp.push(collectCspViolations(p));
    return p;
  };
  suite.checked = async (p) => {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${p.url()} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
    await checkAccessibility(p);
  };
  beforeAll(async () => {
    suite.smtp = await startSmtp();
    suite.server = await startE2eServer({ env: { SMTP_URL: suite.smtp.url } });
    suite.base = suite.server.url;
    suite.browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    await suite.smtp?.stop();
  });
  return suite;
}
