/**
 * A recipient of a simulated phishing mail in Chromium, at 360 px, in Dutch (log-in form) and French (payment form):
 * the landing page, typing a unique value into every field, the teaching page and the lesson — axe clean, no
 * sideways scrolling. Then the value is searched for in every file of the data folder (the SQLite database and its
 * WAL) and in the captured logs: it must be nowhere (docs/phishing.md, "Nothing typed is kept").
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content.ts';
import { createCompany } from '../../src/app/companies.ts';
import { seedSentCampaign, type SeededCampaign } from '../../src/app/phishing-seed.ts';
import { loadConfig } from '../../src/config.ts';
import { createAdmin } from '../../src/entrypoints/admin.ts';
import { bootstrap, type Runtime } from '../../src/entrypoints/bootstrap.ts';
import { findUserById } from '../../src/db/repositories/user.repository.ts';
import { buildApp } from '../../src/http/app.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { LogCapture } from '../support/phishing.ts';
import { logInWithForm } from '../support/e2e-flows.ts';

// A desktop Chrome's agent: the headless one names itself "HeadlessChrome", which the scanner filter sets apart.
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('phishing landing and teaching pages in Chromium', () => {
  const log = new LogCapture();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schild-phish-e2e-'));
  let runtime: Runtime;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let nl: SeededCampaign;
  let fr: SeededCampaign;
  let companyIdOf = '';

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    runtime = await bootstrap({ config, log: pino({ level: 'trace' }, log) });
    const deps = runtime.deps;
    app = await buildApp(deps, { nace: runtime.content.nace, assessment: runtime.content.assessment, incidents: runtime.content.incidents, scanMessages: runtime.content.scanMessages });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const made = await createAdmin(deps, 'lies@example.be', 'Lies', 'een-lange-zin-als-wachtwoord');
    if (!made.ok) throw new Error(made.error);
    await deps.db.updateTable('users').set({ is_admin: 0, locale: 'nl' }).where('id', '=', made.userId).execute();
    const user = (await findUserById(deps.db, made.userId))!;
    const companyId = await createCompany(
      deps,
      user,
      { name: 'Bakkerij Lies', enterpriseNumber: null, naceCode: '10', employees: 6, region: 'brussels', language: 'nl', website: true, webshop: false, emailProvider: 'google', cardPayments: true, personalData: 'basic', remoteWork: false, itProvider: false },
      { ip: '127.0.0.1', userAgent: 'test' },
    );
    const startsAt = new Date(Date.now() - 3_600_000);
    const common = { companyId, createdBy: made.userId, domain: 'bakkerij-lies.example', startsAt };
    companyIdOf = companyId;
    nl = await seedSentCampaign(deps, { ...common, name: 'Wachtwoord', templateId: 'm365-password', people: [{ email: 'an@bakkerij-lies.example', name: 'An Peeters', language: 'nl' }] });
    fr = await seedSentCampaign(deps, { ...common, name: 'Livraison', templateId: 'parcel-delivery', people: [{ email: 'luc@bakkerij-lies.example', name: 'Luc Dubois', language: 'fr' }] });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
  });

  // Real templates (content/phishing/templates), read through H1's validated loader: a log-in page and a payment page.
  const templates = loadContent().phishing.templates;
  const login = templates.get('m365-password')!.i18n.nl;
  const payment = templates.get('parcel-delivery')!.i18n.fr;
  const cases = [
    { lang: 'nl', campaign: () => nl, fields: 2, landingTitle: login.landingTitle, learnTitle: 'Dit was een oefenmail', sign: login.signs[0]!.text, lesson: 'Neem de les' },
    { lang: 'fr', campaign: () => fr, fields: 4, landingTitle: payment.landingTitle, learnTitle: 'C’était un e-mail d’exercice', sign: payment.signs[0]!.text, lesson: 'Suivez la leçon' },
  ];

  it.each(cases)('lets a $lang recipient type, submit and learn; nothing typed is kept anywhere', async (c) => {
    const r = c.campaign().recipients[0]!;
    const secret = `Zz-${c.lang}-${Math.random().toString(36).slice(2, 12)}-typed`;
    const ctx = await newContext(browser, { userAgent: CHROME, viewport: { width: 360, height: 740 }, locale: c.lang === 'nl' ? 'nl-BE' : 'fr-BE' });
    const p = await ctx.newPage();
    await p.goto(`${base}/p/${r.token}`);
    expect(await p.locator('html').getAttribute('lang')).toBe(c.lang);
    expect(await p.locator('h1').textContent()).toBe(c.landingTitle);
    await checkAccessibility(p);
    await expectFitsTheScreen(p);
    const inputs = p.locator('form[data-testid="landing-form"] input:not([type=hidden])');
    expect(await inputs.count()).toBe(c.fields);
    for (let i = 0; i < c.fields; i++) {
      expect(await inputs.nth(i).getAttribute('name')).toBeNull();
      await inputs.nth(i).fill(secret);
    }
    await p.locator('form[data-testid="landing-form"] button[type=submit]').click();
    await p.waitForURL(/\/learn\?submitted=1$/);
    expect(await p.locator('h1').textContent()).toBe(c.learnTitle);
    expect(await p.getByTestId('marked-mail').textContent()).toContain(c.sign);
    await checkAccessibility(p);
    await expectFitsTheScreen(p);
    await p.getByRole('link', { name: new RegExp(c.lesson) }).click();
    await p.waitForURL(/\/lesson$/);
    await checkAccessibility(p);
    await expectFitsTheScreen(p);
    await ctx.close();

    // A direct post with the value in the body and the query: refused or ignored, never kept.
    await fetch(`${base}/p/${r.token}?q=${secret}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': CHROME }, body: `password=${secret}&card=${secret}` });

    const row = await runtime.deps.db.selectFrom('phishing_recipients').select(['clicked_at', 'submitted_at']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.clicked_at).not.toBeNull();
    expect(row.submitted_at).not.toBeNull();
    const kinds = (await runtime.deps.db.selectFrom('phishing_events').select('kind').where('recipient_id', '=', r.id).orderBy('id').execute()).map((e) => e.kind);
    expect(kinds).toEqual(['delivered', 'clicked', 'submitted', 'lesson']);

    // The whole data folder, byte for byte (database file, WAL, secrets), and every log line.
    for (const f of readdirSync(dataDir)) {
      const bytes = readFileSync(path.join(dataDir, f));
      expect(bytes.includes(Buffer.from(secret)), `${f} holds the typed value`).toBe(false);
    }
    expect(log.text).toContain('incoming request');
    expect(log.text).not.toContain(secret);
  }, 90_000);

  it('shows the owner the results, the overview and a document at 360 px, axe clean, in Dutch', async () => {
    const ctx = await newContext(browser, { viewport: { width: 360, height: 740 }, locale: 'nl-BE' });
    const p = await ctx.newPage();
    await logInWithForm(p, base, 'nl', 'lies@example.be', 'een-lange-zin-als-wachtwoord');
    for (const url of [`/nl/companies/${companyIdOf}/phishing/results`, `/nl/companies/${companyIdOf}/phishing/campaigns/${nl.campaignId}/results`, `/nl/companies/${companyIdOf}/phishing/documents`, `/nl/companies/${companyIdOf}/phishing/documents/staff-notice?in=fr`]) {
      const res = await p.goto(`${base}${url}`);
      expect(res?.status(), url).toBe(200);
      await checkAccessibility(p);
      await expectFitsTheScreen(p);
    }
    await ctx.close();
  }, 90_000);
});
