import type { FastifyInstance } from 'fastify';
import { negotiateLocale } from '../../../core/locale.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { Layout } from '../ui/layout.tsx';
import { colon, Notice } from '../ui/components.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { QUICK_SCAN_COOKIE } from '../ui/quick-scan-cookie.ts';
import { cookieNames } from '../../request-context.ts';
import { learnerCookieName } from '../ui/learner-cookie.ts';

/** What Schild does, one card each; every one of them works today (training and phishing exercises included). */
const FEATURES = ['assess', 'plan', 'provider', 'watch', 'train', 'incident', 'team'] as const;

function HomePage({ ctx }: { ctx: PageCtx }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <section class="hero">
        <h1>{t('home.heading')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <div class="actions">
          {ctx.user ? (
            <>
              <a class="button" href={`/${locale}/account`}>
                {t('nav.dashboard')}
              </a>
              <a class="button secondary" href={`/${locale}/quick-scan`}>
                {t('home.quick_scan')}
              </a>
            </>
          ) : (
            <>
              <a class="button" href={`/${locale}/quick-scan`}>
                {t('home.quick_scan')}
              </a>
              <a class="button secondary" href={`/${locale}/signup`}>
                {t('home.cta')}
              </a>
              <a href={`/${locale}/login`}>{t('home.have_account')}</a>
            </>
          )}
        </div>
      </section>
      <Notice kind="warn">
        <strong>{t('home.incident_now')}</strong> <a href={`/${locale}/incident/report`}>{t('home.incident_link')}</a>
      </Notice>
      <p>
        <a href={`/${locale}/scan`}>{t('home.scan_link')}</a>
      </p>
      <h2>{t('home.what_heading')}</h2>
      <ul class="cards">
        {FEATURES.map((f) => (
          <li class="card">
            <h3>{t(`home.feature.${f}.title`)}</h3>
            <p>{t(`home.feature.${f}.text`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('home.who_heading')}</h2>
      <p>{t('home.who_text')}</p>
      <h2>{t('home.trust_heading')}</h2>
      <ul>
        <li>{t('home.trust.privacy')}</li>
        <li>{t('home.trust.languages')}</li>
        <li>{t('home.trust.free')}</li>
      </ul>
    </Layout>
  );
}

function AboutPage({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('about.title')} narrow>
      <h1>{t('about.title')}</h1>
      <p>{t('about.p1')}</p>
      <p>{t('about.p2')}</p>
      <p>{t('about.p3')}</p>
    </Layout>
  );
}

/**
 * Every cookie Schild sets (docs/privacy.md), with the name a browser shows over HTTPS, so an owner can recognise them.
 * The names come from the code that sets them; test/integration/privacy-page.test.ts checks the list is complete.
 */
const COOKIES: { name: string; purpose: MessageKey }[] = [
  { name: cookieNames(true).session, purpose: 'privacy.cookies.session' },
  { name: cookieNames(true).csrf, purpose: 'privacy.cookies.csrf' },
  { name: learnerCookieName(true), purpose: 'privacy.cookies.learner' },
  { name: QUICK_SCAN_COOKIE, purpose: 'privacy.cookies.quick_scan' },
];

function PrivacyPage({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  const before = ['what', 'why', 'staff', 'phishing', 'reports', 'training', 'statistics', 'organisations', 'who'] as const;
  const after = ['how_long', 'rights', 'security'] as const;
  const section = (s: string) => (
    <section id={`privacy-${s}`}>
      <h2>{t(`privacy.${s}.heading` as MessageKey)}</h2>
      <p>{t(`privacy.${s}.text` as MessageKey)}</p>
    </section>
  );
  return (
    <Layout ctx={ctx} title={t('privacy.title')} narrow>
      <h1>{t('privacy.title')}</h1>
      <p class="lead">{t('privacy.lead')}</p>
      {before.map(section)}
      <section id="privacy-cookies">
        <h2>{t('privacy.cookies.heading')}</h2>
        <p>{t('privacy.cookies.text')}</p>
        <ul data-testid="cookie-list">
          {COOKIES.map((c) => (
            <li>
              <code>{c.name}</code>
              {colon(ctx.locale)} {t(c.purpose)}
            </li>
          ))}
        </ul>
      </section>
      {after.map(section)}
    </Layout>
  );
}

export async function publicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: PUBLIC } }, async (request, reply) => {
    reply.header('vary', 'Accept-Language');
    return reply.redirect(`/${negotiateLocale(request.headers['accept-language'])}/`, 302);
  });
  app.get('/:lang', { config: { access: PUBLIC } }, async (request, reply) => reply.redirect(`/${request.locale}/`, 301));
  app.get('/:lang/', { config: { access: PUBLIC, anonymousCache: true } }, async (request, reply) => sendPage(reply, <HomePage ctx={pageCtx(request)} />));
  app.get('/:lang/about', { config: { access: PUBLIC, anonymousCache: true } }, async (request, reply) => sendPage(reply, <AboutPage ctx={pageCtx(request)} />));
  app.get('/:lang/privacy', { config: { access: PUBLIC, anonymousCache: true } }, async (request, reply) => sendPage(reply, <PrivacyPage ctx={pageCtx(request)} />));
}
