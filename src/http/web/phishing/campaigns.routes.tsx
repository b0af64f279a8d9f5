/** Phishing exercises of a company: the list, a form to plan one, its page with live sending progress, and stop. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PhishingTemplate } from '../../../core/phishing/templates.ts';
import { DEFAULT_WINDOW, RATE, WINDOW_BOUNDS } from '../../../core/phishing/schedule.ts';
import { formatWait } from '../../../core/incidents/format.ts';
import { loadContent } from '../../../adapters/content.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { campaignOf, campaignsOf, cancelCampaign, createCampaign, type CampaignView } from '../../../app/phishing-campaigns.ts';
import { acceptedOffer, linkOfferCampaign, phishingOfferDefaults, startsWithinOffer } from '../../../app/organisation-offers.ts';
import type { CompanyOffer } from '../../../db/repositories/offer.repository.ts';
import { formatDay } from '../ui/components.tsx';
import { PhishingOfferNote } from '../ui/offers.tsx';
import { listGroups } from '../../../db/repositories/people.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { company as companyAccess } from '../../access.ts';
import { campaignProblemText } from '../../presenters/phishing.ts';
import { sendPage } from '../../render.ts';
import { Choice, Csrf, ErrorSummary, formatDateTime, Notice, TextField, type FieldErrors } from '../ui/components.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { noticeFrom, requestMeta } from '../ui/request.ts';
import { DomainLink, PhishingFrame } from './phishing-frame.tsx';

const NOTICES: Record<string, MessageKey> = { created: 'phishing.notice.created', cancelled: 'phishing.notice.cancelled' };
const RUNNING = new Set(['scheduled', 'sending']);

function Progress(p: { ctx: PageCtx; v: CampaignView }) {
  const { t } = p.ctx;
  const { sent, total, failed } = p.v.progress;
  return (
    <p>
      <span class="tag">{t(`phishing.status.${p.v.campaign.status}` as MessageKey)}</span> <span data-testid="progress-text">{t('phishing.progress', { sent, total })}</span>
      {failed > 0 ? ` · ${t('phishing.failed', { failed })}` : ''}
    </p>
  );
}

interface ListProps {
  ctx: PageCtx;
  request: FastifyRequest;
  campaigns: CampaignView[];
  templates: PhishingTemplate[];
  groups: { group: string; count: number }[];
  errors?: FieldErrors | undefined;
  general?: string | undefined;
  domainRefusal?: boolean;
  values?: Record<string, string | string[]> | undefined;
  /** An accepted phishing exercise offer this form was opened from (?offer=): template and dates preselected. */
  offer?: CompanyOffer | undefined;
}

function CampaignsPage(p: ListProps) {
  const { t, locale } = p.ctx;
  const base = `/${locale}/companies/${p.request.company!.id}`;
  const notice = noticeFrom(p.request, NOTICES);
  const v = (k: string) => {
    const x = p.values?.[k];
    return typeof x === 'string' ? x : undefined;
  };
  const chosenGroups = new Set([p.values?.groups ?? []].flat());
  const everyone = !p.values || chosenGroups.size === 0 || chosenGroups.has('*');
  const total = p.groups.reduce((n, g) => n + g.count, 0);
  return (
    <PhishingFrame ctx={p.ctx} request={p.request} title={t('phishing.title')} current="phishing">
      <h2>{t('phishing.title')}</h2>
      <p>{t('phishing.lead')}</p>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <p>
        <a href={`${base}/people`}>{t('phishing.people_link', { count: total })}</a>
      </p>
      {p.campaigns.length === 0 ? <p>{t('phishing.none')}</p> : null}
      {p.campaigns.map((c) => (
        <section class="card" data-campaign={c.campaign.id}>
          <h3>
            <a href={`${base}/phishing/${c.campaign.id}`}>{c.campaign.name}</a>
          </h3>
          <Progress ctx={p.ctx} v={c} />
        </section>
      ))}
      <form method="post" action={`${base}/phishing`} novalidate>
        <Csrf ctx={p.ctx} />
        <h3>{t('phishing.new_heading')}</h3>
        {p.offer ? <PhishingOfferNote ctx={p.ctx} offer={p.offer} /> : null}
        {p.offer ? <input type="hidden" name="offer" value={p.offer.id} /> : null}
        <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
        {p.domainRefusal ? (
          <p data-testid="domain-refusal">
            <DomainLink ctx={p.ctx} request={p.request} base={base} /> · <a href={`${base}/people`}>{t('company.nav.people')}</a>
          </p>
        ) : null}
        <TextField name="name" label={t('phishing.name')} hint={t('phishing.name_hint')} value={v('name')} error={p.errors?.name} maxLength={120} required />
        <fieldset class={p.errors?.templateId ? 'field has-error' : 'field'} id="f-templateId">
          <legend>{t('phishing.template')}</legend>
          {p.errors?.templateId ? <p class="error">{p.errors.templateId}</p> : null}
          <div class="choices">
            {p.templates.map((tpl, i) => (
              <Choice
                type="radio"
                name="templateId"
                value={tpl.id}
                label={tpl.i18n[locale].subject}
                hint={t('phishing.difficulty', { level: tpl.difficulty })}
                checked={v('templateId') ? v('templateId') === tpl.id : i === 0}
              />
            ))}
          </div>
        </fieldset>
        <fieldset class={p.errors?.groups ? 'field has-error' : 'field'} id="f-groups">
          <legend>{t('phishing.groups')}</legend>
          {p.errors?.groups ? <p class="error">{p.errors.groups}</p> : null}
          <div class="choices">
            <Choice type="checkbox" name="groups" value="*" label={t('phishing.everyone')} hint={String(total)} checked={everyone} />
            {p.groups.map((g) => (
              <Choice type="checkbox" name="groups" value={g.group === '' ? '-' : g.group} label={t('phishing.group_option', { group: g.group || t('people.no_group'), count: g.count })} checked={chosenGroups.has(g.group === '' ? '-' : g.group)} />
            ))}
          </div>
        </fieldset>
        <TextField name="startsAt" type="datetime-local" label={t('phishing.starts_at')} hint={t('phishing.starts_at_hint')} value={v('startsAt')} error={p.errors?.startsAt} />
        <p class="hint">{t('phishing.window_hint', WINDOW_BOUNDS)}</p>
        <TextField name="windowStart" type="time" label={t('phishing.window_start')} value={v('windowStart') ?? DEFAULT_WINDOW.start} error={p.errors?.window} required />
        <TextField name="windowEnd" type="time" label={t('phishing.window_end')} value={v('windowEnd') ?? DEFAULT_WINDOW.end} required />
        <div class="field">
          <Choice type="checkbox" name="weekdaysOnly" value="yes" label={t('phishing.weekdays_only')} checked={!p.values || v('weekdaysOnly') === 'yes'} />
        </div>
        <TextField
          name="ratePerMinute"
          type="number"
          inputMode="numeric"
          min={RATE.min}
          max={RATE.max}
          label={t('phishing.rate')}
          hint={t('phishing.rate_hint', { default: RATE.default, max: RATE.max })}
          value={v('ratePerMinute') ?? String(RATE.default)}
          error={p.errors?.ratePerMinute}
          required
        />
        <button type="submit">{t('phishing.create_button')}</button>
      </form>
    </PhishingFrame>
  );
}

function CampaignPage(p: { ctx: PageCtx; request: FastifyRequest; v: CampaignView }) {
  const { t, locale } = p.ctx;
  const c = p.v.campaign;
  const base = `/${locale}/companies/${p.request.company!.id}/phishing`;
  const running = RUNNING.has(c.status);
  const notice = noticeFrom(p.request, NOTICES);
  return (
    <PhishingFrame ctx={p.ctx} request={p.request} title={c.name} current="phishing">
      <h2>{c.name}</h2>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <p>{t('phishing.when', { start: formatDateTime(c.starts_at, locale), from: c.window_start, to: c.window_end })}</p>
      <section id="phishing-progress" data-url={`${base}/${c.id}/progress`} data-running={String(running)}>
        <Progress ctx={p.ctx} v={p.v} />
        <progress class="progress" max={Math.max(1, p.v.progress.total)} value={p.v.progress.sent} aria-label={t('phishing.progress', { sent: p.v.progress.sent, total: p.v.progress.total })}>
          {`${p.v.progress.sent}/${p.v.progress.total}`}
        </progress>
        {running ? (
          <p class="hint">
            {t('phishing.refresh_hint')}{' '}
            <a href={`${base}/${c.id}`} data-testid="phishing-refresh">
              {t('phishing.refresh')}
            </a>
          </p>
        ) : null}
      </section>
      {running ? (
        <form method="post" action={`${base}/${c.id}/cancel`} data-confirm={t('phishing.cancel_confirm')}>
          <Csrf ctx={p.ctx} />
          <button type="submit" class="danger">
            {t('phishing.cancel')}
          </button>
        </form>
      ) : null}
      <p>
        <a href={base}>{t('phishing.back')}</a>
      </p>
      <script src="/assets/phishing-progress.js" defer />
    </PhishingFrame>
  );
}

const Form = z.object({
  name: z.string().max(300).default(''),
  templateId: z.string().max(100).default(''),
  groups: z.union([z.string().max(300), z.array(z.string().max(300)).max(200)]).optional(),
  startsAt: z.string().max(40).default(''),
  windowStart: z.string().max(10).default(''),
  windowEnd: z.string().max(10).default(''),
  weekdaysOnly: z.string().max(5).optional(),
  ratePerMinute: z.string().max(10).default(''),
});

export function campaignRoutes(deps: AppDeps) {
  return async function (app: FastifyInstance): Promise<void> {
    const access = { config: { access: companyAccess('run_phishing') } };
    const templates = () => [...loadContent().phishing.templates.values()];
    const base = (request: FastifyRequest) => `/${request.locale}/companies/${request.company!.id}/phishing`;
    const actor = (request: FastifyRequest) => ({ userId: request.user!.id, ip: requestMeta(request).ip });
    const Id = z.object({ campaignId: z.uuid() });

    async function listPage(request: FastifyRequest, extra: Partial<ListProps> = {}) {
      const id = request.company!.id;
      return <CampaignsPage ctx={pageCtx(request)} request={request} campaigns={await campaignsOf(deps, id)} templates={templates()} groups={await listGroups(deps.db, id)} {...extra} />;
    }

    app.get('/:lang/companies/:companyId/phishing', access, async (request, reply) => {
      const offer = await acceptedOffer(deps, request.company!.id, (request.query as Record<string, unknown>).offer, 'phishing_test');
      return sendPage(reply, await listPage(request, offer ? { offer, values: phishingOfferDefaults(deps, offer) } : {}));
    });

    app.post('/:lang/companies/:companyId/phishing', access, async (request, reply) => {
      const parsed = Form.safeParse(request.body ?? {});
      const f = parsed.success ? parsed.data : Form.parse({});
      const picked = [f.groups ?? []].flat();
      const groups = picked.length === 0 || picked.includes('*') ? null : picked.map((g) => (g === '-' ? '' : g));
      const rate = /^\d{1,6}$/.test(f.ratePerMinute.trim()) ? Number(f.ratePerMinute.trim()) : Number.NaN;
      const offer = await acceptedOffer(deps, request.company!.id, (request.body as Record<string, unknown> | undefined)?.offer, 'phishing_test');
      if (offer && !startsWithinOffer(deps, offer, f.startsAt)) {
        const startsAt = request.t('pchallenge.outside', { start: formatDay(offer.startsOn, request.locale), end: formatDay(offer.endsOn, request.locale) });
        return sendPage(reply, await listPage(request, { offer, errors: { startsAt }, values: { ...f, groups: picked, weekdaysOnly: f.weekdaysOnly ?? 'no' } }), 400);
      }
      const r = await createCampaign(deps, request.company!, actor(request), {
        name: f.name,
        templateId: f.templateId,
        groups,
        startsAt: f.startsAt,
        windowStart: f.windowStart,
        windowEnd: f.windowEnd,
        weekdaysOnly: f.weekdaysOnly === 'yes',
        ratePerMinute: rate,
      });
      const values = { ...f, groups: picked, weekdaysOnly: f.weekdaysOnly ?? 'no' };
      if (!r.ok) {
        if (r.error === 'invalid') {
          const errors = Object.fromEntries(Object.entries(r.problems).map(([k, p]) => [k, campaignProblemText(request.t, p)]));
          return sendPage(reply, await listPage(request, { errors, values, offer }), 400);
        }
        if (r.error === 'rate_limited') {
          reply.header('retry-after', String(r.retryAfterSeconds));
          const general = request.t('limit.campaigns', { wait: formatWait(r.retryAfterSeconds, request.locale) });
          return sendPage(reply, await listPage(request, { general, values, offer }), 429);
        }
        const general = request.t(`phishing.refused.${r.error}`, { addresses: r.addresses.slice(0, 10).join(', ') + (r.addresses.length > 10 ? ' …' : '') });
        return sendPage(reply, await listPage(request, { general, values, domainRefusal: true, offer }), 422);
      }
      // Counts towards the organisation's aggregated outcome only when it is the offered exercise (same fake mail).
      if (offer && offer.templateId === f.templateId) await linkOfferCampaign(deps, offer, request.company!.id, r.campaign.id);
      return reply.redirect(`${base(request)}/${r.campaign.id}?done=created`, 303);
    });

    app.get('/:lang/companies/:companyId/phishing/:campaignId', access, async (request, reply) => {
      const id = Id.safeParse(request.params);
      const v = id.success ? await campaignOf(deps, request.company!.id, id.data.campaignId) : undefined;
      if (!v) return reply.callNotFound();
      return sendPage(reply, <CampaignPage ctx={pageCtx(request)} request={request} v={v} />);
    });

    /** The numbers the page's small script polls (progressive enhancement; the page works without it). */
    app.get('/:lang/companies/:companyId/phishing/:campaignId/progress', access, async (request, reply) => {
      const id = Id.safeParse(request.params);
      const v = id.success ? await campaignOf(deps, request.company!.id, id.data.campaignId) : undefined;
      if (!v) return reply.callNotFound();
      return reply.header('cache-control', 'no-store').send({ status: v.campaign.status, sent: v.progress.sent, total: v.progress.total, failed: v.progress.failed, text: request.t('phishing.progress', { sent: v.progress.sent, total: v.progress.total }) });
    });

    app.post('/:lang/companies/:companyId/phishing/:campaignId/cancel', access, async (request, reply) => {
      const id = Id.safeParse(request.params);
      if (!id.success) return reply.callNotFound();
      const r = await cancelCampaign(deps, request.company!.id, id.data.campaignId, actor(request));
      if (r === 'not_found') return reply.callNotFound();
      return reply.redirect(`${base(request)}/${id.data.campaignId}?done=cancelled`, 303);
    });
  };
}
