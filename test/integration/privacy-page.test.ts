/**
 * The public privacy page tells the truth about what is kept and which cookies are set (GDPR Art. 12–13: concise,
 * intelligible information in plain language; ePrivacy Directive Art. 5(3) as transposed in Belgium by the
 * Electronic Communications Act Art. 129: a user is told about every cookie). Checked in two languages.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieNames } from '../../src/http/request-context.ts';
import { QUICK_SCAN_COOKIE } from '../../src/http/web/ui/quick-scan-cookie.ts';
import { learnerCookieName } from '../../src/http/web/ui/learner-cookie.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const COOKIE_NAMES = [cookieNames(true).session, cookieNames(true).csrf, learnerCookieName(true), QUICK_SCAN_COOKIE];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('privacy page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the sections on staff list, exercises, reported mails, lessons, statistics and organisations, in English and French', async () => {
    const en = await t.app.inject({ method: 'GET', url: '/en/privacy' });
    expect(en.statusCode).toBe(200);
    for (const text of [
      'The staff list',
      'Phishing exercises',
      'What someone types into the form is never sent and never kept',
      'no IP address (the address of the computer on the internet)',
      'only from 5 recipients on',
      'By default, after 12 months',
      'Mails you forward to us',
      'Safeonweb',
      'Short lessons',
      'without logging in',
      'fewer than 10 companies',
      'random noise',
      'Federations and partners',
      'take that permission back',
    ])
      expect(en.body).toContain(text);
    // The old claim "we use only two cookies" is no longer true.
    expect(en.body).not.toContain('only two cookies');

    const fr = await t.app.inject({ method: 'GET', url: '/fr/privacy' });
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('<html lang="fr"');
    for (const text of ['La liste du personnel', 'Exercices de phishing', 'Les messages que vous nous transférez', 'Courtes leçons', 'Chiffres anonymes et données ouvertes', 'Fédérations et partenaires', 'moins de 10 entreprises'])
      expect(fr.body).toContain(text);
    expect(fr.body).not.toContain('seulement deux cookies');
  });

  it('lists every cookie Schild sets, each with its purpose, in English and French', async () => {
    for (const [lang, purposes] of [
      ['en', ['keeps you logged in', 'forged forms', 'opens your lessons without an account', 'quick scan without an account']],
      ['fr', ['maintient votre connexion', 'formulaires falsifiés', 'ouvre vos leçons sans compte', 'scan rapide sans compte']],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/${lang}/privacy` });
      const list = /<ul data-testid="cookie-list">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
      const items = [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
      expect(items.map((i) => /<code>([^<]+)<\/code>/.exec(i)?.[1])).toEqual(COOKIE_NAMES);
      purposes.forEach((p, i) => expect(items[i]).toContain(p));
      // French typography: a no-break space before the colon.
      if (lang === 'fr') for (const i of items) expect(i).toMatch(/<\/code>\u00a0: /);
    }
  });

  it('the list has one entry per place in the code that sets a cookie', () => {
    // A new setCookie call must come with a new line on the page (and in docs/privacy.md).
    const calls = sourceFiles(path.resolve(import.meta.dirname, '../../src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\.setCookie\(/g)]);
    expect(calls).toHaveLength(COOKIE_NAMES.length);
  });
});
