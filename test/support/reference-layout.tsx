/**
 * The page frame as it was written before src/http/web/ui/layout.tsx rendered its fixed parts once: the JSX rendered
 * on every request. Kept as the reference the faster frame must match byte for byte (src/http/web/ui/layout.test.ts).
 */
import type { ComponentChildren } from 'preact';
import { LOCALES } from '../../src/core/locale.ts';
import type { PageCtx } from '../../src/http/web/ui/page-context.ts';

const LANGUAGE_NAMES = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' } as const;

export function ReferenceLayout(props: { ctx: PageCtx; title: string; children: ComponentChildren; narrow?: boolean }) {
  const { ctx, title } = props;
  const { t, locale } = ctx;
  const home = `/${locale}/`;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Schild`}</title>
        <meta name="description" content={t('meta.description')} />
        <link rel="stylesheet" href="/assets/style.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={home}>
              <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
                <path d="M16 2 4 6v9c0 7.5 5.1 13.3 12 15 6.9-1.7 12-7.5 12-15V6z" fill="#066b3a" />
                <path d="m10 16 4 4 8-8" stroke="#fff" stroke-width="3" fill="none" />
              </svg>
              <span>Schild</span>
            </a>
            <nav aria-label={t('nav.main')}>
              <ul class="nav">
                {ctx.user ? (
                  <>
                    <li>
                      <a href={`/${locale}/account`}>{t('nav.dashboard')}</a>
                    </li>
                    <li>
                      <form method="post" action={`/${locale}/logout`} class="inline">
                        <input type="hidden" name="_csrf" value={ctx.csrf} />
                        <button type="submit" class="link">
                          {t('nav.logout')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href={`/${locale}/login`}>{t('nav.login')}</a>
                    </li>
                    <li>
                      <a class="button small" href={`/${locale}/signup`}>
                        {t('nav.signup')}
                      </a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class={props.narrow ? 'wrap narrow' : 'wrap'}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-row">
            <nav aria-label={t('nav.language')}>
              <ul class="langs">
                {LOCALES.map((l) => (
                  <li>
                    <a href={`/${l}${ctx.pathAfterLang}`} lang={l} hrefLang={l} aria-current={l === locale ? 'true' : undefined}>
                      {LANGUAGE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <ul class="footer-links">
              <li>
                <a href={`/${locale}/articles`}>{t('nav.articles')}</a>
              </li>
              <li>
                <a href={`/${locale}/providers`}>{t('nav.providers')}</a>
              </li>
              <li>
                <a href={`/${locale}/about`}>{t('nav.about')}</a>
              </li>
              <li>
                <a href={`/${locale}/privacy`}>{t('nav.privacy')}</a>
              </li>
              <li>
                <a href={`/${locale}/statistics`}>{t('statsdash.nav')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
