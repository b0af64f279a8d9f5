/**
 * Knowledge hub (issue 12): full-text search on both engines, the pages, GET /api/v1/articles and the article link of
 * each quick-scan plan item. Search must find articles by words in each language, with and without accents and by
 * word stem (issue 12, "Done when").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArticles, syncArticleIndex } from '../../src/app/article-search.ts';
import type { Locale } from '../../src/core/locale.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

describe.each(DIALECTS)('knowledge-hub search on %s', (dialect) => {
  let t: TestApp;
  const find = async (lang: Locale, q: string) => (await searchArticles(t.runtime.deps, t.runtime.content.articles, lang, q)).map((a) => a.slug);
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('builds the index at start-up and rebuilds only when the content changes', async () => {
    expect(await syncArticleIndex(t.runtime.deps, t.runtime.content.articles)).toBe(false);
    const changed = t.runtime.content.articles.map((a, i) => (i === 0 ? { ...a, text: { ...a.text, en: { ...a.text.en, title: 'Zebra crossing' } } } : a));
    expect(await syncArticleIndex(t.runtime.deps, changed)).toBe(true);
    expect(await find('en', 'zebra')).toEqual([changed[0]!.slug]);
    expect(await syncArticleIndex(t.runtime.deps, t.runtime.content.articles)).toBe(true);
    expect(await find('en', 'zebra')).toEqual([]);
  });

  it('Dutch: the words owners type for two-step login find the article (glossary thesaurus)', async () => {
    expect(await find('nl', 'tweestapsverificatie')).toContain('two-step-login-for-email');
    expect(await find('nl', 'verificatie in twee stappen')).toContain('two-step-login-for-email');
    expect(await find('nl', 'aanmelden in twee stappen')).toContain('two-step-login-for-email');
  });

  it('Dutch: plural and singular by stem, and the diaeresis optional', async () => {
    const plural = await find('nl', 'patiënten');
    expect(plural).toContain('patient-records-with-personal-logins');
    expect(await find('nl', 'patiënt')).toEqual(plural);
    expect(await find('nl', 'patienten')).toEqual(plural);
    expect(await find('nl', 'wachtwoorden')).toEqual(await find('nl', 'wachtwoord'));
    expect(await find('nl', 'geinstalleerd')).toEqual(await find('nl', 'geïnstalleerd'));
    expect(await find('nl', 'geïnstalleerd')).toContain('automatic-updates');
  });

  it('French: singular and plural by stem, and accents optional', async () => {
    const one = await find('fr', 'sauvegarde');
    expect(one).toContain('automatic-backup');
    expect(await find('fr', 'sauvegardes')).toEqual(one);
    expect(await find('fr', 'mot de passe')).toContain('password-manager');
    const accented = await find('fr', 'télétravail');
    expect(accented).toContain('safe-remote-working');
    expect(await find('fr', 'teletravail')).toEqual(accented);
    expect(await find('fr', 'TÉLÉTRAVAIL')).toEqual(accented);
  });

  it('German: "Sicherungskopie" finds the backup articles; umlauts optional', async () => {
    expect(await find('de', 'Sicherungskopie')).toContain('automatic-backup');
    expect(await find('de', 'Sicherungskopien')).toContain('automatic-backup');
    expect(await find('de', 'Passwörter')).toEqual(await find('de', 'Passworter'));
    expect(await find('de', 'Passwörter')).toContain('password-manager');
  });

  it('English: word stems', async () => {
    expect(await find('en', 'backups')).toContain('automatic-backup');
    expect(await find('en', 'updating')).toContain('automatic-updates');
    expect(await find('en', 'updates')).toEqual(await find('en', 'updating'));
  });

  it('each language searches its own texts only', async () => {
    expect(await find('en', 'sauvegarde')).toEqual([]);
  });

  it('hostile queries never fail and never act as search syntax', async () => {
    const hostile = [
      '"', '""', '"unterminated', '*', 'sauvegarde*', 'NEAR(a b)', 'a NOT b', 'title:backup', '{title body}: backup', '^backup', 'AND OR NOT',
      "'; DROP TABLE article_search; --", '!!&&||', 'a:* & !b', '(((', '\u0000', '\u0000backup', 'x'.repeat(5000), '😀 backup', '\\', '%_%', 'back-up',
    ];
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) for (const q of hostile) await expect(find(lang, q)).resolves.toBeInstanceOf(Array);
    expect(await find('en', 'title:backup')).toEqual(await find('en', 'title backup'));
    expect(await find('en', 'NEAR(backup)')).toEqual(await find('en', 'near backup'));
    expect((await find('en', 'backup')).length).toBeGreaterThan(0);
  });
});

const PROFILE = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: true, itProvider: false };

describe.each(DIALECTS)('knowledge-hub pages and API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('GET /api/v1/articles lists every article in the language asked, with the exact contract', async () => {
    const res = await get('/api/v1/articles?lang=fr');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { articles: Record<string, string>[] };
    expect(Object.keys(body)).toEqual(['articles']);
    expect(body.articles).toHaveLength(t.runtime.content.articles.length);
    const backup = body.articles.find((a) => a.slug === 'automatic-backup')!;
    expect(Object.keys(backup).sort()).toEqual(['slug', 'summary', 'title', 'url']);
    expect(backup.url).toBe('/fr/articles/automatic-backup');
    expect(backup.title).toBe(t.runtime.content.articles.find((a) => a.slug === 'automatic-backup')!.text.fr.title);
    expect((await get(backup.url!)).statusCode).toBe(200);
  });

  it('GET /api/v1/articles?q= searches; a bad lang or a too long q is refused with 422 validation_failed', async () => {
    const found = (await get(`/api/v1/articles?lang=nl&q=${encodeURIComponent('tweestapsverificatie')}`)).json() as { articles: { slug: string; url: string }[] };
    expect(found.articles.map((a) => a.slug)).toContain('two-step-login-for-email');
    expect(found.articles.every((a) => a.url.startsWith('/nl/articles/'))).toBe(true);
    expect((await get('/api/v1/articles')).json().articles[0].url).toMatch(/^\/nl\/articles\//);
    for (const url of ['/api/v1/articles?lang=es', '/api/v1/articles?lang=', '/api/v1/articles?lang=nl&lang=fr', `/api/v1/articles?lang=en&q=${'a'.repeat(201)}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.issues.length).toBeGreaterThan(0);
    }
    expect((await get(`/api/v1/articles?lang=en&q=${encodeURIComponent('"NEAR(*')}`)).statusCode).toBe(200);
  });

  it('each quick-scan plan item carries its article, in the language of the request (additive)', async () => {
    for (const lang of ['nl', 'de'] as const) {
      const first = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang, profile: PROFILE, answers: {} } });
      const answers = Object.fromEntries((first.json().applicableControls as string[]).map((id) => [id, 'no']));
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang, profile: PROFILE, answers } });
      expect(res.statusCode).toBe(200);
      const plan = res.json().plan as { controlId: string; title: string; article: { slug: string; url: string } }[];
      expect(plan.length).toBeGreaterThan(0);
      for (const item of plan) {
        const article = t.runtime.content.articles.find((a) => a.controlId === item.controlId)!;
        expect(item.article).toEqual({ slug: article.slug, url: `/${lang}/articles/${article.slug}` });
        expect(item.title).toBeTypeOf('string');
      }
    }
  });

  it('the list page shows the themes, searches without JavaScript and says when nothing is found', async () => {
    const list = await get('/nl/articles');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<form method="get" action="/nl/articles" role="search"');
    expect(list.body).toContain('Back-ups');
    expect(list.body).not.toContain('data-testid="results"');
    const hits = await get(`/fr/articles?q=${encodeURIComponent('teletravail')}`);
    expect(hits.body).toContain('href="/fr/articles/safe-remote-working"');
    expect(hits.body).toContain('data-testid="results"');
    const none = await get(`/de/articles?q=${encodeURIComponent('Zebrastreifen')}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('data-testid="no-results"');
    expect(none.body).toContain('Versuchen Sie ein anderes oder kürzeres Wort');
  });

  it('a too long search is refused with a translated message and the page still works', async () => {
    const res = await get(`/en/articles?q=${'x'.repeat(201)}`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Your search is too long. Use at most 200 characters.');
    expect(res.body).not.toContain('data-testid="results"');
    for (const q of ['%00', '%22', 'a&q=b', '%F0%9F%98%80']) expect((await get(`/en/articles?q=${q}`)).statusCode).toBe(200);
  });

  it('the article page has the body, steps, sources, review date, its question and related articles', async () => {
    const res = await get('/en/articles/automatic-backup');
    expect(res.statusCode).toBe(200);
    const article = t.runtime.content.articles.find((a) => a.slug === 'automatic-backup')!;
    expect(res.body).toContain(`<h1>${article.text.en.title}</h1>`);
    expect(res.body).toContain(`href="${article.sources[0]!.url}"`);
    expect(res.body).toMatch(/data-testid="reviewed">Reviewed on \d{1,2} \w+ \d{4}</);
    expect(res.body).toContain('This guide belongs to the question');
    expect(res.body).toContain('data-testid="related"');
    expect((await get('/en/articles/no-such-article')).statusCode).toBe(404);
  });

  it('every article has a page in each language, linked from the list page', async () => {
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      const list = (await get(`/${lang}/articles`)).body;
      for (const a of t.runtime.content.articles) {
        expect(list).toContain(`href="/${lang}/articles/${a.slug}"`);
        const res = await get(`/${lang}/articles/${a.slug}`);
        expect(res.statusCode, `${lang} ${a.slug}`).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}"`);
      }
    }
  });

  it('the quick-scan result page links each plan item to its article ("read more"); the footer links the hub', async () => {
    const b = new Browser(t.app);
    const quick = { sector: '69', employees: '4', website: 'yes', webshop: 'no', email: 'microsoft365', cardPayments: 'no', personalData: 'basic', remoteWork: 'yes', itProvider: 'no' };
    const questions = await b.get(`/fr/quick-scan/questions?${new URLSearchParams(quick)}`);
    const asked = [...questions.body.matchAll(/name="a_([a-z0-9-]+)" value="yes"/g)].map((m) => m[1]!);
    const form: Record<string, string> = { ...quick, ...Object.fromEntries(asked.map((id) => [`a_${id}`, 'no'])) };
    const page = await b.post('/fr/quick-scan/result', form);
    expect(page.statusCode).toBe(200);
    // One chunk per plan item, up to the next one.
    const items = page.body.split('<li class="plan-item').slice(1);
    expect(items.length).toBeGreaterThan(0);
    for (const html of items) {
      const controlId = /data-control="([^"]+)"/.exec(html)![1]!;
      const slug = t.runtime.content.articles.find((a) => a.controlId === controlId)!.slug;
      expect(html).toContain(`<a href="/fr/articles/${slug}">En savoir plus sur cette mesure</a>`);
    }
    expect(page.body).toContain('href="/fr/articles"');
  });
});
