/**
 * The frame of every page: head, site header, main, footer.
 *
 * The frame's markup is the same on every page but for a handful of values (the title, the CSRF token of the
 * sign-out form, the path for the language links), yet preact built and escaped its ~40 elements on every request:
 * half the render of a small page (bench/README.md, issue 13). The markup below is rendered once per translator and
 * state with a marker in place of each value, split at the markers, and each page joins the parts with its own
 * values, escaped as preact escapes them. The bytes are the same as rendering the JSX every time:
 * src/http/web/ui/layout.test.ts compares them for every language, both header states and values that need escaping.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { LOCALES } from '../../../core/locale.ts';
import type { T } from '../../../i18n/index.ts';
import type { PageCtx } from './page-context.ts';

const LANGUAGE_NAMES = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' } as const;

const SLOTS = ['title', 'csrf', 'path'] as const;
type Slot = (typeof SLOTS)[number];
const mark = (slot: Slot) => `\u0001${slot}\u0001`;
// U+0001 never occurs in the frame's own markup (translations hold no control characters); a value holding it is
// filled in after the split, as text.

function HeadParts(p: { t: T; title: string }) {
  return (
    <>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${p.title} · Schild`}</title>
      <meta name="description" content={p.t('meta.description')} />
      <link rel="stylesheet" href="/assets/style.css" />
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      <script src="/assets/app.js" defer />
    </>
  );
}

function HeaderParts(p: { t: T; locale: PageCtx['locale']; signedIn: boolean; csrf: string }) {
  const { t, locale } = p;
  return (
    <div class="wrap header-row">
      <a class="brand" href={`/${locale}/`}>
        <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
          <path d="M16 2 4 6v9c0 7.5 5.1 13.3 12 15 6.9-1.7 12-7.5 12-15V6z" fill="#066b3a" />
          <path d="m10 16 4 4 8-8" stroke="#fff" stroke-width="3" fill="none" />
        </svg>
        <span>Schild</span>
      </a>
      <nav aria-label={t('nav.main')}>
        <ul class="nav">
          {p.signedIn ? (
            <>
              <li>
                <a href={`/${locale}/account`}>{t('nav.dashboard')}</a>
              </li>
              <li>
                <form method="post" action={`/${locale}/logout`} class="inline">
                  <input type="hidden" name="_csrf" value={p.csrf} />
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
  );
}

function FooterParts(p: { t: T; locale: PageCtx['locale']; pathAfterLang: string }) {
  const { t, locale } = p;
  return (
    <div class="wrap footer-row">
      <nav aria-label={t('nav.language')}>
        <ul class="langs">
          {LOCALES.map((l) => (
            <li>
              <a href={`/${l}${p.pathAfterLang}`} lang={l} hrefLang={l} aria-current={l === locale ? 'true' : undefined}>
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
  );
}

/** Rendered markup split at its markers: text, slot, text, slot, …, text. */
type Template = readonly string[];

function template(markup: string): Template {
  // Each marker is U+0001, a slot name, U+0001: split at U+0001, the odd parts are the slot names.
  const parts = markup.split('\u0001');
  if (parts.length % 2 === 0 || parts.some((p, i) => i % 2 === 1 && !SLOTS.includes(p as Slot))) throw new Error('layout: a U+0001 in the frame’s own text');
  return parts;
}

/** preact-render-to-string's escaping of text and attribute values: ", & and <. */
function escape(value: string): string {
  return /["&<]/.test(value) ? value.replace(/["&<]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : '&lt;')) : value;
}

function fill(parts: Template, values: Partial<Record<Slot, string>>): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += escape(values[parts[i] as Slot] ?? '') + parts[i + 1]!;
  return out;
}

interface Frame {
  head: Template;
  header: { signedIn: Template; signedOut: Template };
  footer: Template;
}

// Per translator (one per language, made once: src/i18n/index.ts), so a page given another translator gets its own.
const frames = new WeakMap<T, Frame>();

function frameOf(t: T, locale: PageCtx['locale']): Frame {
  let frame = frames.get(t);
  if (!frame) {
    const header = (signedIn: boolean) => template(renderToString(<HeaderParts t={t} locale={locale} signedIn={signedIn} csrf={mark('csrf')} />));
    frame = {
      head: template(renderToString(<HeadParts t={t} title={mark('title')} />)),
      header: { signedIn: header(true), signedOut: header(false) },
      footer: template(renderToString(<FooterParts t={t} locale={locale} pathAfterLang={mark('path')} />)),
    };
    frames.set(t, frame);
  }
  return frame;
}

function signedInHeader(frame: Frame, ctx: PageCtx): string {
  const csrf = ctx.csrf;
  // preact writes an empty attribute as its bare name (`value`), which the template cannot: render that rare case.
  if (csrf === '') return renderToString(<HeaderParts t={ctx.t} locale={ctx.locale} signedIn csrf="" />);
  return fill(frame.header.signedIn, { csrf });
}

export function Layout(props: { ctx: PageCtx; title: string; children: ComponentChildren; narrow?: boolean }) {
  const { ctx, title } = props;
  const { t, locale } = ctx;
  const frame = frameOf(t, locale);
  return (
    <html lang={locale}>
      <head dangerouslySetInnerHTML={{ __html: fill(frame.head, { title }) }} />
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header" dangerouslySetInnerHTML={{ __html: ctx.user ? signedInHeader(frame, ctx) : fill(frame.header.signedOut, {}) }} />
        <main id="main" class={props.narrow ? 'wrap narrow' : 'wrap'}>
          {props.children}
        </main>
        <footer class="site-footer" dangerouslySetInnerHTML={{ __html: fill(frame.footer, { path: ctx.pathAfterLang }) }} />
      </body>
    </html>
  );
}
