/**
 * Issue 10, "Done when": the whole phishing exercise in Chromium, at 360 px, axe on every page, one server, one browser.
 * An owner signs up (Dutch), proves the company domain with a DNS TXT record on the loopback DNS server, imports
 * three people by CSV (two Dutch, one French), plans an exercise with the form; the worker sends it to the loopback
 * SMTP sink. Two people open their mail's link (landing page in their own language, nl and fr), type a unique value
 * into every field and submit; that value must be nowhere afterwards (every file of the data folder, every log line —
 * docs/phishing.md, "Nothing typed is kept"). The third forwards her simulated mail to the company's report address
 * through `schild mail-in` running in-process on 127.0.0.1, which counts as reported. The results page (nl and fr)
 * must then show 1 of 3 reported, 2 of 3 clicked, 2 of 3 submitted.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../src/app/companies.ts';
import { loadConfig } from '../../src/config.ts';
import { findUserById, findUserRowByEmail } from '../../src/db/repositories/user.repository.ts';
import { dnsLookup, startMailIn, type MailInServer } from '../../src/entrypoints/mail-in.ts';
import { startServer, type RunningServer } from '../../src/entrypoints/server.ts';
import { TestClock } from '../support/app.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { forwardAsAttachment } from '../support/mail-in/fixtures.ts';
import { LogCapture } from '../support/phishing.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';
import { startSmtp, type CapturedMail, type SmtpSink } from '../support/smtp.ts';

// A desktop Chrome's agent: headless Chromium names itself "HeadlessChrome", which the scanner filter sets apart.
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const DOMAIN = 'good.test';
const OWNER = { name: 'Lies Peeters', email: 'lies@example.be', password: 'een-lange-zin-als-wachtwoord' };

/** Milliseconds from now to the next weekday at 09:30 UTC (10:30 or 11:30 in Brussels): inside the default sending window. */
function toNextWeekdayMorning(): number {
  const now = Date.now();
  const d = new Date(now);
  for (let i = 1; i <= 7; i++) {
    const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + i, 9, 30));
    if (day.getUTCDay() >= 1 && day.getUTCDay() <= 5) return day.getTime() - now;
  }
  throw new Error('no weekday in a week');
}

describe('phishing exercise, from sign-up to results, in Chromium', () => {
  const log = new LogCapture();
  const clock = new TestClock();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schild-phish-journey-'));
  let lab: ScanLab;
  let sink: SmtpSink;
  let server: RunningServer;
  let mailIn: MailInServer;
  let browser: Browser;

  beforeAll(async () => {
    lab = await startScanLab();
    sink = await startSmtp();
    clock.advance(toNextWeekdayMorning());
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SMTP_URL: sink.url, MAIL_IN_DOMAIN: 'report.schild.test', ...lab.env(DOMAIN) });
    server = await startServer({ config, clock, workerPollMs: 100, log: pino({ level: 'info' }, log) });
    server.runtime.deps.config.baseUrl = server.url;
    mailIn = await startMailIn(server.runtime.deps, { dns: dnsLookup(lab.dns.server), domainAge: async () => null }, { host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mailIn?.stop();
    await server?.stop();
    await sink?.stop();
    await lab?.stop();
  });

  /** axe (WCAG 2.1 AA) and no sideways scrolling at 360 px (WCAG 1.4.10) on whatever page is open. */
  const checked = async (p: Page) => {
    await checkAccessibility(p);
    await expectFitsTheScreen(p);
  };

  it('sign-up, domain, CSV, exercise, clicks in nl and fr, a report by mail-in, and the numbers on the results page', async () => {
    const deps = server.runtime.deps;
    const base = server.url;
    const ownerCtx = await newContext(browser, { viewport: { width: 360, height: 800 }, locale: 'nl-BE' });
    const p = await ownerCtx.newPage();
    p.setDefaultTimeout(20_000);

    // Sign-up through the form and the e-mailed link; the company itself is made by its use case (covered by journey.e2e).
    await signUpVerifyAndLogIn(p, base, sink, 'nl', OWNER);
    const user = (await findUserById(deps.db, (await findUserRowByEmail(deps.db, OWNER.email))!.id))!;
    const companyId = await createCompany(
      deps,
      user,
      { name: 'Bakkerij Lies', enterpriseNumber: null, naceCode: '10', employees: 6, region: 'brussels', language: 'nl', website: true, webshop: false, emailProvider: 'google', cardPayments: true, personalData: 'basic', remoteWork: false, itProvider: false },
      { ip: '127.0.0.1', userAgent: 'test' },
    );
    const company = `${base}/nl/companies/${companyId}`;

    // The domain, proven with a TXT record on the loopback DNS server.
    await p.goto(`${company}/domains`);
    await p.locator('input[name=domain]').fill(DOMAIN);
    await p.locator(`main form[action$="/domains"] button[type=submit]`).click();
    await expect.poll(() => p.url()).toContain('done=added');
    await checked(p);
    const record = await p.locator(`[data-domain="${DOMAIN}"] code`).first().textContent();
    const verification = /schild-verification=([A-Za-z0-9_-]+)/.exec(record ?? '')![1]!;
    lab.setRecord(DOMAIN, { name: '_schild-verification', type: 'TXT', data: `schild-verification=${verification}` });
    await p.locator(`main form[action$="/verify"] button[type=submit]`).click();
    await expect.poll(() => p.url()).toContain('done=verified');

    // The staff list by CSV; e-mail addresses in capitals are kept lower-cased (mail-in looks people up that way).
    await p.goto(`${company}/people`);
    await checked(p);
    await p.locator('#f-csv').fill(`email;name;language;group\nAn@${DOMAIN};An Peeters;nl;Winkel\nluc@${DOMAIN};Luc Dubois;fr;Atelier\neva@${DOMAIN};Eva Jacobs;nl;Winkel\n`);
    await p.locator('main form[action$="/people/import"] button[type=submit]').click();
    await expect.poll(() => p.locator('[data-testid=people]').textContent()).toContain(`eva@${DOMAIN}`);
    expect(await p.locator('[data-testid=people]').textContent()).toContain(`an@${DOMAIN}`);
    await checked(p);

    // The exercise, planned with the form for everyone, starting now.
    await p.goto(`${company}/phishing`);
    await checked(p);
    await p.locator('#f-name').fill('Pakket december');
    await p.locator('input[name=templateId][value=parcel-delivery]').check();
    await p.locator('main form[action$="/phishing"] button[type=submit]').click();
    await p.waitForURL(/\/phishing\/[0-9a-f-]{36}\?done=created$/);
    const campaignId = /\/phishing\/([0-9a-f-]{36})/.exec(p.url())![1]!;
    await checked(p);

    // The worker sends one mail per person to the sink, each with its own link and the simulation header.
    const simulated = (to: string) => sink.waitFor((m) => m.to.includes(to) && m.headers['x-schild-simulation'] !== undefined, 30_000);
    const [an, luc, eva] = await Promise.all([simulated(`an@${DOMAIN}`), simulated(`luc@${DOMAIN}`), simulated(`eva@${DOMAIN}`)]);
    const linkOf = (m: CapturedMail) => {
      const token = m.headers['x-schild-simulation']!;
      expect(m.text).toContain(`${base}/p/${token}`);
      return `${base}/p/${token}`;
    };
    expect(luc!.subject).not.toBe(an!.subject); // each person gets the mail in their own language
    // A person clicks later than a mail scanner would (the scanner filter ignores clicks within seconds of delivery).
    // The worker records a mail as sent just after the SMTP server accepted it, so the sink can hold a mail a moment
    // before its "sent" time exists; the clock moves on only once all three are recorded, or a click would be measured
    // against a "sent" time taken on the moved clock.
    const sentCount = async () => (await deps.db.selectFrom('phishing_recipients').select('id').where('campaign_id', '=', campaignId).where('send_state', '=', 'sent').execute()).length;
    for (const until = Date.now() + 30_000; (await sentCount()) < 3 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(await sentCount()).toBe(3);
    clock.advance(5 * 60_000);

    for (const { mail, lang, locale } of [
      { mail: an!, lang: 'nl', locale: 'nl-BE' },
      { mail: luc!, lang: 'fr', locale: 'fr-BE' },
    ]) {
      const secret = `Zz-${lang}-${Math.random().toString(36).slice(2, 12)}-typed`;
      const ctx = await newContext(browser, { userAgent: CHROME, viewport: { width: 360, height: 740 }, locale });
      const r = await ctx.newPage();
      await r.goto(linkOf(mail));
      expect(await r.locator('html').getAttribute('lang')).toBe(lang);
      await checked(r);
      const inputs = r.locator('form[data-testid="landing-form"] input:not([type=hidden])');
      expect(await inputs.count()).toBeGreaterThan(0);
      for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill(secret);
      await r.locator('form[data-testid="landing-form"] button[type=submit]').click();
      await r.waitForURL(/\/learn\?submitted=1$/);
      expect(await r.locator('html').getAttribute('lang')).toBe(lang);
      await checked(r);
      await ctx.close();

      for (const f of readdirSync(dataDir)) {
        const file = path.join(dataDir, f);
        if (!statSync(file).isFile()) continue;
        expect(readFileSync(file).includes(Buffer.from(secret)), `${f} holds the typed value`).toBe(false);
      }
      expect(log.text).toContain('incoming request');
      expect(log.text).not.toContain(secret);
    }

    // Eva forwards her simulated mail, as an attachment, to the report address shown on the owner's page.
    await p.goto(`${company}/mail-reports`);
    await checked(p);
    const address = /[a-z2-7]{16}@report\.schild\.test/.exec((await p.locator('main').textContent()) ?? '')![0];
    const original = [`From: ${eva!.headers.from}`, `To: eva@${DOMAIN}`, `Subject: ${eva!.subject}`, `X-Schild-Simulation: ${eva!.headers['x-schild-simulation']}`, 'Content-Type: text/plain; charset=utf-8', '', eva!.text].join('\r\n');
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: mailIn.port, secure: false, ignoreTLS: true });
    await smtp.sendMail({ envelope: { from: `eva@${DOMAIN}`, to: [address] }, raw: forwardAsAttachment(original, { from: `Eva Jacobs <eva@${DOMAIN}>`, to: address }) });
    smtp.close();
    await sink.waitFor((m) => m.to.includes(`eva@${DOMAIN}`) && m.headers['x-schild-simulation'] === undefined, 30_000); // the thank-you

    // The results page shows what happened, in the owner's language and in French.
    for (const [lang, word] of [
      ['nl', 'van'],
      ['fr', 'sur'],
    ] as const) {
      await p.goto(`${base}/${lang}/companies/${companyId}/phishing/campaigns/${campaignId}/results`);
      await checked(p);
      expect(await p.locator('[data-testid=headline] .big-number').textContent()).toMatch(new RegExp(`^1 ${word} 3\\b`));
      const rows = await p.locator('main table.stack').first().locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(4); // reported, clicked, submitted, opened
      expect(rows[0]).toContain(`1 ${word} 3`);
      expect(rows[1]).toContain(`2 ${word} 3`);
      expect(rows[2]).toContain(`2 ${word} 3`);
    }
    await ownerCtx.close();
  }, 240_000);
});
