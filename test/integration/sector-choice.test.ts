/**
 * Issue 9: typing the word for a trade finds the sector on the server, so it works without JavaScript and on phones
 * that hide datalist suggestions. The form comes back with the matching sectors to choose from and stores nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { logIn, PROFILE, signUpAndVerify } from '../support/flows.ts';

const countCompanies = async (t: TestApp) =>
  Number((await t.runtime.deps.db.selectFrom('companies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('choosing a sector by a word', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('sqlite');
  });
  afterEach(async () => {
    await t.close();
  });

  it.each([
    ['nl', 'boekhouding', '69.2', 'Kies hieronder'],
    ['nl', 'bakker', '10.7', 'Kies hieronder'],
    ['fr', 'coiffeur', '96.2', 'Choisissez ci-dessous'],
    ['de', 'Schreiner', '16.2', 'Wählen Sie unten'],
  ])('%s: "%s" offers %s to choose, then creates the company with it', async (lang, word, code, message) => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, `o-${lang}@example.be`);
    await logIn(b, `o-${lang}@example.be`);
    await b.get(`/${lang}/companies/new`);
    const first = await b.post(`/${lang}/companies`, { ...PROFILE, naceCode: word });
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain(message);
    expect(first.body).toMatch(new RegExp(`<input type="radio" name="naceChoice" value="${code.replace('.', '\\.')}"`));
    // What the owner typed stays in the field.
    expect(first.body).toContain(`value="${word}"`);
    expect(await countCompanies(t)).toBe(0);

    const second = await b.post(`/${lang}/companies`, { ...PROFILE, naceCode: word, naceChoice: code });
    expect(second.statusCode).toBe(303);
    const row = await t.runtime.deps.db.selectFrom('companies').select('nace_code').executeTakeFirstOrThrow();
    expect(row.nace_code).toBe(code);
  });

  it('says plainly when a word finds nothing, and a bad choice value changes nothing', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'o@example.be');
    await logIn(b, 'o@example.be');
    await b.get('/en/companies/new');
    const none = await b.post('/en/companies', { ...PROFILE, naceCode: 'zzzqqq' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('We found no activity for this word');
    expect(none.body).not.toContain('name="naceChoice"');
    // The error summary names the question it is about (WCAG 3.3.1).
    expect(none.body).toMatch(/<a href="#f-naceCode">Main activity — We found no activity/);
    const forged = await b.post('/en/companies', { ...PROFILE, naceCode: 'kapper', naceChoice: '99.9' });
    expect(forged.statusCode).toBe(400);
    expect(await countCompanies(t)).toBe(0);
  });

  it('the quick scan takes a word too, and a chosen group counts as its division', async () => {
    const b = new Browser(t.app);
    const q = new URLSearchParams({ sector: 'kapper', employees: '2', website: 'yes', webshop: 'no', email: 'google', cardPayments: 'yes', personalData: 'basic', remoteWork: 'no', itProvider: 'no' });
    const first = await b.get(`/nl/quick-scan/questions?${q}`);
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('name="naceChoice" value="96.2"');
    q.set('naceChoice', '96.2');
    const second = await b.get(`/nl/quick-scan/questions?${q}`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('name="sector" value="96"');
  });
});
