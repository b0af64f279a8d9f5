/**
 * Issue 12, the IT provider training track and the checklist for choosing a provider, in a real Chromium at 360 px
 * against the real server (SQLite, in-process worker, SMTP on loopback): a provider's staff member opens the track
 * from the organisation's home, answers one lesson's quiz without JavaScript-only controls, sees the result with the
 * explanations and the lesson marked passed; an owner reads the public checklist. Every page: axe-core (no serious or
 * critical violation), no horizontal scrolling (WCAG 2.1 SC 1.4.10) and no CSP violation.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content.ts';
import { phoneSuite } from '../support/e2e-phone.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';

describe('provider training track, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('a provider’s staff member passes a lesson’s quiz and sees it marked passed', async () => {
    const lesson = loadContent().providerTrack.find((l) => l.id === 'ransomware-proof-backups')!;
    const p = await phonePage('en-GB');
    await signUpVerifyAndLogIn(p, suite.base, suite.smtp, 'en', { name: 'Tech', email: 'tech@secure-it.be', password: PASSWORD });
    await p.goto(`${suite.base}/en/orgs/new`);
    await p.locator('#f-name').fill('Secure IT');
    await p.getByLabel(/IT provider/).check();
    await p.locator('main form button[type=submit]').click();
    // An IT provider lands on its directory profile first; the track is linked from the organisation's home.
    await p.waitForURL(/\/orgs\/[0-9a-f-]{36}\/profile\?welcome=1$/);
    await p.goto(p.url().replace(/\/profile\?welcome=1$/, ''));
    await p.getByRole('link', { name: 'Training track for IT providers' }).click();
    await p.waitForURL(/\/track$/);
    await checked(p);
    await p.getByRole('link', { name: lesson.i18n.en.title }).click();
    await p.waitForURL(/\/track\/ransomware-proof-backups$/);
    await checked(p);

    // Sending the quiz with a question left open brings the form back with the message and the answers kept.
    const quiz = lesson.i18n.en.quiz;
    for (const [i, q] of quiz.entries()) if (i < 4) await p.getByRole('group', { name: q.question }).getByLabel(q.choices[q.answer]!, { exact: true }).check();
    await p.getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => p.locator('.error-summary').innerText()).toContain('Answer every question before you send the quiz.');
    await checked(p);
    const last = quiz[4]!;
    await p.getByRole('group', { name: last.question }).getByLabel(last.choices[last.answer]!, { exact: true }).check();
    await p.getByRole('button', { name: 'Check my answers' }).click();
    await expect.poll(() => p.locator('[data-testid=outcome]').innerText()).toContain('Passed. Your result is saved.');
    expect(await p.locator('[data-testid=score]').innerText()).toContain('5 of 5 right');
    expect(await p.locator('main').innerText()).toContain(quiz[0]!.explain);
    await checked(p);

    await p.getByRole('link', { name: 'Back to the training track' }).click();
    const row = p.locator('li[data-lesson="ransomware-proof-backups"]');
    await expect.poll(() => row.getAttribute('data-passed')).toBe('true');
    expect(await row.innerText()).toContain('Passed (100');
    expect(await p.locator('[data-testid=my-status]').innerText()).toContain('You have passed 1 of 5 lessons.');
    await checked(p);
    expect(csp.flat()).toEqual([]);
  }, 180_000);

  it('an owner reads the checklist for choosing an IT provider', async () => {
    const checklist = loadContent().choosingChecklist;
    const p = await phonePage('fr-BE');
    await p.goto(`${suite.base}/fr/it-provider-checklist`);
    await checked(p);
    expect(await p.locator('h1').innerText()).toBe(checklist.text.fr.title);
    expect(await p.locator('[data-testid=questions] > li').count()).toBe(checklist.questions.length);
    expect(await p.getByRole('link', { name: 'Télécharger en pdf pour l’imprimer' }).getAttribute('href')).toBe('/fr/it-provider-checklist.pdf');
    expect(csp.flat()).toEqual([]);
  }, 60_000);
});
