/**
 * The public home page tells a visitor what Schild does today. Every feature card describes something that works:
 * the training and phishing exercises exist, so no card may say "coming soon" (the home page said so until
 * 2026-12-06).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { LOCALES } from '../../src/core/locale.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('public home page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(LOCALES)('in %s shows every feature, none announced as coming', async (lang) => {
    const res = await t.app.inject({ url: `/${lang}/` });
    expect(res.statusCode).toBe(200);
    const tr = translator(lang);
    for (const f of ['assess', 'plan', 'provider', 'watch', 'train', 'incident', 'team'] as const) expect(res.body).toContain(tr(`home.feature.${f}.title`));
    expect(res.body).not.toMatch(/Coming soon|Binnenkort|Bientôt|Demnächst/);
  });
});
