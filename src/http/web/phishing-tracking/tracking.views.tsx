/**
 * What a recipient of a simulated phishing mail sees. The landing page imitates a generic log-in or payment form with
 * no real brand; its fields have no `name`, so a browser sends none of what is typed (HTML §4.10.21.4: a control
 * without a name is not part of the form data set). The teaching page is kind, short and shows that very mail.
 */
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../core/locale.ts';
import { SIGN_PARTS, type LandingKind, type MarkedMail, type SignPart } from '../../../core/phishing/teaching.ts';
import type { T } from '../../../i18n/index.ts';
import { colon } from '../ui/components.tsx';

export interface TrackingCtx {
  locale: Locale;
  t: T;
  token: string;
  csrf: string;
}

/** A bare frame: the recipient's language, the stylesheet that carries the token (it confirms a person's click). */
function Frame(p: { ctx: TrackingCtx; title: string; schild: boolean; children: ComponentChildren }) {
  return (
    <html lang={p.ctx.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{p.title}</title>
        {p.schild ? <link rel="stylesheet" href="/assets/style.css" /> : null}
        <link rel="stylesheet" href={`/p/${p.ctx.token}/a.css`} />
      </head>
      <body>
        <main id="main" class={p.schild ? 'wrap narrow' : 'sim'}>
          {p.children}
        </main>
      </body>
    </html>
  );
}

function Field(p: { id: string; label: string; type?: string; inputmode?: string }) {
  // No name attribute, on purpose: the value is never part of what the browser sends.
  return (
    <div class="sim-field">
      <label for={p.id}>{p.label}</label>
      <input id={p.id} type={p.type ?? 'text'} autocomplete="off" inputMode={p.inputmode as 'numeric' | undefined} spellcheck={false} />
    </div>
  );
}

export function LandingPage(p: { ctx: TrackingCtx; kind: Exclude<LandingKind, 'none'>; title: string; intro: string }) {
  const { t } = p.ctx;
  return (
    <Frame ctx={p.ctx} title={p.title} schild={false}>
      <div class="sim-box">
        <h1>{p.title}</h1>
        <p>{p.intro}</p>
        <form method="post" action={`/p/${p.ctx.token}`} data-testid="landing-form" novalidate>
          <input type="hidden" name="_csrf" value={p.ctx.csrf} />
          {p.kind === 'login' ? (
            <>
              <Field id="sim-email" label={t('ptrack.landing.email')} type="email" />
              <Field id="sim-password" label={t('ptrack.landing.password')} type="password" />
            </>
          ) : (
            <>
              <Field id="sim-card-name" label={t('ptrack.landing.card_name')} />
              <Field id="sim-card-number" label={t('ptrack.landing.card_number')} inputmode="numeric" />
              <Field id="sim-card-expiry" label={t('ptrack.landing.card_expiry')} inputmode="numeric" />
              <Field id="sim-card-code" label={t('ptrack.landing.card_code')} type="password" inputmode="numeric" />
            </>
          )}
          <button type="submit">{p.kind === 'login' ? t('ptrack.landing.sign_in') : t('ptrack.landing.pay')}</button>
        </form>
      </div>
    </Frame>
  );
}

function Signs(p: { t: T; signs: string[] }) {
  if (p.signs.length === 0) return null;
  return (
    <ul class="sim-signs">
      {p.signs.map((s) => (
        <li>
          <strong>{p.t('ptrack.sign_label')}</strong> {s}
        </li>
      ))}
    </ul>
  );
}

function MailPart(p: { t: T; part: SignPart; mail: MarkedMail; children: ComponentChildren }) {
  const signs = p.mail.signsByPart[p.part];
  return (
    <div class={signs.length > 0 ? 'sim-part marked' : 'sim-part'} data-part={p.part}>
      <div class="sim-part-label">{p.t(`ptrack.part.${p.part}`)}</div>
      <div>{p.children}</div>
      <Signs t={p.t} signs={signs} />
    </div>
  );
}

export function TeachingPage(p: { ctx: TrackingCtx; company: string; mail: MarkedMail; fromTemplate: boolean; submitted: boolean }) {
  const { t } = p.ctx;
  const m = p.mail;
  return (
    <Frame ctx={p.ctx} title={t('ptrack.learn.title')} schild={true}>
      <h1>{t('ptrack.learn.title')}</h1>
      <p class="lead">{t('ptrack.learn.intro', { company: p.company })}</p>
      {p.submitted ? (
        <div class="notice ok" role="status">
          {t('ptrack.learn.nothing_kept')}
        </div>
      ) : null}
      {p.fromTemplate ? <MarkedMailView t={t} mail={m} /> : <GeneralSigns t={t} mail={m} />}
      <p>{t('ptrack.learn.next_time', { company: p.company })}</p>
      <p>
        <a class="button" href={`/p/${p.ctx.token}/lesson`}>
          {t('ptrack.learn.lesson_link')}
        </a>
      </p>
    </Frame>
  );
}

/** Without the template (removed from the content since), the page teaches the general signs instead of the mail. */
function GeneralSigns(p: { t: T; mail: MarkedMail }) {
  return (
    <>
      <h2>{p.t('ptrack.learn.general_signs')}</h2>
      <ul>
        {SIGN_PARTS.flatMap((part) => p.mail.signsByPart[part]).map((s) => (
          <li>{s}</li>
        ))}
      </ul>
    </>
  );
}

function MarkedMailView(p: { t: T; mail: MarkedMail }) {
  const { t, mail: m } = p;
  return (
    <>
      <h2>{t('ptrack.learn.mail_heading')}</h2>
      <p>{t('ptrack.learn.mail_lead')}</p>
      <section class="card sim-mail" data-testid="marked-mail">
        <MailPart t={t} part="sender" mail={m}>
          {m.senderName} &lt;{m.senderLocal}@…&gt;
        </MailPart>
        <MailPart t={t} part="subject" mail={m}>
          {m.subject}
        </MailPart>
        <MailPart t={t} part="body" mail={m}>
          {m.body.map((b) => (
            <p>{b}</p>
          ))}
        </MailPart>
        <MailPart t={t} part="link" mail={m}>
          <span class="sim-button">{m.button}</span>
        </MailPart>
        {m.signsByPart.attachment.length > 0 ? (
          <MailPart t={t} part="attachment" mail={m}>
            📎
          </MailPart>
        ) : null}
      </section>
    </>
  );
}

export function LessonPage(p: { ctx: TrackingCtx; mail: MarkedMail }) {
  const { t } = p.ctx;
  const signs = SIGN_PARTS.flatMap((part) => p.mail.signsByPart[part].map((text) => ({ part, text })));
  return (
    <Frame ctx={p.ctx} title={t('ptrack.lesson.title')} schild={true}>
      <h1>{t('ptrack.lesson.title')}</h1>
      <h2>{t('ptrack.lesson.signs_heading')}</h2>
      <ul>
        {signs.map((s) => (
          <li>
            <strong>{t(`ptrack.part.${s.part}`)}</strong>
            {colon(p.ctx.locale)} {s.text}
          </li>
        ))}
      </ul>
      <h2>{t('ptrack.lesson.rules_heading')}</h2>
      <ol class="steps">
        <li>{t('ptrack.rule.stop')}</li>
        <li>{t('ptrack.rule.check')}</li>
        <li>{t('ptrack.rule.never')}</li>
      </ol>
      <p>{t('ptrack.lesson.done')}</p>
      <p>
        <a href={`/p/${p.ctx.token}/learn`}>{t('ptrack.back_to_learn')}</a>
      </p>
    </Frame>
  );
}

/** The look of the imitation and the marks on the teaching page; served at /p/<token>/a.css. */
export const TRACKING_CSS = `
.sim{font-family:system-ui,sans-serif;background:#f3f4f6;min-height:100vh;margin:0;padding:1rem;box-sizing:border-box}
.sim-box{max-width:24rem;margin:2rem auto;background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:1.5rem}
.sim-box h1{font-size:1.3rem;margin:0 0 .5rem}
.sim-field{margin:.8rem 0}
.sim-field label{display:block;font-weight:600;margin-bottom:.25rem}
.sim-field input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #6b7280;border-radius:4px;font-size:1rem}
.sim-box button{width:100%;padding:.7rem;border:0;border-radius:4px;background:#1f4e8c;color:#fff;font-size:1rem;font-weight:600}
.sim-mail{padding:0}
.sim-part{padding:.6rem .8rem;border-bottom:1px solid #e5e7eb;overflow-wrap:anywhere}
.sim-part.marked{background:#fff7e0;border-left:4px solid #a15c00}
.sim-part-label{font-size:.85rem;color:#374151;font-weight:600}
.sim-signs{margin:.4rem 0 0;padding-left:1.1rem;color:#5c3300}
.sim-button{display:inline-block;padding:.35rem .8rem;border:1px solid #1f4e8c;border-radius:4px}
`;
