/**
 * Knowledge hub (issue 12): full-text search on both engines, the pages, GET /api/v1/articles and the article link of
 * each quick-scan plan item. Search must find articles by words in each language, with and without accents and by
 * word stem (issue 12, "Done when").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArticles, syncArticleIndex } from '../../src/app/article-search.ts';
import type { Locale } from '../../src/core/locale.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
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
