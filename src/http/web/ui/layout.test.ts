/**
 * The page frame renders its fixed markup once and fills in the title, the CSRF token and the path per page
 * (layout.tsx). These tests hold it to the JSX it replaced (test/support/reference-layout.tsx): the same bytes for
 * every language, signed in and out, and for any title, token and path, including characters that must be escaped
 * (HTML's ", & and <, as preact escapes them) and the marker character the templates use.
 */
import fc from 'fast-check';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/locale.ts';
import { translator } from '../../../i18n/index.ts';
import { ReferenceLayout } from '../../../../test/support/reference-layout.tsx';
import { Layout } from './layout.tsx';
import type { PageCtx } from './page-context.ts';

const USER = { id: 'u1', email: 'ann@example.be', displayName: 'Ann', locale: 'nl', emailVerified: true, totpEnabled: false, isAdmin: false, createdAt: '2026-01-01T00:00:00.000Z' } as unknown as PageCtx['user'];

function both(ctx: PageCtx, title: string, narrow = false): [string, string] {
  const body = h('p', null, 'page & <content>');
  return [renderToString(h(Layout, { ctx, title, narrow, children: body })), renderToString(h(ReferenceLayout, { ctx, title, narrow, children: body }))];
}

describe('page frame', () => {
  it('is byte for byte the JSX frame in every language, signed in and out', () => {
    for (const locale of LOCALES) {
      for (const user of [null, USER]) {
        const ctx: PageCtx = { locale, t: translator(locale), pathAfterLang: '/account?tab=1&x="y"<z>', csrf: 'tok&"<en', user };
        const [fast, reference] = both(ctx, `Titel & "quotes" <b>`, user !== null);
        expect(fast).toBe(reference);
        expect(fast).toContain(`lang="${locale}"`);
        if (user) expect(fast).toContain('value="tok&amp;&quot;&lt;en"');
        else expect(fast).not.toContain('name="_csrf"');
      }
    }
  });

  it('matches for any title, token and path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.boolean(), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), (locale, signedIn, title, csrf, path) => {
        const ctx: PageCtx = { locale, t: translator(locale), pathAfterLang: `/${path}`, csrf, user: signedIn ? USER : null };
        const [fast, reference] = both(ctx, title);
        expect(fast).toBe(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('a value holding the template marker stays text', () => {
    const ctx: PageCtx = { locale: 'en', t: translator('en'), pathAfterLang: '/\u0001csrf\u0001', csrf: 'secret-token', user: null };
    const [fast, reference] = both(ctx, '\u0001path\u0001');
    expect(fast).toBe(reference);
    expect(fast).not.toContain('secret-token');
  });

  it('reads the CSRF token only for a signed-in frame (a page without it can be stored for everyone)', () => {
    let reads = 0;
    const ctx = { locale: 'fr', t: translator('fr'), pathAfterLang: '/', user: null, get csrf() { reads += 1; return 't'; } } as PageCtx;
    renderToString(h(Layout, { ctx, title: 'x', children: null }));
    expect(reads).toBe(0);
    const signedIn = { locale: 'fr', t: translator('fr'), pathAfterLang: '/', user: USER, get csrf() { reads += 1; return 'tok'; } } as PageCtx;
    expect(renderToString(h(Layout, { ctx: signedIn, title: 'x', children: null }))).toContain('value="tok"');
    expect(reads).toBe(1);
  });
});
