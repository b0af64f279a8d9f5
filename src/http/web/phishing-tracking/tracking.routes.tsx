/**
 * Public routes of a simulated phishing mail (shared contract): /p/<token> (click → landing page; POST = submitted),
 * /p/<token>/pixel.gif (open), /p/<token>/a.css (the landing page's asset: confirms a person's click),
 * /p/<token>/learn (teaching page) and /p/<token>/lesson (the optional two-minute lesson).
 *
 * Nothing typed is read: the POST body is never looked at beyond the CSRF check, and never logged (docs/phishing.md).
 * The client address is passed to the scanner filter in memory and never stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadContent } from '../../../adapters/content.ts';
import { loadPhishingTrackingContent } from '../../../adapters/phishing-content.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { findTrackedRecipient, stillRecording, track, type Step } from '../../../app/phishing-tracking.ts';
import { isLocale, type Locale } from '../../../core/locale.ts';
import type { CapturedRequest } from '../../../core/phishing/scanner-filter.ts';
import { firstNameOf } from '../../../core/phishing/render.ts';
import { markedMail, type MarkedMail, type SignPart } from '../../../core/phishing/teaching.ts';
import type { PhishingTemplate } from '../../../core/phishing/templates.ts';
import type { TrackedRecipient } from '../../../db/repositories/phishing-tracking.repository.ts';
import { translator } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { LandingPage, LessonPage, TeachingPage, TRACKING_CSS, type TrackingCtx } from './tracking.views.tsx';

/** The smallest transparent GIF (1×1), the classic open pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function phishingTrackingRoutes(deps: AppDeps, templates: ReadonlyMap<string, PhishingTemplate> = loadContent().phishing.templates) {
  const content = loadPhishingTrackingContent();
  return async function (app: FastifyInstance): Promise<void> {
    const config = { access: PUBLIC };

    function captured(request: FastifyRequest): CapturedRequest {
      return { method: request.method, headers: request.headers, ip: request.ip, now: deps.clock.now() };
    }

    async function recipientOf(request: FastifyRequest): Promise<{ r: TrackedRecipient; token: string } | undefined> {
      const token = (request.params as { token?: unknown }).token;
      if (typeof token !== 'string') return undefined;
      const r = await findTrackedRecipient(deps, token);
      return r ? { r, token } : undefined;
    }

    function ctxFor(request: FastifyRequest, r: TrackedRecipient, token: string): TrackingCtx {
      const locale: Locale = isLocale(r.language) ? r.language : 'en';
      return { locale, t: translator(locale), token, csrf: request.csrfToken };
    }

    /** The mail the person got, with its signs; general signs when the template is not (or no longer) available. */
    function mailFor(ctx: TrackingCtx, r: TrackedRecipient): { mail: MarkedMail; fromTemplate: boolean } {
      const tpl = templates.get(r.templateId);
      // Greets as the sent mail did (render.ts), so the page shows the mail as it was.
      const values = { firstName: r.email ? firstNameOf({ email: r.email, displayName: r.displayName }) : (r.displayName ?? ''), company: r.companyName };
      if (tpl) return { mail: markedMail(tpl.i18n[ctx.locale], values), fromTemplate: true };
      const general = (part: SignPart, key: 'ptrack.generic.sender' | 'ptrack.generic.subject' | 'ptrack.generic.link') => ({ part, text: ctx.t(key) });
      return {
        mail: markedMail(
          { senderName: '…', senderLocal: '…', subject: '…', body: ['…'], button: '…', signs: [general('sender', 'ptrack.generic.sender'), general('subject', 'ptrack.generic.subject'), general('link', 'ptrack.generic.link')] },
          values,
        ),
        fromTemplate: false,
      };
    }

    async function record(request: FastifyRequest, r: TrackedRecipient, step: Step) {
      await track(deps, r, step, captured(request), content.scanners);
    }

    function teaching(reply: FastifyReply, ctx: TrackingCtx, r: TrackedRecipient, submitted: boolean) {
      const { mail, fromTemplate } = mailFor(ctx, r);
      return sendPage(reply, <TeachingPage ctx={ctx} company={r.companyName} mail={mail} fromTemplate={fromTemplate} submitted={submitted} />);
    }

    app.get('/p/:token/pixel.gif', { config }, async (request, reply) => {
      const found = await recipientOf(request);
      if (!found) return reply.callNotFound();
      await record(request, found.r, 'open');
      return reply.header('content-type', 'image/gif').header('cache-control', 'no-store').send(PIXEL);
    });

    app.get('/p/:token/a.css', { config }, async (request, reply) => {
      const found = await recipientOf(request);
      if (!found) return reply.callNotFound();
      await record(request, found.r, 'asset');
      return reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'no-store').send(TRACKING_CSS);
    });

    app.get('/p/:token', { config }, async (request, reply) => {
      const found = await recipientOf(request);
      if (!found) return reply.callNotFound();
      const { r, token } = found;
      const ctx = ctxFor(request, r, token);
      await record(request, r, 'landing');
      const tpl = templates.get(r.templateId);
      const landing = tpl?.landing ?? 'login';
      // A finished campaign, or a lure without a form, goes straight to the lesson of the moment.
      if (landing === 'none' || !stillRecording(r, deps.clock.now())) return teaching(reply, ctx, r, false);
      const text = tpl?.i18n[ctx.locale];
      const title = text?.landingTitle ?? ctx.t(landing === 'payment' ? 'ptrack.landing.payment_title' : 'ptrack.landing.login_title');
      const intro = text?.landingIntro ?? ctx.t('ptrack.landing.intro');
      return sendPage(reply, <LandingPage ctx={ctx} kind={landing} title={title} intro={intro} />);
    });

    // The body is parsed by Fastify only for the CSRF check; this handler never reads it.
    app.post('/p/:token', { config }, async (request, reply) => {
      const found = await recipientOf(request);
      if (!found) return reply.callNotFound();
      await record(request, found.r, 'submit');
      return reply.redirect(`/p/${found.token}/learn?submitted=1`, 303);
    });

    app.get('/p/:token/learn', { config }, async (request, reply) => {
      const found = await recipientOf(request);
      if (!found) return reply.callNotFound();
      const submitted = (request.query as Record<string, unknown>).submitted === '1';
      return teaching(reply, ctxFor(request, found.r, found.token), found.r, submitted);
    });

    app.get('/p/:token/lesson', { config }, async (request, reply) => {
      const found = await recipientOf(request);
      if (!found) return reply.callNotFound();
      await record(request, found.r, 'lesson');
      const ctx = ctxFor(request, found.r, found.token);
      return sendPage(reply, <LessonPage ctx={ctx} mail={mailFor(ctx, found.r).mail} />);
    });
  };
}
