/**
 * Issue 10 (H5), in a real Chromium at 360 px against the real server (SQLite, in-process worker, SMTP on loopback):
 * an employee opens the magic link from the invitation mail caught by the SMTP sink, takes the passphrases lesson in
 * Dutch, switches to French, passes the quiz (answers checked on the server) and earns a badge. Every page is checked
 * with axe-core (no serious or critical violation) and must fit the phone's width (WCAG 2.1 SC 1.4.10 Reflow).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLearners } from '../../src/app/training.ts';
import { findCompany } from '../../src/db/repositories/company.repository.ts';
import { seedDemo } from '../../src/entrypoints/demo.ts';
import type { RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { logInWithForm, startE2eServer } from '../support/e2e-flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const PHONE = { width: 360, height: 740 };

describe('an employee learns from the magic link on a phone', () => {
  let server: RunningServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let owner: { email: string; password: string };
  let companyId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startE2eServer({ env: { SMTP_URL: smtp.url } });
    const rt = server.runtime;
    const demo = await seedDemo(rt.deps, rt.content.assessment, rt.content.incidents);
    owner = { email: demo.ownerEmail, password: demo.password };
    companyId = (await rt.deps.db.selectFrom('companies').select('id').executeTakeFirstOrThrow()).id;
    const personId = randomUUID();
    await rt.deps.db
      .insertInto('people')
      .values({ id: personId, company_id: companyId, email: 'lotte@example.be', display_name: 'Lotte', language: 'nl', group_name: '', pseudonym: 'P-17', created_at: new Date().toISOString() })
      .execute();
    const sent = await inviteLearners(rt.deps, (await findCompany(rt.deps.db, companyId))!, [personId]);
    expect(sent.ok).toBe(true);
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function checked(p: Page): Promise<void> {
    await expectFitsTheScreen(p);
    await checkAccessibility(p);
  }

  it('mail → lessons (nl) → lesson → switch to French → quiz all right → badge', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes('lotte@example.be') && m.text.includes('/learn/'), 20_000);
    expect(mail.subject).toContain('nodigt je uit');
    const link = /https?:\/\/\S*\/learn\/\S+/.exec(mail.text)![0];

    const ctx = await newContext(browser, { viewport: PHONE, locale: 'nl-BE', isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    const csp = collectCspViolations(p);

    await p.goto(link);
    expect(await p.locator('h1').textContent()).toBe('Welkom bij je lessen');
    await checked(p);
    await p.locator('main form button[type=submit]').click();
    await p.waitForURL(/\/nl\/learn$/);
    expect(new URL(p.url()).pathname).toBe('/nl/learn');
    expect(await p.locator('h1').textContent()).toBe('Mijn lessen');
    await checked(p);

    await p.locator('a[href="/nl/learn/lessons/passphrases"]').first().click();
    expect(await p.locator('h1').textContent()).toBe('Sterke wachtzinnen');
    await checked(p);

    // The person switches language in the footer; the learner cookie stays valid.
    await p.locator('footer a[hreflang="fr"]').click();
    expect(new URL(p.url()).pathname).toBe('/fr/learn/lessons/passphrases');
    expect(await p.locator('h1').textContent()).toBe('Des phrases de passe solides');
    await checked(p);

    await p.locator('a[href="/fr/learn/lessons/passphrases/quiz"]').click();
    await checked(p);
    for (const [q, choice] of [['q0', '1'], ['q1', '1'], ['q2', '2']] as const) await p.locator(`input[name="${q}"][value="${choice}"]`).check();
    await p.locator('main form button[type=submit]').click();
    expect(await p.locator('[data-testid="score"]').textContent()).toBe('3 sur 3 justes.');
    expect(await p.locator('[data-new-badge="first-lesson"]').count()).toBe(1);
    await checked(p);

    await p.locator('main a.button[href="/fr/learn"]').click();
    expect(await p.locator('[data-testid="points"]').textContent()).toBe('15');
    expect(await p.locator('[data-badge="first-lesson"]').count()).toBe(1);
    await checked(p);
    expect(csp).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('the owner sees coverage as counts with a chart and its table, and can send again, at 360 px', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, locale: 'nl-BE', isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    await logInWithForm(p, server.url, 'nl', owner.email, owner.password);
    await p.goto(`${server.url}/nl/companies/${companyId}/training`);
    expect(await p.locator('[data-testid="invited"]').textContent()).toBe('1');
    expect(await p.locator('figure.chart table').count()).toBe(1);
    // One invited person: no per-person figures (small-group rule).
    expect(await p.locator('[data-testid="per-person-hidden"]').count()).toBe(1);
    await checked(p);
    await p.locator('input[name="people"]').first().check();
    await p.locator('main form[action$="/training/invitations"] button[type=submit]').click();
    await p.waitForURL(/done=sent/);
    await checked(p);
    await ctx.close();
  }, 120_000);
});
